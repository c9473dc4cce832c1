import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { isCorruptionCode } from './errors'
import { FULL_CHECK_MAX_BYTES } from './preflight'

export type IntegrityResult =
  | { status: 'ok' }
  | { status: 'corrupt'; reason: string }
  /** Small files were checked page by page before opening (preflight); nothing to do. */
  | { status: 'skipped' }
  /** The check itself could not run (file busy, worker failed); the file was not judged. */
  | { status: 'failed'; reason: string }

export interface IntegrityCheck {
  done: Promise<IntegrityResult>
  /** Stops a check still running (backend shutdown). */
  stop(): void
}

// Runs in a worker thread on its own read-only connection, so a check of a large file (seconds on the
// 200,000-customer database) never blocks the calls agents are making meanwhile.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.sqlite)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  const rows = db.pragma('quick_check(20)').map((r) => String(Object.values(r)[0]))
  const result = rows.join('; ').replace(/\\s*\\n\\s*/g, '; ').slice(0, 300)
  parentPort.postMessage({ ok: rows.length === 1 && rows[0] === 'ok', result })
} catch (e) {
  parentPort.postMessage({ ok: false, thrown: true, code: e && e.code, result: String(e && e.message).slice(0, 500) })
} finally {
  if (db) db.close()
}
`

/**
 * quick_check of a database too large for the pre-open check (preflight checks files up to 32 MB page by
 * page before SQLite opens them; above that only the catalogue and root pages are read at open).
 */
export function checkInBackground(file: string, minBytes = FULL_CHECK_MAX_BYTES + 1): IntegrityCheck {
  let size = 0
  try {
    size = statSync(file).size
  } catch {
    // ':memory:' or a file that vanished: nothing to check.
  }
  if (size < minBytes) return { done: Promise.resolve({ status: 'skipped' }), stop() {} }
  let worker: Worker | null = null
  const done = new Promise<IntegrityResult>((resolve) => {
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { file, sqlite: createRequire(__filename).resolve('better-sqlite3') },
      })
    } catch (e) {
      resolve({ status: 'failed', reason: (e as Error).message })
      return
    }
    worker.once('message', (m: { ok: boolean; thrown?: boolean; code?: string; result: string }) => {
      if (m.ok) resolve({ status: 'ok' })
      else if (!m.thrown || isCorruptionCode(m.code ?? null)) resolve({ status: 'corrupt', reason: m.result })
      else resolve({ status: 'failed', reason: `${m.code}: ${m.result}` })
    })
    worker.once('error', (e) => resolve({ status: 'failed', reason: e.message }))
    worker.once('exit', () => resolve({ status: 'failed', reason: 'stopped' }))
  })
  return {
    done,
    stop() {
      void worker?.terminate()
    },
  }
}
