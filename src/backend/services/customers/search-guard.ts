import { ApiError } from '../../../contract'
import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'

/**
 * Whole personal codes are the one thing search answers that must not be guessed at (issue 11): with a
 * known birth date a legacy code has only a few thousand candidates. An agent types a customer's code
 * and finds them; an agent who types code after code that matches nobody is enumerating. So each
 * whole-code lookup that finds nobody is counted per agent, and after `MAX_MISSES` within `WINDOW_MS`
 * further whole-code lookups are refused with RATE_LIMITED until the oldest miss leaves the window.
 * Names, addresses and every other identifier stay searchable meanwhile. The first refusal of a block
 * is audited, so a supervisor sees who tripped it.
 */
export const CODE_LOOKUP_MAX_MISSES = 10
export const CODE_LOOKUP_WINDOW_MS = 10 * 60_000

interface AgentMisses {
  at: number[]
  reported: boolean
}

const guards = new WeakMap<Db, Map<string, AgentMisses>>()

function missesOf(db: Db, agentId: string, nowMs: number): AgentMisses {
  let byAgent = guards.get(db)
  if (!byAgent) {
    byAgent = new Map()
    guards.set(db, byAgent)
  }
  let m = byAgent.get(agentId)
  if (!m) {
    m = { at: [], reported: false }
    byAgent.set(agentId, m)
  }
  m.at = m.at.filter((t) => t > nowMs - CODE_LOOKUP_WINDOW_MS)
  if (m.at.length < CODE_LOOKUP_MAX_MISSES) m.reported = false
  return m
}

/** Throws RATE_LIMITED (audited once per block) when the agent may not look up another whole code now. */
export function checkCodeLookupAllowed(db: Db, actor: MutationActor): void {
  const m = missesOf(db, actor.agentId, actor.nowMs)
  if (m.at.length < CODE_LOOKUP_MAX_MISSES) return
  const retryAfterSeconds = Math.max(1, Math.ceil((m.at[0] + CODE_LOOKUP_WINDOW_MS - actor.nowMs) / 1000))
  if (!m.reported) {
    m.reported = true
    recordAccess(db, actor, {
      action: 'customer.codeLookupsLimited',
      entityType: 'agent',
      entityId: actor.agentId,
      after: { misses: m.at.length, minutes: CODE_LOOKUP_WINDOW_MS / 60_000 },
    })
  }
  throw new ApiError('RATE_LIMITED', 'customers.errors.codeLookupsLimited', {
    retryAfterSeconds,
    minutes: Math.ceil(retryAfterSeconds / 60),
  })
}

/** Counts a whole-code lookup that matched nobody. */
export function noteCodeLookupMiss(db: Db, actor: MutationActor): void {
  missesOf(db, actor.agentId, actor.nowMs).at.push(actor.nowMs)
}
