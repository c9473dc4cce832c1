import {
  MAX_PUSH_BYTES,
  MAX_PUSH_MUTATIONS,
  type MutationResult,
  type PushedMutation,
  type PushResponse,
} from '../../contract/sync'
import type { Db } from '../db/open'
import { applyChange, withCentralRows } from './apply-rows'

export interface OutboxRow {
  seq: number
  mutation_id: string
  name: string
  entity_type: string
  entity_id: string
  base_version: number | null
  args: string
  args_version: number
  agent_id: string
  client_time: string
  status: 'pending' | 'inflight' | 'applied' | 'rejected' | 'conflict'
}

/** Room left in a request for the envelope around the mutations. */
const ENVELOPE_BYTES = 4096

/**
 * The next batch: consecutive seqs from `from` (a resend the central asked for with expectedSeq) or from
 * the first unsent row, at most 500 mutations or 1 MiB on the wire.
 */
export function nextBatch(db: Db, from: number | null): OutboxRow[] {
  const start =
    from ??
    (db.prepare("SELECT min(seq) FROM outbox WHERE status IN ('pending', 'inflight')").pluck().get() as
      number | null)
  if (start === null) return []
  const rows = db
    .prepare('SELECT * FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?')
    .all(start, MAX_PUSH_MUTATIONS) as OutboxRow[]
  const batch: OutboxRow[] = []
  let bytes = ENVELOPE_BYTES
  for (const r of rows) {
    if (batch.length > 0 && r.seq !== batch[batch.length - 1].seq + 1) break
    if (batch.length === 0 && r.seq !== start) break
    bytes += r.args.length + 400
    if (batch.length > 0 && bytes > MAX_PUSH_BYTES) break
    batch.push(r)
  }
  return batch
}

export function toWire(r: OutboxRow): PushedMutation {
  return {
    seq: r.seq,
    mutationId: r.mutation_id,
    name: r.name,
    argsVersion: r.args_version,
    entityType: r.entity_type,
    entityId: r.entity_id,
    baseVersion: r.base_version,
    agentId: r.agent_id,
    clientTime: r.client_time,
    args: JSON.parse(r.args) as unknown,
  }
}

export function markInflight(db: Db, batch: OutboxRow[]): void {
  const mark = db.prepare(
    "UPDATE outbox SET status = 'inflight', attempts = attempts + 1 WHERE seq = ? AND status IN ('pending', 'inflight')",
  )
  db.transaction(() => {
    for (const r of batch) mark.run(r.seq)
  }).immediate()
}

/** Outbox entity types of the pulled tables (a pulled row waits while its entity has unsent rows). */
export const OUTBOX_TYPE: Record<string, string> = {
  customers: 'customer',
  premises: 'premise',
  meters: 'meter',
  readings: 'reading',
  consents: 'consent',
  documents: 'document',
  agents: 'agent',
}
const TABLE_OF: Record<string, string> = Object.fromEntries(
  Object.entries(OUTBOX_TYPE).map(([t, e]) => [e, t]),
)

export interface VerdictSummary {
  applied: number
  rejected: number
  conflicts: number
  /** A precondition stopped the batch (blob-missing, upgrade-required, retry-later). */
  blocked: MutationResult['error'] | null
}

/**
 * Records the central's verdicts in ONE SQLite transaction: applied rows are marked (trimmed later, when the
 * pull that carries their effect commits); rejected and conflict rows keep their error for the queue and the
 * authoritative rows that came with them undo the optimistic change; a blocked row and everything after it
 * go back to pending. Pulled rows that waited for these entities are applied now, unless the central already
 * holds a newer version than they carry.
 */
