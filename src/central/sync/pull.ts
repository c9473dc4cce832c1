import {
  DEFAULT_PULL_LIMIT,
  type AckRequest,
  type Change,
  type PullQuery,
  type PullResponse,
  type SyncEntityType,
} from '../../contract/sync'
import type { Sql } from '../db/sql'
import { GLOBAL_PARTITION, SYNC_CHANNEL } from './changes'
import { decodeCursor, encodeCursor, START, type Cursor } from './cursor'
import { SyncHttpError } from './http-error'
import type { Workstation } from './apply'

/** Wakes long polls on this instance when any instance commits a change (LISTEN/NOTIFY, or in-process). */
export class ChangeSignal {
  private waiters = new Set<() => void>()
  private unlisten: (() => Promise<void>) | null = null

  async start(sql: Sql): Promise<void> {
    this.unlisten = await sql.listen(SYNC_CHANNEL, () => this.wake())
  }
  wake(): void {
    const w = [...this.waiters]
    this.waiters.clear()
    for (const f of w) f()
  }
  /** A promise that settles on the next change or after `ms`; register it BEFORE reading, then await. */
  next(ms: number, abort?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t)
        this.waiters.delete(done)
        abort?.removeEventListener('abort', done)
        resolve()
      }
      const t = setTimeout(done, ms)
      this.waiters.add(done)
      abort?.addEventListener('abort', done)
    })
  }
  async stop(): Promise<void> {
    this.wake()
    await this.unlisten?.()
  }
}

interface EntityRow {
  entity_type: SyncEntityType
  entity_id: string
  version: number
  op: 'put' | 'delete'
  row_data: Record<string, unknown> | null
}

async function ensureClient(sql: Sql, ws: Workstation, clientId: string): Promise<number> {
  const rows = await sql.query<{ workstation_id: string; last_seq: number }>(
    `INSERT INTO sync_clients (client_id, workstation_id) VALUES ($1, $2)
     ON CONFLICT (client_id) DO UPDATE SET last_pull_at = now()
     RETURNING workstation_id, last_seq`,
    [clientId, ws.workstationId],
  )
  if (rows[0].workstation_id !== ws.workstationId)
    throw new SyncHttpError('forbidden', { reason: 'client-of-another-workstation' })
  return rows[0].last_seq
}

/**
 * GET /sync/v1/pull: the changes of the desk's partitions (its service centre and the global one) after the
 * cursor, in commit-version order. An empty cursor bootstraps: current rows only. A cursor older than the
 * purge watermark gets 410. With `wait` and nothing new, the request waits for a commit (or the timeout).
 */
export async function pull(
  sql: Sql,
  signal: ChangeSignal,
  ws: Workstation,
  q: PullQuery,
  now: () => number,
  abort?: AbortSignal,
): Promise<PullResponse> {
  let cursor: Cursor
  if (!q.cursor) {
    const [{ version }] = await sql.query<{ version: number }>('SELECT version FROM sync_clock WHERE id = 1')
    cursor = { ...START, bootstrapAt: version }
  } else {
    const c = decodeCursor(q.cursor)
    if (!c)
      throw new SyncHttpError('invalid-request', { issues: [{ path: 'cursor', message: 'not a cursor' }] })
    cursor = c
  }
  const lastSeq = await ensureClient(sql, ws, q.clientId)
  const limit = q.limit ?? DEFAULT_PULL_LIMIT
  // The wait runs on the monotonic clock: the business clock may jump (or stand still in tests).
  const deadline = performance.now() + (q.wait ?? 0) * 1000
  for (;;) {
    const woken = signal.next(Math.max(0, deadline - performance.now()), abort)
    const [clock] = await sql.query<{ purge_watermark: number }>(
      'SELECT purge_watermark FROM sync_clock WHERE id = 1',
    )
    if (q.cursor && cursor.version < clock.purge_watermark)
      throw new SyncHttpError('purged', { purgeWatermark: String(clock.purge_watermark) })
    const rows = await sql.query<EntityRow>(
      `SELECT entity_type, entity_id, version, op, row_data FROM sync_entities
       WHERE centre_id = ANY($1) AND (version, entity_type, entity_id) > ($2, $3, $4)
         AND NOT (op = 'delete' AND version <= $5)
       ORDER BY version, entity_type, entity_id LIMIT $6`,
      [
        [ws.centreId, GLOBAL_PARTITION],
        cursor.version,
        cursor.type,
        cursor.id,
        cursor.bootstrapAt ?? -1,
        limit + 1,
      ],
    )
    const hasMore = rows.length > limit
    const page = rows.slice(0, limit)
    if (page.length > 0 || performance.now() >= deadline || abort?.aborted) {
      const lastRow = page[page.length - 1]
      const next: Cursor = lastRow
        ? {
            version: lastRow.version,
            type: lastRow.entity_type,
            id: lastRow.entity_id,
            bootstrapAt: cursor.bootstrapAt,
          }
        : cursor
      // A finished bootstrap continues as a plain cursor (deletes after it are all delivered anyway).
      if (!hasMore) next.bootstrapAt = null
      const changes: Change[] = page.map((r) => ({
        type: r.entity_type,
        id: r.entity_id,
        op: r.op,
        version: r.version,
        row: r.row_data,
      }))
      return {
        changes,
        cursor: encodeCursor(next),
        hasMore,
        lastSeq,
        purgeWatermark: String(clock.purge_watermark),
        serverTime: new Date(now()).toISOString(),
      }
    }
    await woken
  }
}

/** POST /sync/v1/ack: how far the desk has applied (fleet status and tombstone clean-up). */
export async function ack(sql: Sql, ws: Workstation, req: AckRequest): Promise<void> {
  const c = decodeCursor(req.cursor)
  if (!c)
    throw new SyncHttpError('invalid-request', { issues: [{ path: 'cursor', message: 'not a cursor' }] })
  const rows = await sql.query(
    `UPDATE sync_clients SET ack_version = greatest(coalesce(ack_version, 0), $3), ack_at = now()
     WHERE client_id = $1 AND workstation_id = $2 RETURNING client_id`,
    [req.clientId, ws.workstationId, c.version],
  )
  if (rows.length === 0) throw new SyncHttpError('not-found', { what: 'client' })
}
