import type { ApiClient } from '../../src/contract'
import { ApiCallError } from '../../src/renderer/api/errors'

export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; code: string; messageKey: string; details?: Record<string, unknown> }

export interface Step {
  method: string
  input?: unknown
}

export interface ContractCase {
  name: string
  steps: Step[]
  /** 'ok' or the error code each step must give, in order. */
  expect: string[]
  check?: (outcomes: Outcome[]) => void
}

const signIn = (username: string, password: string): Step => ({
  method: 'session.signIn',
  input: { username, password },
})
const asLiga = signIn('liga', 'liga-demo')
const asJanis = signIn('janis', 'janis-demo')
const step = (method: string, input: unknown = {}): Step => ({ method, input })

const value = (o: Outcome): Record<string, unknown> => {
  if (!o.ok) throw new Error(`expected a value, got ${o.code}`)
  return o.value as Record<string, unknown>
}
const error = (o: Outcome) => {
  if (o.ok) throw new Error('expected an error')
  return o
}

/** The one list of contract cases; each runs from a signed-out session through both transports. */
export const contractCases: ContractCase[] = [
  {
    name: 'app.info is public',
    steps: [step('app.info')],
    expect: ['ok'],
    check: ([info]) => {
      if (typeof value(info).schemaVersion !== 'number') throw new Error('schemaVersion missing')
    },
  },
  { name: 'session.current is null when signed out', steps: [step('session.current')], expect: ['ok'] },
  {
    name: 'a wrong password is UNAUTHENTICATED with the sign-in message',
    steps: [signIn('liga', 'wrong-password')],
    expect: ['UNAUTHENTICATED'],
    check: ([o]) => {
      if (error(o).messageKey !== 'errors.signInFailed') throw new Error(error(o).messageKey)
    },
  },
  {
    name: 'an unknown user gets the same answer as a wrong password',
    steps: [signIn('nobody', 'whatever')],
    expect: ['UNAUTHENTICATED'],
  },
  {
    name: 'sign-in returns the agent, unlocked',
    steps: [asLiga, step('session.current')],
    expect: ['ok', 'ok'],
    check: ([a, b]) => {
      const info = value(a) as { agent: { username: string }; locked: boolean }
      if (info.agent.username !== 'liga' || info.locked) throw new Error('bad session info')
      if (JSON.stringify(value(b)) !== JSON.stringify(value(a)))
        throw new Error('current differs from sign-in')
    },
  },
  {
    name: 'an unknown method is UNKNOWN_METHOD',
    steps: [step('customers.drop'), asLiga, step('customers.drop')],
    expect: ['UNKNOWN_METHOD', 'ok', 'UNKNOWN_METHOD'],
  },
  {
    name: 'malformed input is VALIDATION and changes nothing',
    steps: [
      step('session.signIn', { username: 'liga' }),
      step('session.signIn', { username: 'liga', password: 'liga-demo', admin: true }),
      step('session.signIn', 'liga'),
      step('session.current'),
      asLiga,
      step('settings.get', []),
      step('session.setLanguage', { language: 'de' }),
    ],
    expect: ['VALIDATION', 'VALIDATION', 'VALIDATION', 'ok', 'ok', 'VALIDATION', 'VALIDATION'],
    check: (o) => {
      if (value(o[3]) !== null) throw new Error('a rejected sign-in signed somebody in')
      const issues = error(o[0]).details?.issues as { path: string }[]
      if (!issues.some((i) => i.path === 'password')) throw new Error('issue path missing')
    },
  },
  {
    name: 'signed-out calls to agent methods are UNAUTHENTICATED',
    steps: [step('sync.status'), step('settings.get'), step('session.lock'), step('session.signOut')],
    expect: ['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
  },
  {
    name: 'an agent reads sync status and settings',
    steps: [asLiga, step('sync.status'), step('settings.get')],
    expect: ['ok', 'ok', 'ok'],
  },
  {
    name: 'an agent may not change settings (FORBIDDEN)',
    steps: [asLiga, step('settings.update', { lockAfterMinutes: 30 }), step('settings.get')],
    expect: ['ok', 'FORBIDDEN', 'ok'],
    check: (o) => {
      if (error(o[1]).details?.role !== 'agent') throw new Error('role missing from details')
      if (value(o[2]).lockAfterMinutes === 30) throw new Error('forbidden update was applied')
    },
  },
  {
    name: 'a supervisor changes settings within limits',
    steps: [
      asJanis,
      step('settings.update', { lockAfterMinutes: 30 }),
      step('settings.update', { lockAfterMinutes: 0 }),
      step('settings.get'),
      step('settings.update', { lockAfterMinutes: 15 }),
    ],
    expect: ['ok', 'ok', 'VALIDATION', 'ok', 'ok'],
    check: (o) => {
      if (value(o[3]).lockAfterMinutes !== 30) throw new Error('update not kept')
    },
  },
  {
    name: 'the audit log is for supervisors: an agent is FORBIDDEN, a supervisor pages a filtered log',
    steps: [
      asLiga,
      step('audit.list', { filters: {} }),
      asJanis,
      step('settings.update', { lockAfterMinutes: 20 }),
      step('audit.options'),
      // A period with nothing in it: the same empty page over both transports (rows carry real times).
      step('audit.list', { filters: { action: 'settings.update', from: '2000-01-01', to: '2000-01-02' } }),
      step('audit.list', { filters: { action: 'no.such' } }),
    ],
    expect: ['ok', 'FORBIDDEN', 'ok', 'ok', 'ok', 'ok', 'VALIDATION'],
    check: (o) => {
      const options = value(o[4]) as { agents: { name: string }[]; workstations: string[]; actions: string[] }
      if (!options.agents.some((a) => a.name === 'Jānis Bērziņš')) throw new Error('agents missing')
      if (options.workstations.length !== 1) throw new Error('the settings change names its workstation')
      if (!options.actions.includes('settings.update')) throw new Error('actions missing')
      if (JSON.stringify(value(o[5])) !== '{"entries":[],"next":null}') throw new Error('period filter')
    },
  },
  {
    name: 'a locked session refuses work until unlocked with the right password',
    steps: [
      asLiga,
      step('session.lock'),
      step('settings.get'),
      step('sync.status'),
      step('session.current'),
      step('session.unlock', { password: 'nope' }),
      step('session.unlock', { password: 'liga-demo' }),
      step('settings.get'),
    ],
    expect: ['ok', 'ok', 'SESSION_LOCKED', 'ok', 'ok', 'UNAUTHENTICATED', 'ok', 'ok'],
    check: (o) => {
      if (value(o[1]).locked !== true || value(o[4]).locked !== true) throw new Error('not locked')
      if (value(o[6]).locked !== false) throw new Error('not unlocked')
    },
  },
  {
    name: 'an agent changes the interface language',
    steps: [
      asLiga,
      step('session.setLanguage', { language: 'en' }),
      step('session.setLanguage', { language: 'lv' }),
    ],
    expect: ['ok', 'ok', 'ok'],
    check: (o) => {
      if ((value(o[1]).agent as { language: string }).language !== 'en') throw new Error('language not set')
    },
  },
  {
    name: 'sign-out ends the session',
    steps: [
      asLiga,
      step('session.signOut'),
      step('session.current'),
      step('settings.get'),
      step('session.signOut'),
    ],
    expect: ['ok', 'ok', 'ok', 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    check: (o) => {
      if (value(o[1]) !== null || value(o[2]) !== null) throw new Error('still signed in')
    },
  },
  {
    name: 'the FAQ: hostile text is plain text, an unknown article is NOT_FOUND, agents cannot edit',
    steps: [
      step('faq.search', { query: 'x', language: 'lv' }),
      asLiga,
      step('faq.search', { query: '{@|} skaititajs', language: 'lv' }),
      step('faq.search', { query: 'skaititajs', language: 'lv', category: 'readings' }),
      step('faq.get', { id: '{@|}', language: 'ru' }),
      step('faq.update', {
        id: 'readings-window',
        language: 'lv',
        baseVersion: 1,
        category: 'readings',
        question: 'x',
        answer: 'y',
      }),
    ],
    expect: ['UNAUTHENTICATED', 'ok', 'ok', 'ok', 'NOT_FOUND', 'FORBIDDEN'],
    check: (o) => {
      // Punctuation only separates words: `{@|} skaititajs` is the word skaititajs.
      if ((value(o[2]).total as number) < 3) throw new Error('punctuation changed the search')
      if ((value(o[3]).total as number) < 2) throw new Error('skaititajs not found')
    },
  },
]

/** Values that legitimately differ per shell are masked so the two transports can be compared exactly. */
function normalize(v: unknown): unknown {
  if (v && typeof v === 'object' && 'shell' in v) return { ...v, shell: '<shell>' }
  return v
}

export async function runSteps(client: ApiClient, steps: Step[]): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const s of steps) {
    try {
      const v = await client.call(s.method as never, s.input as never)
      out.push({ ok: true, value: normalize(v) })
    } catch (e) {
      if (!(e instanceof ApiCallError)) throw e
      out.push({
        ok: false,
        code: e.code,
        messageKey: e.messageKey,
        ...(e.details !== undefined ? { details: e.details } : {}),
      })
    }
  }
  return out
}

export const summary = (outcomes: Outcome[]): string[] => outcomes.map((o) => (o.ok ? 'ok' : o.code))
