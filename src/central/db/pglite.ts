import { EventEmitter } from 'node:events'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { acquireLock } from './lockfile'
import { typeParsers, type Row, type Sql, type Tx } from './sql'

const toBuffer = (rows: Row[]): Row[] => {
  for (const r of rows)
    for (const k in r)
      if (r[k] instanceof Uint8Array && !Buffer.isBuffer(r[k])) r[k] = Buffer.from(r[k] as Uint8Array)
  return rows
}

/**
 * PGlite (PostgreSQL in WebAssembly, one connection) in `<dataDir>/pgdata`. Every query and transaction
 * goes through one in-process queue, so a transaction never interleaves with another statement; a pid file
 * keeps other processes out of the folder; notifications are an in-process signal after commit.
 */
export async function openPglite(dataDir: string): Promise<Sql> {
  mkdirSync(dataDir, { recursive: true })
  const release = acquireLock(join(dataDir, 'central.pid'))
  let db: PGlite
  try {
    db = await PGlite.create(join(dataDir, 'pgdata'), { parsers: typeParsers })
    await db.exec("SET TIME ZONE 'UTC'")
  } catch (e) {
    release()
    throw e
  }
  const signals = new EventEmitter()
  signals.setMaxListeners(0)
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error('database closed'))
    const run = queue.then(job, job)
    queue = run.catch(() => undefined)
    return run
  }
  const wrap = (q: PGlite | Transaction): Omit<Tx, 'notify'> => ({
    query: async <T = Row>(text: string, params?: readonly unknown[]) =>
      toBuffer((await q.query<Row>(text, params as unknown[])).rows) as T[],
    exec: async (text: string) => {
      await q.exec(text)
    },
  })
  const direct = wrap(db)

  return {
    engine: 'pglite',
    query: (text, params) => enqueue(() => direct.query(text, params)),
    exec: (text) => enqueue(() => direct.exec(text)),
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return enqueue(async () => {
        const notes: [string, string][] = []
        const result = await db.transaction(async (t) =>
          fn({ ...wrap(t), notify: (c, p) => notes.push([c, p]) }),
        )
        for (const [c, p] of notes) signals.emit(c, p)
        return result
      })
    },
    async listen(channel, handler) {
      signals.on(channel, handler)
      return async () => {
        signals.off(channel, handler)
      }
    },
    async close() {
      if (closed) return
      await enqueue(async () => undefined)
      closed = true
      try {
        await db.close()
      } finally {
        release()
      }
    },
  }
}
