import pg from 'pg'
import { isTransient, typeParsers, type Row, type Sql, type Tx } from './sql'

const types = {
  getTypeParser: (oid: number, format?: string) =>
    typeParsers[oid] ??
    (pg.types.getTypeParser as (o: number, f?: string) => (v: string) => unknown)(oid, format),
}

/** PostgreSQL through a `pg` pool; LISTEN on one dedicated connection shared by all listeners. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Sql> {
  const config = {
    connectionString: url,
    types,
    options: '-c TimeZone=UTC',
    application_name: 'gasdesk-central',
  }
  const pool = new pg.Pool({ ...config, max: options.max ?? 10 })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  })
  await pool.query('SELECT 1')
  const handlers = new Map<string, Set<(payload: string) => void>>()
  let listener: pg.Client | null = null
  let closed = false

  async function listenerClient(): Promise<pg.Client> {
    if (listener) return listener
    const c = new pg.Client(config)
    c.on('notification', (n) => {
      for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '')
    })
    c.on('error', () => {
      // Reconnect on the next listen; long polls also time out, so a lost wake-up only delays.
      if (listener === c) listener = null
      if (!closed) setTimeout(() => void resubscribe(), 1000).unref()
    })
    await c.connect()
    listener = c
    return c
  }
  async function resubscribe(): Promise<void> {
    if (closed || handlers.size === 0) return
    try {
      const c = await listenerClient()
      for (const ch of handlers.keys()) await c.query(`LISTEN ${ident(ch)}`)
    } catch {
      if (!closed) setTimeout(() => void resubscribe(), 2000).unref()
    }
  }

  const sql: Sql = {
    engine: 'postgres',
    async query<T = Row>(text: string, params?: readonly unknown[]) {
      return (await pool.query(text, params as unknown[])).rows as T[]
    },
    async exec(text: string) {
      await pool.query(text)
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      const notes: [string, string][] = []
      let broken = false
      try {
        await client.query('BEGIN')
        const tx: Tx = {
          query: async <R = Row>(text: string, params?: readonly unknown[]) =>
            (await client.query(text, params as unknown[])).rows as R[],
          exec: async (text: string) => {
            await client.query(text)
          },
          notify: (channel, payload) => notes.push([channel, payload]),
        }
        const result = await fn(tx)
        for (const [ch, p] of notes) await client.query('SELECT pg_notify($1, $2)', [ch, p])
        await client.query('COMMIT')
        return result
      } catch (e) {
        try {
          await client.query('ROLLBACK')
        } catch {
          broken = true
        }
        if (isTransient(e) && (e as { code?: string }).code?.startsWith('08')) broken = true
        throw e
      } finally {
        client.release(broken)
      }
    },
    async listen(channel, handler) {
      let set = handlers.get(channel)
      if (!set) {
        handlers.set(channel, (set = new Set()))
        await (await listenerClient()).query(`LISTEN ${ident(channel)}`)
      }
      set.add(handler)
      return async () => {
        set.delete(handler)
      }
    },
    async close() {
      closed = true
      const l = listener
      listener = null
      if (l) await l.end().catch(() => undefined)
      await pool.end()
    },
  }
  return sql
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`bad channel name ${name}`)
  return name
}
