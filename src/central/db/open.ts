import { openPglite } from './pglite'
import { openPostgres } from './pg'
import type { Sql } from './sql'

export interface OpenOptions {
  /** postgres://… — when set the central runs on PostgreSQL; else on PGlite in `dataDir`. */
  databaseUrl?: string | null
  dataDir?: string | null
}

export async function openSql(o: OpenOptions): Promise<Sql> {
  if (o.databaseUrl) return openPostgres(o.databaseUrl)
  if (!o.dataDir) throw new Error('Either DATABASE_URL or a data folder (--data DIR) is needed.')
  return openPglite(o.dataDir)
}
