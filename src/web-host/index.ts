import { runWebHost } from './run'

export { startWebHost, MAX_BODY_BYTES, SESSION_HEADER, type WebHost, type WebHostOptions } from './server'
export { runWebHost } from './run'

// Entry point of out/cli/web-host.cjs (and `tsx src/web-host/index.ts`); importing it from tests runs nothing.
if (require.main === module) {
  runWebHost(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      console.error(e)
      process.exitCode = 1
    },
  )
}
