import type { Database } from 'better-sqlite3'
import { m001Foundation } from './001-foundation'
import { m002Domain } from './002-domain'
import { m003CustomerSearch } from './003-customer-search'
import { m004SearchConsents } from './004-search-consents'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** Forward-only, numbered from 1 with no gaps; the last one's number is the schema version. */
export const migrations: readonly Migration[] = [
  m001Foundation,
  m002Domain,
  m003CustomerSearch,
  m004SearchConsents,
]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version
