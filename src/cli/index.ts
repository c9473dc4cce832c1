// The process entry (`npm run gasdesk`, the built CLI): runs main and turns its answer into the exit code.
import { EXIT } from './errors'
import { main } from './gasdesk'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(`gasdesk: unexpected error: ${e instanceof Error ? e.message : String(e)}`)
    if (process.env.GASDESK_DEBUG) console.error(e)
    process.exitCode = EXIT.failed
  },
)
