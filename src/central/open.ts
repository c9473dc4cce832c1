import { join } from 'node:path'
import { migrate } from './db/migrate'
import { openSql } from './db/open'
import type { Sql } from './db/sql'

export interface OpenCentralOptions {
  /** The data folder: PGlite's database (unless DATABASE_URL is set) and the blob files. */
  dataDir?: string | null
  databaseUrl?: string | null
}

/** Opens the central's database (PostgreSQL when a URL is given, else PGlite in the data folder) and migrates it. */
export async function openCentralDatabase(o: OpenCentralOptions): Promise<Sql> {
  const sql = await openSql({ databaseUrl: o.databaseUrl, dataDir: o.dataDir })
  try {
    await migrate(sql)
  } catch (e) {
    await sql.close()
    throw e
  }
  return sql
}

export const blobDirOf = (dataDir: string): string => join(dataDir, 'blobs')
