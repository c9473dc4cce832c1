import type { sessionMethods } from '../../contract/methods/session'
import type { SessionInfo } from '../../contract'
import type { Handlers, Session } from '../context'
import type { Sessions } from '../services/sessions'
import { toAgent, findAgentById } from '../services/agents'

export function sessionHandlers(sessions: Sessions): Handlers<typeof sessionMethods> {
  const info = (s: Session): SessionInfo => ({
    agent: s.agent,
    locked: s.locked,
    lockAfterMinutes: Math.round(sessions.lockAfterMs() / 60_000),
  })
  return {
    'session.signIn': async (input, call) =>
      info(await sessions.signIn(call.sessionKey, input.username, input.password)),
    'session.current': (_input, call) => {
      const s = sessions.get(call.sessionKey)
      if (!s) return null
      sessions.applyInactivity(s)
      return info(s)
    },
    'session.lock': (_input, call) => info(sessions.lock(call.session!)),
    'session.unlock': async (input, call) => info(await sessions.unlock(call.session!, input.password)),
    // Dispatch already recorded the activity (session.touch is not passive); nothing else to do.
    'session.touch': () => null,
    'session.signOut': (_input, call) => {
      sessions.signOut(call.sessionKey)
      return null
    },
    'session.setLanguage': (input, call) => {
      const s = call.session!
      call.ctx.db.prepare('UPDATE agents SET language = ? WHERE id = ?').run(input.language, s.agent.id)
      sessions.setAgent(s, toAgent(findAgentById(call.ctx.db, s.agent.id)!))
      return info(s)
    },
  }
}
