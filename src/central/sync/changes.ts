import type { WriteTable } from '../../core/sync/rows'
import type { Queryable, Tx } from '../db/sql'
import { CENTRE_OF } from './tables'

export const SYNC_CHANNEL = 'gasdesk_sync'
/** The partition every desk pulls besides its own centre (agents, service centres). */
export const GLOBAL_PARTITION = '*'

/**
 * Takes the next commit version. The clock row stays locked until this transaction commits, so versions
 * are handed out in commit order: a reader that sees version v has also seen every version below it.
 * Call it as late as possible in a write transaction (it serialises writers from here to the commit).
 */
export async function nextVersion(tx: Tx): Promise<number> {
  const [{ version }] = await tx.query<{ version: number }>(
    'UPDATE sync_clock SET version = version + 1 WHERE id = 1 RETURNING version',
  )
  tx.notify(SYNC_CHANNEL, String(version))
  return version
}

/** Records the current rows of `ids` in their centre's partition at `version` (one statement per table). */
export async function recordPuts(
  q: Queryable,
  table: WriteTable,
  ids: string[],
  version: number,
): Promise<void> {
  if (ids.length === 0) return
  await q.query(
    `INSERT INTO sync_entities (centre_id, entity_type, entity_id, version, op, row_data, changed_at)
     SELECT x.centre_id, $2, x.id, $3, 'put', x.row_data, now() FROM (${CENTRE_OF[table]} WHERE t.id = ANY($1)) x
     ON CONFLICT (centre_id, entity_type, entity_id) DO UPDATE
       SET version = EXCLUDED.version, op = 'put', row_data = EXCLUDED.row_data, changed_at = EXCLUDED.changed_at`,
    [ids, table, version],
  )
}

/** Puts in the global partition (agents, service centres), straight from their tables. */
export async function recordGlobalPuts(
  q: Queryable,
  table: 'agents' | 'service_centres',
  ids: string[],
  version: number,
) {
  if (ids.length === 0) return
  await q.query(
    `INSERT INTO sync_entities (centre_id, entity_type, entity_id, version, op, row_data, changed_at)
     SELECT $4, $2, t.id, $3, 'put', to_jsonb(t), now() FROM ${table} t WHERE t.id = ANY($1)
     ON CONFLICT (centre_id, entity_type, entity_id) DO UPDATE
       SET version = EXCLUDED.version, op = 'put', row_data = EXCLUDED.row_data, changed_at = EXCLUDED.changed_at`,
    [ids, table, version, GLOBAL_PARTITION],
  )
}
