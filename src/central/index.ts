import pino, { type Logger } from 'pino'
import type { FastifyInstance } from 'fastify'
import { tokenKey } from './auth/tokens'
import { BlobStore } from './blobs/store'
import type { Sql } from './db/sql'
import { buildServer } from './http/server'
import { centralCalendar, publishReference } from './reference'
import type { Handler } from './sync/handlers'
import { ChangeSignal } from './sync/pull'

export interface CentralOptions {
  sql: Sql
  /** Where blob bytes live; every instance on one database must share it. */
  blobDir: string
  logger?: Logger
  now?: () => number
  /** Tests only: replace a mutation's handler (e.g. one that fails internally). */
  handlers?: Partial<Record<string, Handler>>
}

export interface Central {
  app: FastifyInstance
  sql: Sql
  /** Stops answering (long polls return at once) and closes the HTTP server; the caller closes `sql`. */
  close(): Promise<void>
}

/**
 * The central service on an open, migrated database: publishes the reference datasets, makes sure the
 * token key exists, listens for commits (to wake long polls) and builds the HTTP server (not yet listening).
 */
export async function createCentral(o: CentralOptions): Promise<Central> {
  const now = o.now ?? Date.now
  const logger = o.logger ?? pino({ level: 'silent' })
  await publishReference(o.sql)
  const key = await tokenKey(o.sql)
  const signal = new ChangeSignal()
  await signal.start(o.sql)
  const closing = new AbortController()
  const app = buildServer({
    sql: o.sql,
    key,
    blobs: new BlobStore(o.sql, o.blobDir),
    signal,
    apply: { sql: o.sql, now, calendar: centralCalendar, handlers: o.handlers },
    now,
    logger,
    closing: closing.signal,
  })
  let closed: Promise<void> | null = null
  return {
    app,
    sql: o.sql,
    close() {
      closed ??= (async () => {
        closing.abort()
        await signal.stop()
        await app.close()
      })()
      return closed
    },
  }
}
