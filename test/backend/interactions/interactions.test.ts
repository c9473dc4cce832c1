import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

/**
 * The interaction log and follow-up queues on a real seeded SQLite file (issue 12): each log is one
 * mutation with its outbox and audit rows; the core's problems come back typed, per field, with keys in
 * all three languages, and nothing is written; queues show what is the agent's, and only a supervisor
 * sees the team's.
 */
let backend: Backend
const tmp = tempDir()
// Thursday 26 November 2026, 12:00 in Riga.
const clock = manualClock(Date.parse('2026-11-26T10:00:00Z'))
let customerId = ''
let otherCustomerId = ''

type Who = 'liga' | 'olga' | 'janis'
async function call<M extends MethodName>(
  who: Who,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, who)
  if (!r.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(r.error)}`), { api: r.error })
  return r.value as MethodOutput<M>
}
async function fail(who: Who, method: MethodName, input: unknown) {
  const r = await backend.dispatch(method, input, who)
  if (r.ok) throw new Error(`${method} should have failed`)
  return r.error as {
    code: string
    messageKey: string
    details?: { fields?: { path: string; messageKey: string; params: Record<string, unknown> }[] }
  }
}
const count = (sql: string, ...args: unknown[]): number =>
  backend.ctx.db
    .prepare(sql)
    .pluck()
    .get(...args) as number
const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
      tree,
    )
const agentId = (u: Who) =>
  backend.ctx.db.prepare('SELECT id FROM agents WHERE username = ?').pluck().get(u) as string

const call1 = (over: Partial<MethodInput<'interactions.log'>> = {}): MethodInput<'interactions.log'> => ({
  customerId,
  channel: 'phone',
  direction: 'inbound',
  topic: 'invoice',
  outcome: 'resolved',
  summary: 'Jautā par rēķinu;\r\npaskaidrots.  ',
  ...over,
})

async function signInAll(): Promise<void> {
  for (const who of ['liga', 'olga', 'janis'] as const) {
    const r = await backend.dispatch('session.signIn', { username: who, password: `${who}-demo` }, who)
    expect(r.ok).toBe(true)
  }
}

beforeAll(async () => {
  const file = await copyOfTemplate(
    { customers: 20, seed: 'interactions-backend', today: '2026-11-26' },
    tmp.file('desk.sqlite'),
  )
  backend = await createBackend({ dbFile: file, shell: 'test', clock, demoAgents: true })
  await signInAll()
  const ids = backend.ctx.db
    .prepare('SELECT id FROM customers ORDER BY customer_number LIMIT 2')
    .pluck()
    .all() as string[]
  ;[customerId, otherCustomerId] = ids
}, 120_000)
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

describe('logging an interaction', () => {
  it('writes the interaction, one outbox row and one audit row in one mutation; the list is newest first', async () => {
    const outbox = count('SELECT count(*) FROM outbox')
    const first = await call('liga', 'interactions.log', call1())
    clock.advance(60_000)
    const second = await call(
      'liga',
      'interactions.log',
      call1({ channel: 'visit', topic: 'meter', summary: 'Apmeklējums' }),
    )
    expect(first.interaction.summary).toBe('Jautā par rēķinu;\npaskaidrots.')
    expect(first.interaction.agentName).toBe('Līga Ozoliņa')
    expect(first.interaction.followUp).toBeNull()
    expect(count('SELECT count(*) FROM outbox')).toBe(outbox + 2)
    const row = backend.ctx.db
      .prepare(
        "SELECT name, entity_id, args FROM outbox WHERE name = 'interaction.log' ORDER BY seq DESC LIMIT 1",
      )
      .get() as { name: string; entity_id: string; args: string }
    expect(row.entity_id).toBe(second.interaction.id)
    expect(JSON.parse(row.args)).toMatchObject({
      customerId,
      channel: 'visit',
      topic: 'meter',
      followUp: null,
    })
    const audit = backend.ctx.db
      .prepare(
        "SELECT customer_id, after_json, mutation_id FROM audit_log WHERE action = 'interaction.log' AND entity_id = ?",
      )
      .get(second.interaction.id) as { customer_id: string; after_json: string; mutation_id: string }
    expect(audit.customer_id).toBe(customerId)
    expect(audit.mutation_id).not.toBeNull()
    expect(JSON.parse(audit.after_json)).toMatchObject({
      channel: 'visit',
      topic: 'meter',
      outcome: 'resolved',
    })
    const { items } = await call('olga', 'interactions.list', { customerId })
    expect(items.map((i) => i.id).slice(0, 2)).toEqual([second.interaction.id, first.interaction.id])
    expect(items.every((a, i) => i === 0 || items[i - 1].occurredAt >= a.occurredAt)).toBe(true)
  })

  it('refuses what the core rules refuse, every problem by field with a key in LV, EN and RU, and writes nothing', async () => {
    const before = [count('SELECT count(*) FROM outbox'), count('SELECT count(*) FROM interactions')]
    const e = await fail(
      'liga',
      'interactions.log',
      call1({ channel: 'visit', outcome: 'no-answer', summary: ' \n ', topic: 'weather' }),
    )
    expect(e.code).toBe('VALIDATION')
    expect(e.messageKey).toBe('interactions.errors.invalid')
    const fields = e.details!.fields!
    expect(fields.map((f) => [f.path, f.messageKey])).toEqual([
      ['topic', 'lifecycle.problem.unknownTopic'],
      ['outcome', 'lifecycle.problem.outcomeNotForChannel'],
      ['summary', 'lifecycle.problem.summaryRequired'],
    ])
    const follow = await fail('liga', 'interactions.log', call1({ outcome: 'follow-up' }))
    expect(follow.details!.fields!.map((f) => f.messageKey)).toEqual(['lifecycle.problem.followUpRequired'])
    // Saturday 28 November is no working day: the next one is offered.
    const saturday = await fail(
      'liga',
      'interactions.log',
      call1({ outcome: 'follow-up', followUp: { assignee: { kind: 'self' }, dueDate: '2026-11-28' } }),
    )
    expect(saturday.details!.fields).toEqual([
      {
        path: 'followUp.dueDate',
        messageKey: 'lifecycle.problem.dueNotWorkingDay',
        params: { next: '2026-11-30' },
      },
    ])
    const stranger = await fail(
      'liga',
      'interactions.log',
      call1({ outcome: 'follow-up', followUp: { assignee: { kind: 'agent', agentId: 'nobody' } } }),
    )
    expect(stranger.details!.fields!.map((f) => f.path)).toEqual(['followUp.assignee'])
    const future = await fail('liga', 'interactions.log', call1({ occurredAt: '2026-11-27T10:00:00Z' }))
    expect(future.details!.fields!.map((f) => f.messageKey)).toEqual(['lifecycle.problem.occurredInFuture'])
    for (const err of [e, follow, saturday, stranger, future])
      for (const key of [err.messageKey, ...err.details!.fields!.map((f) => f.messageKey)])
        for (const locale of [lv, en, ru]) expect(typeof lookup(locale, key), `${key}`).toBe('string')
    expect([count('SELECT count(*) FROM outbox'), count('SELECT count(*) FROM interactions')]).toEqual(before)
    // A malformed call (not the core's to judge) is refused by the schema.
    expect(
      (await fail('liga', 'interactions.log', { ...call1(), followUp: { assignee: { kind: 'boss' } } })).code,
    ).toBe('VALIDATION')
  })

  it('offers each topic’s default due date in working days from the core calendar', async () => {
    const o = await call('liga', 'interactions.options', {})
    expect(o.today).toBe('2026-11-26')
    // Complaint: 5 working days from Thursday 26 November = Fri 27, Mon 30, Tue 1, Wed 2, Thu 3 December.
    expect(o.defaultDue.complaint).toBe('2026-12-03')
    expect(o.agents.find((a) => a.self)?.displayName).toBe('Līga Ozoliņa')
    expect(o.teams.map((t) => t.code)).toEqual(['billing', 'desk'])
  })
})

describe('follow-ups and work queues', () => {
  let ligasTask = ''
  let teamTask = ''

  it('puts a follow-up in its assignee’s queue: due today, then overdue after its day', async () => {
    const r = await call(
      'liga',
      'interactions.log',
      call1({
        customerId: otherCustomerId,
        outcome: 'follow-up',
        topic: 'complaint',
        followUp: { assignee: { kind: 'self' }, dueDate: '2026-11-26', note: 'Piezvanīt' },
      }),
    )
    ligasTask = r.interaction.followUp!.id
    expect(r.interaction.followUp).toMatchObject({
      dueDate: '2026-11-26',
      assigneeAgentId: agentId('liga'),
      status: 'open',
    })
    expect(
      JSON.parse(
        backend.ctx.db.prepare('SELECT args FROM outbox ORDER BY seq DESC LIMIT 1').pluck().get() as string,
      ).followUp,
    ).toMatchObject({ id: ligasTask, agentId: agentId('liga'), dueDate: '2026-11-26' })
    const team = await call(
      'liga',
      'interactions.log',
      call1({
        outcome: 'follow-up',
        followUp: { assignee: { kind: 'team', teamId: 'team-billing' }, dueDate: '2026-11-26' },
      }),
    )
    teamTask = team.interaction.followUp!.id
    const q = await call('liga', 'workQueues.get', {})
    expect(q.dueToday.items.map((f) => f.id)).toContain(ligasTask)
    expect(q.dueToday.count).toBe(q.dueToday.items.length)
    expect(q.dueToday.items.map((f) => f.id)).not.toContain(teamTask) // Līga is not in the billing team
    const olga = await call('olga', 'workQueues.get', { scope: 'mine' })
    expect(olga.dueToday.items.map((f) => f.id)).toContain(teamTask)
    expect(olga.dueToday.items.map((f) => f.id)).not.toContain(ligasTask)
    expect(
      [...olga.overdue.items, ...olga.dueToday.items].every(
        (f) => f.assigneeAgentId === agentId('olga') || f.assigneeTeamId === 'team-billing',
      ),
    ).toBe(true)

    clock.advance(24 * 3600_000)
    await signInAll() // a new working day, new sessions
    const later = await call('liga', 'workQueues.get', {})
    expect(later.overdue.items.map((f) => f.id)).toContain(ligasTask)
    expect(later.overdue.items.every((f, i, a) => i === 0 || a[i - 1].dueDate <= f.dueDate)).toBe(true)
  })

  it('lets only a supervisor see the team’s queue', async () => {
    const refused = await fail('olga', 'workQueues.get', { scope: 'team' })
    expect(refused).toMatchObject({
      code: 'FORBIDDEN',
      messageKey: 'interactions.errors.teamQueueForSupervisors',
    })
    for (const locale of [lv, en, ru]) expect(typeof lookup(locale, refused.messageKey)).toBe('string')
    const team = await call('janis', 'workQueues.get', { scope: 'team' })
    const ids = [...team.overdue.items, ...team.dueToday.items].map((f) => f.id)
    expect(ids).toContain(ligasTask)
    expect(ids).toContain(teamTask)
    const own = await call('janis', 'workQueues.get', { scope: 'mine' })
    expect([...own.overdue.items, ...own.dueToday.items].map((f) => f.id)).not.toContain(ligasTask)
  })

  it('marks a follow-up done once, by whoever’s queue holds it, with outbox and audit rows', async () => {
    expect((await fail('olga', 'followUps.complete', { followUpId: ligasTask })).code).toBe('FORBIDDEN')
    const outbox = count('SELECT count(*) FROM outbox')
    const r = await call('liga', 'followUps.complete', { followUpId: ligasTask })
    expect(r.followUp).toMatchObject({ status: 'done', doneByName: 'Līga Ozoliņa' })
    expect(count('SELECT count(*) FROM outbox')).toBe(outbox + 1)
    expect(
      count(
        "SELECT count(*) FROM audit_log WHERE action = 'followUp.complete' AND entity_id = ? AND mutation_id IS NOT NULL",
        ligasTask,
      ),
    ).toBe(1)
    expect((await fail('liga', 'followUps.complete', { followUpId: ligasTask })).code).toBe('CONFLICT')
    const q = await call('liga', 'workQueues.get', {})
    expect([...q.overdue.items, ...q.dueToday.items].map((f) => f.id)).not.toContain(ligasTask)
    // The supervisor may close a team member's task.
    expect((await call('janis', 'followUps.complete', { followUpId: teamTask })).followUp.status).toBe('done')
  })

  it('lists documents waiting for review and estimates flagged for re-assessment, with counts', async () => {
    const q = await call('liga', 'workQueues.get', { limit: 5 })
    expect(q.reassess.count).toBe(
      count(
        `SELECT count(*) FROM readings WHERE json_extract(flags, '$.reassess') = 1 AND status = 'estimated'`,
      ),
    )
    expect(q.reassess.count).toBeGreaterThan(0)
    expect(q.reassess.items.length).toBe(Math.min(5, q.reassess.count))
    expect(q.documents.count).toBe(count('SELECT count(*) FROM documents WHERE decision IS NULL'))
  })
})
