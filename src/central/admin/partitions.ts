import { TOMBSTONE_RETENTION_DAYS } from '../../contract/sync'
import type { WriteTable } from '../../core/sync/rows'
import type { Sql } from '../db/sql'
import { nextVersion, recordPuts } from '../sync/changes'

/** The ids of a customer's rows per table (the customer and everything hanging under it). */
async function subtree(sql: Pick<Sql, 'query'>, customerId: string): Promise<Record<WriteTable, string[]>> {
  const [r] = await sql.query<Record<WriteTable, string[]>>(
    `SELECT ARRAY[$1::text] AS customers,
       ARRAY(SELECT id FROM premises WHERE customer_id = $1) AS premises,
       ARRAY(SELECT m.id FROM meters m JOIN premises p ON p.id = m.premise_id WHERE p.customer_id = $1) AS meters,
       ARRAY(SELECT r.id FROM readings r JOIN meters m ON m.id = r.meter_id JOIN premises p ON p.id = m.premise_id
             WHERE p.customer_id = $1) AS readings,
       ARRAY(SELECT id FROM consents WHERE customer_id = $1) AS consents,
       ARRAY(SELECT id FROM documents WHERE customer_id = $1) AS documents`,
    [customerId],
  )
  return r
}

/**
 * Moves a customer to another service centre: the new centre's desks get every row, the old centre's get a
 * delete (a tombstone) for each, all at one commit version.
 */
export async function moveCustomer(sql: Sql, customerId: string, centreId: string): Promise<void> {
  await sql.transaction(async (tx) => {
    const [c] = await tx.query<{ service_centre_id: string }>(
      'SELECT service_centre_id FROM customers WHERE id = $1 FOR UPDATE',
      [customerId],
    )
    if (!c) throw new Error(`No customer ${customerId}`)
    if (c.service_centre_id === centreId) return
    await tx.query(
      'UPDATE customers SET service_centre_id = $2, version = version + 1, updated_at = $3 WHERE id = $1',
      [customerId, centreId, new Date().toISOString()],
    )
    const ids = await subtree(tx, customerId)
    const version = await nextVersion(tx)
    for (const [table, list] of Object.entries(ids) as [WriteTable, string[]][]) {
      await tx.query(
        `UPDATE sync_entities SET op = 'delete', row_data = NULL, version = $4, changed_at = now()
         WHERE centre_id = $1 AND entity_type = $2 AND entity_id = ANY($3)`,
        [c.service_centre_id, table, list, version],
      )
      await recordPuts(tx, table, list, version)
    }
  })
}

/**
 * Drops tombstones older than the retention (180 days) and raises the purge watermark to the newest
 * version dropped: a desk whose cursor is below it can no longer learn of those deletes and gets 410.
 */
export async function purgeTombstones(
  sql: Sql,
  olderThan = new Date(Date.now() - TOMBSTONE_RETENTION_DAYS * 86_400_000),
): Promise<{ removed: number; purgeWatermark: number }> {
  return sql.transaction(async (tx) => {
    const gone = await tx.query<{ version: number }>(
      "DELETE FROM sync_entities WHERE op = 'delete' AND changed_at < $1 RETURNING version",
      [olderThan.toISOString()],
    )
    const top = gone.reduce((m, r) => Math.max(m, r.version), 0)
    const [clock] = await tx.query<{ purge_watermark: number }>(
      'UPDATE sync_clock SET purge_watermark = greatest(purge_watermark, $1) WHERE id = 1 RETURNING purge_watermark',
      [top],
    )
    // Spent credentials go too.
    await tx.query("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '30 days'")
    await tx.query('DELETE FROM enrol_codes WHERE used_at IS NOT NULL OR expires_at < now()')
    return { removed: gone.length, purgeWatermark: clock.purge_watermark }
  })
}
