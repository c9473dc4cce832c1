import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, isWorkingDay } from '../../../src/core/calendar'
import {
  classifyFollowUp,
  defaultFollowUpDue,
  INTERACTION_TOPICS,
  validateFollowUp,
  validateInteraction,
  workQueue,
  type FollowUpRow,
  type InteractionInput,
} from '../../../src/core/lifecycle'
import { DEFAULT_FOLLOW_UPS } from '../../../src/core/reference/follow-ups-default'
import { validateFollowUpDataset } from '../../../src/core/reference/follow-ups'

const call = (over: Partial<InteractionInput> = {}): InteractionInput => ({
  channel: 'phone',
  direction: 'inbound',
  topic: 'invoice',
  outcome: 'resolved',
  summary: 'Asked why March was higher.\r\nExplained the estimate.  ',
  occurredAt: '2026-03-06T09:15:00Z',
  now: '2026-03-06T09:20:00Z',
  ...over,
})
const ctx = { agentId: 'liga' }
const codes = (r: { ok: boolean; problems?: Array<{ code: string }> }) =>
  r.ok ? [] : r.problems!.map((p) => p.code)

describe('validateInteraction', () => {
  it('keeps the summary’s lines, dates it in Riga, needs no follow-up when resolved', () => {
    expect(validateInteraction(call(), ctx)).toEqual({
      ok: true,
      value: {
        channel: 'phone',
        direction: 'inbound',
        topic: 'invoice',
        outcome: 'resolved',
        summary: 'Asked why March was higher.\nExplained the estimate.',
        occurredAt: '2026-03-06T09:15:00.000Z',
        occurredOn: '2026-03-06',
        followUp: null,
      },
    })
  })

  it('a follow-up outcome needs a follow-up; by default the topic’s working days from today', () => {
    expect(codes(validateInteraction(call({ outcome: 'follow-up' }), ctx))).toEqual(['follow-up-required'])
    // Friday 6 March 2026 + 2 working days (invoice) = Tuesday 10 March.
    const r = validateInteraction(
      call({ outcome: 'follow-up', followUp: { assignee: { kind: 'self' } } }),
      ctx,
    )
    expect(r.ok && r.value.followUp).toEqual({
      assignee: { kind: 'agent', agentId: 'liga' },
      dueDate: '2026-03-10',
      defaultDueDate: '2026-03-10',
      note: '',
    })
  })

  it('refuses unknown codes, an outcome the channel cannot have, empty or oversized or binary text', () => {
    expect(
      codes(
        validateInteraction(call({ channel: 'fax', direction: 'sideways', topic: 'x', outcome: 'y' }), ctx),
      ),
    ).toEqual(['unknown-channel', 'unknown-direction', 'unknown-topic', 'unknown-outcome'])
    expect(codes(validateInteraction(call({ outcome: 'no-answer' }), ctx))).toEqual([
      'outcome-not-for-channel',
    ])
    expect(validateInteraction(call({ outcome: 'no-answer', direction: 'outbound' }), ctx).ok).toBe(true)
    expect(codes(validateInteraction(call({ summary: ' \n\t ' }), ctx))).toEqual(['summary-required'])
    expect(codes(validateInteraction(call({ summary: 'ā'.repeat(2001) }), ctx))).toEqual(['summary-too-long'])
    expect(validateInteraction(call({ summary: 'ā'.repeat(2000) }), ctx).ok).toBe(true)
    expect(codes(validateInteraction(call({ summary: 'bell\u0007' }), ctx))).toEqual([
      'summary-control-characters',
    ])
  })

  it('when: not in the future, not more than 30 days back', () => {
    expect(codes(validateInteraction(call({ occurredAt: '2026-03-06T09:21:00Z' }), ctx))).toEqual([
      'occurred-in-future',
    ])
    expect(codes(validateInteraction(call({ occurredAt: '2026-02-03T10:00:00Z' }), ctx))).toEqual([
      'occurred-too-long-ago',
    ])
    expect(validateInteraction(call({ occurredAt: '2026-02-04T10:00:00Z' }), ctx).ok).toBe(true)
  })
})

