import type { QueueViewer } from '../../../core/lifecycle'
import type { Role } from '../../../contract'
import type { Db } from '../../db/open'

/** Teams of the demo agents beyond the service desk everyone belongs to (README: Demo agents). */
const DEMO_EXTRA_TEAMS: Record<string, string[]> = { olga: ['team-billing'], janis: ['team-billing'] }

/**
 * Puts every agent without a team into the service desk (a workstation serves one centre) and the demo
 * agents into their extra teams; drops rows of agents that no longer exist (the seeder re-keys the demo
 * agents after creating them, and seeding runs without foreign-key enforcement).
 */
export function ensureDemoTeams(db: Db): void {
  db.transaction(() => {
    db.prepare('DELETE FROM team_members WHERE agent_id NOT IN (SELECT id FROM agents)').run()
    db.prepare(
      `INSERT OR IGNORE INTO team_members (team_id, agent_id)
       SELECT 'team-desk', id FROM agents WHERE id NOT IN (SELECT agent_id FROM team_members)`,
    ).run()
    const add = db.prepare(
      'INSERT OR IGNORE INTO team_members (team_id, agent_id) SELECT ?, id FROM agents WHERE username = ?',
    )
    for (const [username, teams] of Object.entries(DEMO_EXTRA_TEAMS))
      for (const team of teams) add.run(team, username)
  })()
}

/**
 * Who the viewer is for the core's work-queue rule: their teams, and for a supervisor every member of
 * those teams (their "team" scope).
 */
export function queueViewer(db: Db, agent: { id: string; role: Role }): QueueViewer {
  const teamIds = db
    .prepare('SELECT team_id FROM team_members WHERE agent_id = ? ORDER BY team_id')
    .pluck()
    .all(agent.id) as string[]
  const memberAgentIds =
    agent.role === 'supervisor'
      ? (db
          .prepare(
            `SELECT DISTINCT m.agent_id FROM team_members m JOIN team_members me ON me.team_id = m.team_id
             WHERE me.agent_id = ? ORDER BY m.agent_id`,
          )
          .pluck()
          .all(agent.id) as string[])
      : []
  return { agentId: agent.id, teamIds, memberAgentIds }
}

export function listTeams(db: Db): { id: string; code: string; name: string }[] {
  return db.prepare('SELECT id, code, name FROM teams ORDER BY code').all() as {
    id: string
    code: string
    name: string
  }[]
}

export function activeAgents(db: Db): { id: string; displayName: string }[] {
  return db
    .prepare('SELECT id, display_name AS displayName FROM agents WHERE active = 1 ORDER BY display_name')
    .all() as { id: string; displayName: string }[]
}
