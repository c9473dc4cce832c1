import type { Agent, Language, Role } from '../../contract'
import type { Db } from '../db/open'
import { uuidv7 } from '../ids'
import { hashPassword } from './passwords'
import { ensureDemoTeams } from './interactions/teams'

export interface AgentRow {
  id: string
  username: string
  display_name: string
  role: Role
  language: Language
  password_hash: string
  active: number
  failed_sign_ins: number
  blocked_until: number | null
}

export const toAgent = (r: AgentRow): Agent => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  language: r.language,
})

export function findAgentByUsername(db: Db, username: string): AgentRow | undefined {
  return db.prepare('SELECT * FROM agents WHERE username = ?').get(username) as AgentRow | undefined
}

export function findAgentById(db: Db, id: string): AgentRow | undefined {
  return db.prepare('SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined
}

/** The demo agents listed in the README. Passwords are public: demo databases only. */
export const DEMO_AGENTS: readonly {
  username: string
  displayName: string
  role: Role
  language: Language
  password: string
}[] = [
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

/** Inserts the demo agents that are missing; returns how many were added. */
export async function seedDemoAgents(db: Db, nowMs: number): Promise<number> {
  const hashes = await Promise.all(DEMO_AGENTS.map((a) => hashPassword(a.password)))
  const insert =
    db.prepare(`INSERT OR IGNORE INTO agents (id, username, display_name, role, language, password_hash, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  let added = 0
  db.transaction(() => {
    DEMO_AGENTS.forEach((a, i) => {
      added += insert.run(
        uuidv7(nowMs),
        a.username,
        a.displayName,
        a.role,
        a.language,
        hashes[i],
        new Date(nowMs).toISOString(),
      ).changes
    })
  })()
  ensureDemoTeams(db)
  return added
}
