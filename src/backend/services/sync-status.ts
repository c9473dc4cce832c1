import type { SyncState, SyncStatus } from '../../contract'
import type { Db } from '../db/open'
import { readConfig, readLastError } from '../sync/state'

/**
 * What the status bar shows. `state` is the running sync client's; without one (the CLI) it is read from
 * the database: not enrolled, offline when the last attempt failed, else online as of the last contact.
 */
export function readSyncStatus(db: Db, live?: SyncState): SyncStatus {
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
  const state = db
    .prepare('SELECT last_push_at, last_pull_at, clock_suspect FROM sync_state WHERE id = 1')
    .get() as { last_push_at: string | null; last_pull_at: string | null; clock_suspect: number } | undefined
  const config = readConfig(db)
  const { error, nextRetryAt } = readLastError(db)
  const derived: SyncState = !config
    ? 'not-enrolled'
    : error
      ? error.code === 'unauthenticated' || error.code === 'http-401'
        ? 'needs-sign-in'
        : error.code === 'upgrade-required'
          ? 'update-required'
          : 'offline'
      : state?.last_pull_at
        ? 'online'
        : 'offline'
  const current = live ?? derived
  return {
    online: current === 'online' || current === 'syncing',
    pending: counts.pending ?? 0,
    oldestPendingAt: counts.oldest,
    rejected: counts.rejected ?? 0,
    conflicts: counts.conflicts ?? 0,
    lastPushAt: state?.last_push_at ?? null,
    lastPullAt: state?.last_pull_at ?? null,
    state: current,
    clockSuspect: state?.clock_suspect === 1,
    central: config?.centralUrl ?? null,
    workstation: config?.workstationName ?? null,
    centre: config?.centreId ?? null,
    lastError: error,
    nextRetryAt,
  }
}
