import type { SyncStatus } from '../../contract'
import type { Db } from '../db/open'

/**
 * What the status bar shows. `online` is false until the sync client (a later issue) has reached the
 * central system; with no central system configured the desk is, honestly, offline.
 */
export function readSyncStatus(db: Db, online: boolean): SyncStatus {
  const counts = db
    .prepare(
      `SELECT
         sum(status IN ('pending', 'inflight')) AS pending,
         min(CASE WHEN status IN ('pending', 'inflight') THEN client_time END) AS oldest,
         sum(status = 'rejected') AS rejected,
         sum(status = 'conflict') AS conflicts
       FROM outbox`,
    )
    .get() as {
    pending: number | null
    oldest: string | null
    rejected: number | null
    conflicts: number | null
  }
  const state = db.prepare('SELECT last_push_at, last_pull_at FROM sync_state WHERE id = 1').get() as
    { last_push_at: string | null; last_pull_at: string | null } | undefined
  return {
    online,
    pending: counts.pending ?? 0,
    oldestPendingAt: counts.oldest,
    rejected: counts.rejected ?? 0,
    conflicts: counts.conflicts ?? 0,
    lastPushAt: state?.last_push_at ?? null,
    lastPullAt: state?.last_pull_at ?? null,
  }
}