describe('follow-up due dates', () => {
  const today = '2026-03-06'
  it('a chosen date must be today or later, a working day, within 60 working days', () => {
    const f = (dueDate: string) =>
      validateFollowUp({ assignee: { kind: 'team', teamId: 'billing' }, dueDate }, 'complaint', {
        today,
        agentId: 'liga',
      })
    expect(f('2026-03-09').ok).toBe(true)
    expect(codes(f('2026-03-05'))).toEqual(['due-in-past'])
    const weekend = f('2026-03-07')
    expect(weekend.ok ? null : weekend.problems[0]).toMatchObject({
      code: 'due-not-working-day',
      params: { next: '2026-03-09' },
    })
    expect(codes(f('2026-07-01'))).toEqual(['due-too-far'])
    expect(
      codes(validateFollowUp({ assignee: { kind: 'agent', agentId: ' ' } }, 'x', { today, agentId: 'liga' })),
    ).toEqual(['assignee-required'])
    expect(
      codes(
        validateFollowUp({ assignee: { kind: 'self' }, note: 'x'.repeat(501) }, 'x', {
          today,
          agentId: 'liga',
        }),
      ),
    ).toEqual(['note-too-long'])
  })

  it('property: every topic’s default due date is a working day, its working days after today', () => {
    const day = fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2023-01-01', n))
    fc.assert(
      fc.property(day, fc.constantFrom(...INTERACTION_TOPICS), (d, topic) => {
        const due = defaultFollowUpDue(topic, { today: d })
        expect(isWorkingDay(due)).toBe(true)
        const n = DEFAULT_FOLLOW_UPS.workingDaysByTopic[topic] ?? DEFAULT_FOLLOW_UPS.defaultWorkingDays
        let count = 0
        for (let x = addDays(d, 1); x <= due; x = addDays(x, 1)) if (isWorkingDay(x)) count++
        expect(count).toBe(n)
        // And the date it proposes passes its own validation.
        expect(validateFollowUp({ assignee: { kind: 'self' } }, topic, { today: d, agentId: 'a' }).ok).toBe(
          true,
        )
      }),
    )
  })

  it('the built-in follow-up dataset is valid and covers every topic but “other”', () => {
    expect(validateFollowUpDataset(DEFAULT_FOLLOW_UPS).ok).toBe(true)
    expect(INTERACTION_TOPICS.filter((t) => !(t in DEFAULT_FOLLOW_UPS.workingDaysByTopic))).toEqual(['other'])
    const bad = validateFollowUpDataset({
      ...DEFAULT_FOLLOW_UPS,
      workingDaysByTopic: { complaint: 99 },
      defaultWorkingDays: -1,
    })
    expect(bad.ok ? [] : bad.issues).toEqual([
      { path: 'defaultWorkingDays', code: 'out-of-range' },
      { path: 'workingDaysByTopic.complaint', code: 'out-of-range' },
    ])
  })
})

describe('work queues', () => {
  const row = (
    id: string,
    dueDate: string,
    agent: string | null,
    team: string | null,
    status: FollowUpRow['status'] = 'open',
  ): FollowUpRow => ({
    id,
    dueDate,
    assigneeAgentId: agent,
    assigneeTeamId: team,
    status,
  })
  const rows = [
    row('a', '2026-03-05', 'liga', null),
    row('b', '2026-03-06', 'liga', 'desk'),
    row('c', '2026-03-06', null, 'desk'),
    row('d', '2026-03-04', 'olga', 'desk'),
    row('e', '2026-03-02', 'liga', null, 'done'),
    row('f', '2026-03-09', 'liga', null),
    row('g', '2026-03-01', null, 'billing'),
  ]

  it('mine: my tasks and my teams’ unassigned ones, overdue oldest first, then due today', () => {
    const q = workQueue(rows, {
      today: '2026-03-06',
      viewer: { agentId: 'liga', teamIds: ['desk'] },
      scope: 'mine',
    })
    expect(q.overdue.map((r) => r.id)).toEqual(['a'])
    expect(q.dueToday.map((r) => r.id)).toEqual(['b', 'c'])
    expect(q.counts).toEqual({ overdue: 1, dueToday: 2, upcoming: 1 })
  })

  it('team (supervisor): everything of the team and its members', () => {
    const q = workQueue(rows, {
      today: '2026-03-06',
      viewer: { agentId: 'janis', teamIds: ['desk'], memberAgentIds: ['liga', 'olga'] },
      scope: 'team',
    })
    expect(q.overdue.map((r) => r.id)).toEqual(['d', 'a'])
    expect(q.dueToday.map((r) => r.id)).toEqual(['b', 'c'])
  })

  it('property: each open row is exactly one of overdue, due today or upcoming; closed rows are in no queue', () => {
    const rowArb = fc.record({
      id: fc.uuid(),
      dueDate: fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-02-01', n)),
      assigneeAgentId: fc.constantFrom('liga', 'olga', null),
      assigneeTeamId: fc.constantFrom('desk', 'billing', null),
      status: fc.constantFrom('open' as const, 'done' as const, 'cancelled' as const),
    })
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), fc.integer({ min: 0, max: 60 }), (rs, t) => {
        const today = addDays('2026-02-01', t)
        const q = workQueue(rs, {
          today,
          viewer: { agentId: 'liga', teamIds: ['desk', 'billing'], memberAgentIds: ['liga', 'olga'] },
          scope: 'team',
        })
        const visible = rs.filter((r) => r.assigneeTeamId !== null || r.assigneeAgentId !== null)
        const open = visible.filter((r) => r.status === 'open')
        expect(q.counts.overdue + q.counts.dueToday + q.counts.upcoming).toBe(open.length)
        for (const r of q.overdue) expect(classifyFollowUp(r, today)).toBe('overdue')
        for (const r of q.dueToday) expect(r.dueDate).toBe(today)
        q.overdue.slice(1).forEach((r, i) => expect(r.dueDate >= q.overdue[i].dueDate).toBe(true))
      }),
    )
  })
})
