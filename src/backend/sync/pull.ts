import type { PullResponse } from '../../contract/sync'
import type { Db } from '../db/open'
import { refreshSearchIndex } from '../services/customers/search-index'
import { applyChange, withCentralRows } from './apply-rows'
import { OUTBOX_TYPE } from './outbox'

export interface PageSummary {
  applied: number
  deferred: number
  trimmed: number
}

/**
 * Applies one pull page in ONE SQLite transaction with the new cursor and the outbox trimming (SYNC.md): a
 * crash leaves all of it or none, and the cursor never runs ahead of the rows. A row of an entity that still
 * has unsent outbox rows waits in sync_deferred (the agent's unsent edit is never reverted on screen);
 * applied outbox rows up to the central's lastSeq are trimmed, since the page carries their effect.
 */
export function applyPage(db: Db, page: PullResponse, localNowMs: number): PageSummary {
  const summary: PageSummary = { applied: 0, deferred: 0, trimmed: 0 }
  withCentralRows(db, () => {
    const unsent = db.prepare(
      "SELECT 1 FROM outbox WHERE entity_type = ? AND entity_id = ? AND status IN ('pending', 'inflight')",
    )
    const defer = db.prepare(
      `INSERT INTO sync_deferred (entity_type, entity_id, op, row) VALUES (?, ?, ?, ?)
       ON CONFLICT (entity_type, entity_id) DO UPDATE SET op = excluded.op, row = excluded.row`,
    )
    for (const c of page.changes) {
      if (unsent.get(OUTBOX_TYPE[c.type] ?? c.type, c.id)) {
        defer.run(c.type, c.id, c.op, c.row ? JSON.stringify(c.row) : null)
        summary.deferred++
        continue
      }
      applyChange(db, c.type, c.id, c.op, c.row)
      summary.applied++
    }
    summary.trimmed = db
      .prepare("DELETE FROM outbox WHERE status = 'applied' AND seq <= ?")
      .run(page.lastSeq).changes
    db.prepare(
      'UPDATE sync_state SET cursor = ?, last_pull_at = ?, server_time_skew_ms = ? WHERE id = 1',
    ).run(page.cursor, page.serverTime, localNowMs - Date.parse(page.serverTime))
    refreshSearchIndex(db)
  })
  return summary
}

/** A cursor older than the central's purge watermark (410): start over from a bootstrap. */
export function forgetCursor(db: Db): void {
  db.prepare('UPDATE sync_state SET cursor = NULL WHERE id = 1').run()
}
