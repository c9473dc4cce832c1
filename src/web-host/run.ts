import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { explain } from '../backend/host/explain'
import { seedOnFirstRun } from '../backend/host/first-run'
import { defaultDbFile, defaultRendererDir } from './paths'
import { startWebHost, type WebHost } from './server'

const USAGE = 'web-host [--db FILE] [--port N] [--renderer DIR]'

/** Runs the browser shell until SIGINT/SIGTERM; returns the exit code. */
export async function runWebHost(argv: string[]): Promise<number> {
  let values: { db?: string; port?: string; renderer?: string; help?: boolean }
  try {
    values = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        renderer: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values
  } catch (e) {
    console.error(`${(e as Error).message}\nUsage: ${USAGE}`)
    return 3
  }
  if (values.help) {
    console.log(`GasDesk browser shell\n\nUsage: ${USAGE}`)
    return 0
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), got ${values.port}\nUsage: ${USAGE}`)
    return 3
  }
  // The default database is created on first run; a --db the agent names must already exist (a typo
  // would otherwise start an empty desk, or a 0-byte file be replaced by one).
  const named = values.db !== undefined
  const dbFile = resolve(values.db ?? defaultDbFile())
  let host: WebHost
  try {
    if (!named) {
      mkdirSync(dirname(dbFile), { recursive: true })
      await seedOnFirstRun(dbFile)
    }
    host = await startWebHost({
      dbFile,
      port,
      rendererDir: resolve(values.renderer ?? defaultRendererDir()),
      backendOptions: { create: false },
    })
  } catch (e) {
    console.error(`GasDesk browser shell could not start: ${explain(e)}`)
    return 1
  }
  console.log(`GasDesk browser shell: ${host.url}#token=${host.token}`)
  return new Promise<number>((done) => {
    // Listeners stay installed while closing: a second Ctrl+C (or npm forwarding the first one again)
    // must not kill the process before the database is closed.
    let stopping = false
    const stop = (): void => {
      if (stopping) return
      stopping = true
      host.close().then(
        () => done(0),
        () => done(1),
      )
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
