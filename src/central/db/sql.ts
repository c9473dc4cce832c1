/**
 * The one database interface of the central: a query, a multi-statement script, and a transaction. Two
 * engines implement it — PostgreSQL through `pg` (DATABASE_URL) and PGlite in a data folder — and every
 * statement the central runs is plain PostgreSQL 15 that both accept. Both return the same JS values:
 * int8 as number, timestamptz as an ISO string (UTC, milliseconds), date as 'YYYY-MM-DD', bytea as Buffer.
 */
export type Row = Record<string, unknown>

export interface Queryable {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>
}

export interface Tx extends Queryable {
  /** Delivered to listeners on every central instance after this transaction commits; dropped on rollback. */
  notify(channel: string, payload: string): void
}

export type Engine = 'postgres' | 'pglite'

export interface Sql extends Queryable {
  readonly engine: Engine
  /** READ COMMITTED; on PGlite every transaction (and query) runs through one in-process queue. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/** PostgreSQL error codes a whole transaction may simply be retried after. */
const TRANSIENT = new Set(['40001', '40P01', '55P03', '57P01', '08006', '08003', '08000'])
export function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return typeof code === 'string' && TRANSIENT.has(code)
}

/** The same conversions on both engines (see the file comment). */
export const typeParsers: Record<number, (v: string) => unknown> = {
  20: (v) => Number(v), // int8
  1700: (v) => v, // numeric stays exact
  1082: (v) => v, // date
  1114: (v) => new Date(`${v.replace(' ', 'T')}Z`).toISOString(), // timestamp (UTC by convention)
  1184: (v) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/u, '$1:00')).toISOString(), // timestamptz
}
