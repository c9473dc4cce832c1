import type { Database } from 'better-sqlite3'
import { m001Foundation } from './001-foundation'
import { m002Domain } from './002-domain'
import { m003CustomerSearch } from './003-customer-search'
import { m004StatementPayments } from './004-statement-payments'
import { m005AuditLogIndexes } from './005-audit-log-indexes'
import { m006SignInThrottle } from './006-sign-in-throttle'
import { m007SearchConsents } from './007-search-consents'
import { m008DetachedContent } from './008-detached-content'
import { m009Interactions } from './009-interactions'
import { m010SyncClient } from './010-sync-client'
import { m011DocumentParts } from './011-document-parts'
import { m012FaqArticles } from './012-faq-articles'

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
  m004StatementPayments,
  m005AuditLogIndexes,
  m006SignInThrottle,
  m007SearchConsents,
  m008DetachedContent,
  m009Interactions,
  m010SyncClient,
  m011DocumentParts,
  m012FaqArticles,
]

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version
