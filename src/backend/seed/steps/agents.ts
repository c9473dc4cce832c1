import { DEMO_AGENTS, seedDemoAgents } from '../../services/agents'
import { ensureDemoTeams } from '../../services/interactions/teams'
import { instantOn } from '../context'
import type { SeedStep } from '../context'

/**
 * The README's demo agents. seedDemoAgents mints random ids; the agents it has just added (nothing
 * can refer to them yet) get deterministic ids instead, so readings and consents that name an agent
 * are reproducible. Password hashes stay randomly salted: the one non-reproducible column.
 */
export const agentsStep: SeedStep = {
  name: 'agents',
  summary: 'demo agents',
  async run(ctx) {
    const { db } = ctx
    const find = db.prepare('SELECT id, username, language FROM agents WHERE username = ?')
    const existed = new Set(DEMO_AGENTS.filter((a) => find.get(a.username)).map((a) => a.username))
    const createdMs = Date.parse(instantOn(ctx.historyStart, 0)) - 365 * 86_400_000
    await seedDemoAgents(db, createdMs)
    const nextId = ctx.ids('agents')
    const rename = db.prepare('UPDATE agents SET id = ? WHERE username = ?')
    db.transaction(() => {
      for (const a of DEMO_AGENTS) {
        const id = nextId()
        if (!existed.has(a.username)) rename.run(id, a.username)
        ctx.agents.push(find.get(a.username) as { id: string; username: string; language: string })
      }
    })()
    // The ids just changed: team membership follows them.
    ensureDemoTeams(db)
  },
}
