import { statSync } from 'node:fs'
import { arch, platform, release } from 'node:os'
import { basename } from 'node:path'
import type { SyncState } from '../../contract'
import { redact } from '../../core/redact'
import { schemaVersion, type Db } from '../db/open'
import { readSyncStatus } from './sync-status'

export interface DiagnosticsInfo {
  version: string
  shell: string
  /** The storage watch's state (ok, full, corrupt…); absent from the CLI. */
  storage?: string
  syncState?: SyncState
  nowMs: number
}

/** Tables whose row counts say how big this desk is (no row content is ever read). */
const COUNTED = [
  'customers',
  'premises',
  'meters',
  'readings',
  'invoices',
  'documents',
  'document_parts',
  'interactions',
  'audit_log',
  'outbox',
  'sync_deferred',
] as const

const fileSize = (file: string): number | null => statSync(file, { throwIfNoEntry: false })?.size ?? null

/** A database from before the sync client (schema < 10) has no status to read: say so, do not fail. */
function syncStatusOrWhy(db: Db, state: SyncState | undefined): unknown {
  try {
    return readSyncStatus(db, state)
  } catch (e) {
    return { unavailable: e instanceof Error ? e.message : String(e) }
  }
}

/** Only what an outbox error is (its code or reason), never its text: that may quote the customer. */
function errorKind(lastError: string | null): string | null {
  if (!lastError) return null
  try {
    const e = JSON.parse(lastError) as { code?: unknown; reason?: unknown }
    const kind = [e.code, e.reason].filter((x) => typeof x === 'string').join(':')
    return kind || 'unparsed'
  } catch {
    return 'unparsed'
  }
}

/**
 * What IT support needs to tell why a desk does not sync or feels slow, and nothing about a customer:
 * versions, the database's shape and size, sync state, the outbox by action and status (counts, ages,
 * error kinds), and table sizes. No row content is read except the outbox's error kinds; the whole
 * result then passes through `redact`, so a secret or personal code that slipped into any text (a URL,
 * an error message) leaves as `[redacted]` / `[personal code]`.
 */
export function collectDiagnostics(db: Db, info: DiagnosticsInfo): Record<string, unknown> {
  const file = db.name
  const pragma = (name: string): unknown => db.pragma(name, { simple: true })
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  )
  const counts: Record<string, number> = {}
  for (const t of COUNTED) {
    if (tables.has(t)) counts[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number
  }
  const outbox = db
    .prepare(
      `SELECT name, status, count(*) AS n, min(client_time) AS oldest, max(attempts) AS maxAttempts
       FROM outbox GROUP BY name, status ORDER BY name, status`,
    )
    .all()
  const problems = db
    .prepare(
      `SELECT seq, name, status, attempts, client_time AS at, last_error AS lastError FROM outbox
       WHERE status IN ('rejected', 'conflict') OR (status IN ('pending', 'inflight') AND last_error IS NOT NULL)
       ORDER BY seq DESC LIMIT 50`,
    )
    .all() as {
    seq: number
    name: string
    status: string
    attempts: number
    at: string
    lastError: string | null
  }[]
  const workstation =
    db.prepare('SELECT client_id AS clientId, workstation_name AS name FROM sync_state WHERE id = 1').get() ??
    null
  return redact({
    generatedAt: new Date(info.nowMs).toISOString(),
    app: { version: info.version, shell: info.shell },
    runtime: { node: process.versions.node, platform: platform(), release: release(), arch: arch() },
    workstation,
    storage: info.storage ?? null,
    database: {
      // The folder may carry the Windows user's name: the file's own name is enough to tell which one.
      file: file === ':memory:' ? file : basename(file),
      bytes: file === ':memory:' ? null : fileSize(file),
      walBytes: file === ':memory:' ? null : fileSize(`${file}-wal`),
      schemaVersion: schemaVersion(db),
      pageSize: pragma('page_size'),
      pageCount: pragma('page_count'),
      freePages: pragma('freelist_count'),
      journalMode: pragma('journal_mode'),
    },
    counts,
    sync: syncStatusOrWhy(db, info.syncState),
    outbox,
    outboxProblems: problems.map(({ lastError, ...row }) => ({ ...row, error: errorKind(lastError) })),
  }) as Record<string, unknown>
}
