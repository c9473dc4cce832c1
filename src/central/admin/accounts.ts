import { randomUUID } from 'node:crypto'
import { ENROL_CODE_TTL_S } from '../../contract/sync'
import { hashPassword } from '../auth/passwords'
import { newEnrolCode, normaliseCode, sha256 } from '../auth/tokens'
import type { Sql } from '../db/sql'
import { nextVersion, recordGlobalPuts } from '../sync/changes'

export interface AgentInput {
  username: string
  displayName: string
  role: 'agent' | 'supervisor'
  language: 'lv' | 'en' | 'ru'
  password: string
}

/** The README's demo agents, created centrally too (the desks pick them up with their verifiers). */
export const DEMO_AGENTS: readonly AgentInput[] = [
  { username: 'liga', displayName: 'Līga Ozoliņa', role: 'agent', language: 'lv', password: 'liga-demo' },
  { username: 'olga', displayName: 'Ольга Петрова', role: 'agent', language: 'ru', password: 'olga-demo' },
  {
    username: 'janis',
    displayName: 'Jānis Bērziņš',
    role: 'supervisor',
    language: 'lv',
    password: 'janis-demo',
  },
]

/** Service centres C1…CK (existing ones are kept). */
export async function ensureCentres(sql: Sql, ids: string[]): Promise<void> {
  await sql.transaction(async (tx) => {
    const added = await tx.query<{ id: string }>(
      `INSERT INTO service_centres (id, name) SELECT id, 'Service centre ' || id FROM unnest($1::text[]) AS id
       ON CONFLICT DO NOTHING RETURNING id`,
      [ids],
    )
    if (added.length > 0)
      await recordGlobalPuts(
        tx,
        'service_centres',
        added.map((r) => r.id),
        await nextVersion(tx),
      )
  })
}

/** Creates agents that do not exist yet (by user name); returns their ids by user name. */
export async function ensureAgents(sql: Sql, agents: readonly AgentInput[]): Promise<Map<string, string>> {
  const hashes = await Promise.all(agents.map((a) => hashPassword(a.password)))
  return sql.transaction(async (tx) => {
    const rows = agents.map((a, i) => ({
      id: randomUUID(),
      username: a.username,
      display_name: a.displayName,
      role: a.role,
      language: a.language,
      password_hash: hashes[i],
    }))
    const added = await tx.query<{ id: string }>(
      `INSERT INTO agents (id, username, display_name, role, language, password_hash)
       SELECT x.id, x.username, x.display_name, x.role, x.language, x.password_hash
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, username text, display_name text, role text, language text,
         password_hash text)
       ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    )
    if (added.length > 0)
      await recordGlobalPuts(
        tx,
        'agents',
        added.map((r) => r.id),
        await nextVersion(tx),
      )
    const all = await tx.query<{ id: string; username: string }>(
      'SELECT id, username FROM agents WHERE lower(username) = ANY($1)',
      [agents.map((a) => a.username.toLowerCase())],
    )
    return new Map(all.map((r) => [r.username, r.id]))
  })
}

/** A supervisor deactivates (or reactivates) an agent; mutations applied after this are judged by it. */
export async function setAgentActive(sql: Sql, agentId: string, active: boolean): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query('UPDATE agents SET active = $2, version = version + 1, updated_at = now() WHERE id = $1', [
      agentId,
      active,
    ])
    await recordGlobalPuts(tx, 'agents', [agentId], await nextVersion(tx))
  })
}

/**
 * A one-time enrolment code for workstation `name` of centre `centreId` (the workstation is created when
 * new). Only the code's hash is stored; the code is shown once.
 */
export async function createEnrolCode(
  sql: Sql,
  centreId: string,
  name: string,
  nowMs = Date.now(),
): Promise<{ code: string; workstationId: string; expiresAt: string }> {
  return sql.transaction(async (tx) => {
    const centre = await tx.query('SELECT 1 FROM service_centres WHERE id = $1', [centreId])
    if (centre.length === 0) throw new Error(`No service centre ${centreId}. Seed or create it first.`)
    await tx.query(
      'INSERT INTO workstations (id, centre_id, name) VALUES ($1, $2, $3) ON CONFLICT (centre_id, name) DO NOTHING',
      [randomUUID(), centreId, name],
    )
    const [w] = await tx.query<{ id: string; revoked_at: string | null }>(
      'SELECT id, revoked_at FROM workstations WHERE centre_id = $1 AND name = $2',
      [centreId, name],
    )
    if (w.revoked_at) throw new Error(`Workstation ${name} of ${centreId} is revoked.`)
    const code = newEnrolCode()
    const expiresAt = new Date(nowMs + ENROL_CODE_TTL_S * 1000).toISOString()
    await tx.query('INSERT INTO enrol_codes (code_hash, workstation_id, expires_at) VALUES ($1, $2, $3)', [
      sha256(normaliseCode(code)),
      w.id,
      expiresAt,
    ])
    return { code, workstationId: w.id, expiresAt }
  })
}

/** Revokes a workstation: its tokens stop working at once (checked on every request). */
export async function revokeWorkstation(sql: Sql, workstationId: string): Promise<void> {
  await sql.query('UPDATE workstations SET revoked_at = now() WHERE id = $1', [workstationId])
  await sql.query('UPDATE refresh_tokens SET used_at = coalesce(used_at, now()) WHERE workstation_id = $1', [
    workstationId,
  ])
}