export function recordVerdicts(
  db: Db,
  batch: OutboxRow[],
  res: PushResponse,
  localNowMs: number,
): VerdictSummary {
  const bySeq = new Map(batch.map((r) => [r.seq, r]))
  const summary: VerdictSummary = { applied: 0, rejected: 0, conflicts: 0, blocked: null }
  withCentralRows(db, () => {
    const setFinal = db.prepare(
      'UPDATE outbox SET status = ?, last_error = ?, server_result = ? WHERE seq = ? AND mutation_id = ?',
    )
    const answered = new Set<number>()
    const settled = new Map<string, number | null>()
    for (const r of res.results) {
      const row = bySeq.get(r.seq)
      if (!row || row.mutation_id !== r.mutationId) continue
      answered.add(r.seq)
      if (r.status === 'blocked') {
        summary.blocked = r.error
        db.prepare("UPDATE outbox SET status = 'pending', last_error = ? WHERE seq = ?").run(
          r.error ? JSON.stringify({ code: r.error.code, messageKey: r.error.messageKey }) : null,
          r.seq,
        )
        break
      }
      const outcome = r.status === 'duplicate' ? (r.outcome ?? 'applied') : r.status
      const error = r.error ? JSON.stringify({ code: r.error.code, messageKey: r.error.messageKey }) : null
      setFinal.run(outcome, outcome === 'applied' ? null : error, JSON.stringify(r), r.seq, row.mutation_id)
      if (outcome === 'applied') {
        summary.applied++
        if (row.name === 'customer.create') takeIssuedNumbers(db, row, r.result)
      } else {
        if (outcome === 'rejected') summary.rejected++
        else summary.conflicts++
        for (const e of r.rows) applyChange(db, e.type, e.id, e.op, e.row)
      }
      settled.set(`${row.entity_type}:${row.entity_id}`, outcome === 'applied' ? r.serverVersion : -1)
    }
    // Rows the answer did not reach (after a blocked one) are sent again.
    const back = db.prepare("UPDATE outbox SET status = 'pending' WHERE seq = ? AND status = 'inflight'")
    for (const r of batch) if (!answered.has(r.seq)) back.run(r.seq)
    for (const [key, serverVersion] of settled) releaseDeferred(db, key, serverVersion)
    db.prepare(
      'UPDATE sync_state SET last_push_at = ?, server_time_skew_ms = ?, clock_suspect = ? WHERE id = 1',
    ).run(res.serverTime, localNowMs - Date.parse(res.serverTime), res.clockSuspect ? 1 : 0)
  })
  return summary
}

/**
 * A pulled row that waited for `key` (entity type:id) is applied once no unsent row of the entity remains —
 * unless the verdict already made a newer version (applied: the pull brings it) or brought the
 * authoritative row itself (rejected/conflict, serverVersion -1).
 */
function releaseDeferred(db: Db, key: string, serverVersion: number | null): void {
  const [type, ...rest] = key.split(':')
  const id = rest.join(':')
  const table = TABLE_OF[type]
  if (!table) return
  const open = db
    .prepare(
      "SELECT 1 FROM outbox WHERE entity_type = ? AND entity_id = ? AND status IN ('pending', 'inflight')",
    )
    .get(type, id)
  if (open) return
  const d = db
    .prepare('SELECT op, row FROM sync_deferred WHERE entity_type = ? AND entity_id = ?')
    .get(table, id) as { op: 'put' | 'delete'; row: string | null } | undefined
  if (!d) return
  db.prepare('DELETE FROM sync_deferred WHERE entity_type = ? AND entity_id = ?').run(table, id)
  const row = d.row ? (JSON.parse(d.row) as Record<string, unknown>) : null
  const version = typeof row?.version === 'number' ? row.version : null
  if (serverVersion === -1) return
  if (serverVersion !== null && version !== null && version < serverVersion) return
  applyChange(db, table, id, d.op, row)
}

/** The central kept the desk's provisional numbers or issued its own: the desk shows what the central holds. */
function takeIssuedNumbers(db: Db, row: OutboxRow, result: unknown): void {
  const r = result as { customerNumber?: string; subscriberNumbers?: string[] } | null
  if (!r?.customerNumber) return
  const args = JSON.parse(row.args) as { rows?: { premiseId: string }[] }
  db.prepare(
    "UPDATE customers SET customer_number = '~' || customer_number WHERE customer_number = ? AND id <> ?",
  ).run(r.customerNumber, row.entity_id)
  db.prepare('UPDATE customers SET customer_number = ? WHERE id = ?').run(r.customerNumber, row.entity_id)
  ;(args.rows ?? []).forEach((p, i) => {
    const n = r.subscriberNumbers?.[i]
    if (!n) return
    db.prepare(
      "UPDATE premises SET subscriber_number = '~' || subscriber_number WHERE subscriber_number = ? AND id <> ?",
    ).run(n, p.premiseId)
    db.prepare('UPDATE premises SET subscriber_number = ? WHERE id = ?').run(n, p.premiseId)
  })
}
