import { z } from 'zod'
import { ANY_AGENT, method } from '../define'
import { agentSchema, emptyInput, languageSchema } from '../common'

const sessionInfo = z.object({
  agent: agentSchema,
  locked: z.boolean(),
  lockAfterMinutes: z.number().int().positive(),
})
export type SessionInfo = z.infer<typeof sessionInfo>

export const sessionMethods = {
  'session.signIn': method({
    access: 'public',
    input: z
      .object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) })
      .strict(),
    output: sessionInfo,
  }),
  'session.current': method({
    access: 'public',
    whileLocked: true,
    passive: true,
    input: emptyInput,
    output: sessionInfo.nullable(),
  }),
  /** Called by the renderer's inactivity timer (and the lock shortcut). */
  'session.lock': method({ access: ANY_AGENT, whileLocked: true, input: emptyInput, output: sessionInfo }),
  'session.unlock': method({
    access: ANY_AGENT,
    whileLocked: true,
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: sessionInfo,
  }),
  /**
   * Keyboard and mouse activity in the renderer (sent at most once a minute while the agent works), so a
   * long form typed without any other call does not trip the backend's inactivity lock.
   */
  'session.touch': method({ access: ANY_AGENT, input: emptyInput, output: z.null() }),
  'session.signOut': method({ access: ANY_AGENT, whileLocked: true, input: emptyInput, output: z.null() }),
  'session.setLanguage': method({
    access: ANY_AGENT,
    input: z.object({ language: languageSchema }).strict(),
    output: sessionInfo,
  }),
} as const
