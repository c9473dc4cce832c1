import type { Sql } from '../db/sql'

export interface FleetStatus {
  engine: string
  version: number
  purgeWatermark: number
  centres: { id: string; customers: number }[]
  workstations: {
    id: string
    centre: string
    name: string
    enrolled: boolean
    revoked: boolean
    lastSeq: number
    lastPushAt: string | null
    lastPullAt: string | null
    /** Commit versions the workstation has not acknowledged yet (null: never acknowledged). */
    lag: number | null
    openConflicts: number
    deadLetters: number
  }[]
  openConflicts: number
  deadLetters: number
}

/** `central status`: lag, pending and conflicts per workstation (issue 9 §4). */
export async function fleetStatus(sql: Sql): Promise<FleetStatus> {
  const [clock] = await sql.query<{ version: number; purge_watermark: number }>(
    'SELECT version, purge_watermark FROM sync_clock WHERE id = 1',
  )
  const centres = await sql.query<{ id: string; customers: number }>(
    `SELECT s.id, count(c.id)::int AS customers FROM service_centres s
     LEFT JOIN customers c ON c.service_centre_id = s.id GROUP BY s.id ORDER BY s.id`,
  )
  const ws = await sql.query<{
    id: string
    centre: string
    name: string
    enrolled_at: string | null
    revoked_at: string | null
    last_seq: number | null
    last_push_at: string | null
    last_pull_at: string | null
    ack_version: number | null
    conflicts: number
    dead: number
  }>(
    `SELECT w.id, w.centre_id AS centre, w.name, w.enrolled_at, w.revoked_at,
       max(c.last_seq) AS last_seq, max(c.last_push_at) AS last_push_at, max(c.last_pull_at) AS last_pull_at,
       max(c.ack_version) AS ack_version,
       (SELECT count(*)::int FROM sync_conflicts k JOIN sync_clients cc ON cc.client_id = k.client_id
         WHERE cc.workstation_id = w.id AND k.resolved_at IS NULL) AS conflicts,
       (SELECT count(*)::int FROM sync_dead_letters d JOIN sync_clients cc ON cc.client_id = d.client_id
         WHERE cc.workstation_id = w.id) AS dead
     FROM workstations w LEFT JOIN sync_clients c ON c.workstation_id = w.id
     GROUP BY w.id ORDER BY w.centre_id, w.name`,
  )
  const [totals] = await sql.query<{ conflicts: number; dead: number }>(
    `SELECT (SELECT count(*)::int FROM sync_conflicts WHERE resolved_at IS NULL) AS conflicts,
            (SELECT count(*)::int FROM sync_dead_letters) AS dead`,
  )
  return {
    engine: sql.engine,
    version: clock.version,
    purgeWatermark: clock.purge_watermark,
    centres,
    workstations: ws.map((w) => ({
      id: w.id,
      centre: w.centre,
      name: w.name,
      enrolled: w.enrolled_at !== null,
      revoked: w.revoked_at !== null,
      lastSeq: w.last_seq ?? 0,
      lastPushAt: w.last_push_at,
      lastPullAt: w.last_pull_at,
      lag: w.ack_version === null ? null : clock.version - w.ack_version,
      openConflicts: w.conflicts,
      deadLetters: w.dead,
    })),
    openConflicts: totals.conflicts,
    deadLetters: totals.dead,
  }
}
