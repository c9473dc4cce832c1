import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Db } from './open'

export interface Workstation {
  clientId: string
  name: string
}

/** The workstation identity lives in the database: a new or restored file gets a new client id. */
export function ensureWorkstation(db: Db, name: string = hostname()): Workstation {
  const row = db.prepare('SELECT client_id, workstation_name FROM sync_state WHERE id = 1').get() as
    { client_id: string; workstation_name: string } | undefined
  if (row) return { clientId: row.client_id, name: row.workstation_name }
  const ws = { clientId: randomUUID(), name }
  db.prepare('INSERT INTO sync_state (id, client_id, workstation_name) VALUES (1, ?, ?)').run(
    ws.clientId,
    ws.name,
  )
  return ws
}
