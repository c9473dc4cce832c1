import { randomUUID } from 'node:crypto'
import type { EnrolResponse, TokenPair } from '../../contract/sync'
import type { Db } from '../db/open'
import type { SecretStore } from '../secrets'

/** Where this desk syncs to and who it is there (sync_state; the tokens live in the SecretStore). */
export interface SyncConfig {
  clientId: string
  centralUrl: string
  workstationId: string
  workstationName: string
  centreId: string
}

export interface SyncErrorNote {
  code: string
  messageKey: string
  at: string
}

interface StateRow {
  client_id: string
  central_url: string | null
  central_workstation_id: string | null
  central_workstation_name: string | null
  centre_id: string | null
  cursor: string | null
  last_error: string | null
  next_retry_at: string | null
}

const row = (db: Db) => db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as StateRow | undefined

export function readConfig(db: Db): SyncConfig | null {
  const r = row(db)
  if (!r?.central_url || !r.central_workstation_id || !r.centre_id) return null
  return {
    clientId: r.client_id,
    centralUrl: r.central_url,
    workstationId: r.central_workstation_id,
    workstationName: r.central_workstation_name ?? '',
    centreId: r.centre_id,
  }
}

export function readCursor(db: Db): string | null {
  return row(db)?.cursor ?? null
}

export function readLastError(db: Db): { error: SyncErrorNote | null; nextRetryAt: string | null } {
  const r = row(db)
  return {
    error: r?.last_error ? (JSON.parse(r.last_error) as SyncErrorNote) : null,
    nextRetryAt: r?.next_retry_at ?? null,
  }
}

export function saveEnrolment(db: Db, centralUrl: string, e: EnrolResponse): void {
  db.prepare(
    `UPDATE sync_state SET central_url = ?, central_workstation_id = ?, central_workstation_name = ?,
       centre_id = ?, enrolled_at = ?, last_error = NULL, next_retry_at = NULL WHERE id = 1`,
  ).run(centralUrl, e.workstationId, e.workstationName, e.centreId, e.serverTime)
}

export function noteError(db: Db, error: SyncErrorNote | null, nextRetryAt: string | null): void {
  db.prepare('UPDATE sync_state SET last_error = ?, next_retry_at = ? WHERE id = 1').run(
    error ? JSON.stringify(error) : null,
    nextRetryAt,
  )
}

/** Skew and the central's verdict on our clock, from a push answer (only the central's clock orders). */
export function noteServerTime(db: Db, serverTime: string, localMs: number, clockSuspect?: boolean): void {
  db.prepare(
    `UPDATE sync_state SET server_time_skew_ms = ?, clock_suspect = coalesce(?, clock_suspect) WHERE id = 1`,
  ).run(localMs - Date.parse(serverTime), clockSuspect === undefined ? null : clockSuspect ? 1 : 0)
}

/**
 * A desk killed while a batch was on the wire left those rows `inflight`: they go back to `pending` on
 * start and are sent again (the central answers a repeat as a duplicate).
 */
export function resetInflight(db: Db): number {
  return db.prepare("UPDATE outbox SET status = 'pending' WHERE status = 'inflight'").run().changes
}

/**
 * The central holds another history under our client id (a restored or cloned database): take a new
 * client id and renumber the whole outbox 1..n in its order, so the central sees a fresh gapless run.
 * Mutation ids still dedupe what it already applied.
 */
export function rotateClientId(db: Db): string {
  const id = randomUUID()
  db.transaction(() => {
    const seqs = db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all() as number[]
    const move = db.prepare('UPDATE outbox SET seq = ? WHERE seq = ?')
    for (const s of seqs) move.run(-s, s)
    seqs.forEach((s, i) => move.run(i + 1, -s))
    db.prepare('UPDATE sync_state SET client_id = ?, next_seq = ? WHERE id = 1').run(id, seqs.length + 1)
  }).immediate()
  return id
}

/** The token pair in the SecretStore (`sync.token`), as JSON. */
export function readTokens(secrets: SecretStore): TokenPair | null {
  const v = secrets.get('sync.token')
  if (!v) return null
  try {
    return JSON.parse(v) as TokenPair
  } catch {
    return null
  }
}

export function saveTokens(secrets: SecretStore, t: TokenPair): void {
  secrets.set(
    'sync.token',
    JSON.stringify({
      accessToken: t.accessToken,
      accessExpiresAt: t.accessExpiresAt,
      refreshToken: t.refreshToken,
      refreshExpiresAt: t.refreshExpiresAt,
    }),
  )
}
