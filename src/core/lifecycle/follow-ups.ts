/**
 * Follow-up tasks from the interaction log: who comes back to the customer and by when, and the home
 * page's work queues (due today, overdue) as pure functions over task rows. Due dates are working days
 * (the desk is closed on the others): the default is the topic's number of working days from today
 * (reference/follow-ups), a chosen date must be a working day within the policy's horizon.
 */
import { isIsoDate, type IsoDate } from '../calendar/dates'
import {
  addWorkingDays,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  type CalendarOptions,
} from '../calendar/holidays'
import { DEFAULT_FOLLOW_UPS } from '../reference/follow-ups-default'
import type { FollowUpDataset } from '../reference/follow-ups'
import { checked, problem, type Checked, type Problem } from './problems'

export const MAX_FOLLOW_UP_NOTE = 500

export type Assignee = { kind: 'agent'; agentId: string } | { kind: 'team'; teamId: string }

export interface FollowUpInput {
  /** `self` is the agent logging the interaction. */
  assignee: Assignee | { kind: 'self' }
  /** Null or absent: the topic's default. */
  dueDate?: IsoDate | null
  note?: string
}

export interface FollowUp {
  assignee: Assignee
  dueDate: IsoDate
  /** What the policy proposed, shown next to a chosen date. */
  defaultDueDate: IsoDate
  note: string
}

export interface FollowUpContext {
  today: IsoDate
  agentId: string
  dataset?: FollowUpDataset
  calendar?: CalendarOptions
}

/** The topic's default due date: its number of working days after today. */
export function defaultFollowUpDue(topic: string, ctx: Omit<FollowUpContext, 'agentId'>): IsoDate {
  const ds = ctx.dataset ?? DEFAULT_FOLLOW_UPS
  return addWorkingDays(ctx.today, ds.workingDaysByTopic[topic] ?? ds.defaultWorkingDays, ctx.calendar)
}

export function validateFollowUp(
  input: FollowUpInput,
  topic: string,
  ctx: FollowUpContext,
): Checked<FollowUp> {
  if (!isIsoDate(ctx.today)) throw new RangeError('today must be an ISO date')
  const ds = ctx.dataset ?? DEFAULT_FOLLOW_UPS
  const problems: Problem[] = []
  const a = input.assignee
  const assignee: Assignee | null =
    a.kind === 'self'
      ? { kind: 'agent', agentId: ctx.agentId }
      : a.kind === 'agent'
        ? a.agentId.trim()
          ? { kind: 'agent', agentId: a.agentId.trim() }
          : null
        : a.teamId.trim()
          ? { kind: 'team', teamId: a.teamId.trim() }
          : null
  if (!assignee) problems.push(problem('assignee-required', 'assignee'))
  const proposed = defaultFollowUpDue(topic, ctx)
  const due = input.dueDate ?? proposed
  if (!isIsoDate(due)) throw new RangeError(`not an ISO date: ${due}`)
  if (due < ctx.today) problems.push(problem('due-in-past', 'dueDate'))
  else if (!isWorkingDay(due, ctx.calendar))
    problems.push(
      problem('due-not-working-day', 'dueDate', { next: nextWorkingDayOnOrAfter(due, ctx.calendar) }),
    )
  else {
    const latest = addWorkingDays(ctx.today, ds.maxWorkingDaysAhead, ctx.calendar)
    if (due > latest) problems.push(problem('due-too-far', 'dueDate', { latest }))
  }
  const note = (input.note ?? '').normalize('NFC').trim()
  if ([...note].length > MAX_FOLLOW_UP_NOTE)
    problems.push(problem('note-too-long', 'note', { max: MAX_FOLLOW_UP_NOTE }))
  return checked(problems, () => ({
    assignee: assignee as Assignee,
    dueDate: due,
    defaultDueDate: proposed,
    note,
  }))
}

export interface FollowUpRow {
  id: string
  assigneeAgentId: string | null
  assigneeTeamId: string | null
  dueDate: IsoDate
  status: 'open' | 'done' | 'cancelled'
}

export type FollowUpClass = 'overdue' | 'due-today' | 'upcoming' | 'closed'

export function classifyFollowUp(row: FollowUpRow, today: IsoDate): FollowUpClass {
  if (row.status !== 'open') return 'closed'
  return row.dueDate < today ? 'overdue' : row.dueDate === today ? 'due-today' : 'upcoming'
}

export interface QueueViewer {
  agentId: string
  /** Teams the viewer belongs to: their unassigned-to-a-person tasks are the viewer's too. */
  teamIds: readonly string[]
  /** A supervisor's scope `team` also takes the tasks of these agents. */
  memberAgentIds?: readonly string[]
}

export interface WorkQueue<T extends FollowUpRow> {
  overdue: T[]
  dueToday: T[]
  counts: { overdue: number; dueToday: number; upcoming: number }
}

/**
 * The viewer's work queue: `mine` is what is assigned to them and to their teams without a person;
 * `team` (supervisors) everything of their teams and members. Overdue oldest first, then by id.
 */
export function workQueue<T extends FollowUpRow>(
  rows: readonly T[],
  options: { today: IsoDate; viewer: QueueViewer; scope: 'mine' | 'team' },
): WorkQueue<T> {
  const { viewer, scope } = options
  const teams = new Set(viewer.teamIds)
  const members = new Set(viewer.memberAgentIds ?? [])
  const visible = rows.filter((r) =>
    scope === 'mine'
      ? r.assigneeAgentId === viewer.agentId ||
        (r.assigneeAgentId === null && r.assigneeTeamId !== null && teams.has(r.assigneeTeamId))
      : (r.assigneeTeamId !== null && teams.has(r.assigneeTeamId)) ||
        (r.assigneeAgentId !== null &&
          (members.has(r.assigneeAgentId) || r.assigneeAgentId === viewer.agentId)),
  )
  const order = (a: T, b: T): number =>
    a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  const of = (c: FollowUpClass) => visible.filter((r) => classifyFollowUp(r, options.today) === c).sort(order)
  const overdue = of('overdue')
  const dueToday = of('due-today')
  return {
    overdue,
    dueToday,
    counts: { overdue: overdue.length, dueToday: dueToday.length, upcoming: of('upcoming').length },
  }
}
