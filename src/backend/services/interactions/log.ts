import { ApiError, type FollowUpItem, type InteractionItem, type Agent } from '../../../contract'
import { addWorkingDays, rigaToday, type IsoDate } from '../../../core/calendar'
import {
  INTERACTION_TOPICS,
  defaultFollowUpDue,
  validateInteraction,
  problem,
  workQueue,
  type FollowUpInput,
  type Problem,
} from '../../../core/lifecycle'
import { datasetInForce } from '../../../core/reference/calendar'
import {
  FOLLOW_UP_DATASET_KIND,
  validateFollowUpDataset,
  type FollowUpDataset,
} from '../../../core/reference/follow-ups'
import { DEFAULT_FOLLOW_UPS } from '../../../core/reference/follow-ups-default'
import { commitMutation, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { uuidv7 } from '../../ids'
import { loadCustomer } from '../customers/rows'
import { calendarOptions, storedVersions } from '../readings/reference'
import { followUpById, listInteractions } from './rows'
import { activeAgents, listTeams, queueViewer } from './teams'

export function followUpDataset(db: Db, today: IsoDate): FollowUpDataset {
  const versions = storedVersions(db, FOLLOW_UP_DATASET_KIND, validateFollowUpDataset)
  return datasetInForce([DEFAULT_FOLLOW_UPS, ...versions], today) ?? DEFAULT_FOLLOW_UPS
}

/** The core's problems as the typed, localized error every form reads: one locale key per field. */
function invalid(problems: readonly Problem[]): ApiError {
  return new ApiError('VALIDATION', 'interactions.errors.invalid', {
    fields: problems.map((p) => ({ path: p.field, messageKey: p.messageKey, params: p.params })),
  })
}

export interface LogInput {
  customerId: string
  channel: string
  direction: string
  topic: string
  outcome: string
  summary: string
  occurredAt?: string
  followUp?: FollowUpInput | null
}

/** `interaction.log`: the interaction and its follow-up, checked by the core rules, in one mutation. */
export function logInteraction(db: Db, actor: MutationActor, input: LogInput): InteractionItem {
  const customer = loadCustomer(db, input.customerId)
  const today = rigaToday(actor.nowMs)
  const followUp = input.followUp ?? null
  const who = followUp?.assignee
  if (
    (who?.kind === 'agent' && !activeAgents(db).some((a) => a.id === who.agentId)) ||
    (who?.kind === 'team' && !listTeams(db).some((t) => t.id === who.teamId))
  )
    throw invalid([unknownAssignee('followUp.assignee')])
  const checked = validateInteraction(
    { ...input, occurredAt: input.occurredAt ?? actor.nowMs, now: actor.nowMs, followUp },
    { agentId: actor.agentId, dataset: followUpDataset(db, today), calendar: calendarOptions(db, today) },
  )
  if (!checked.ok) throw invalid(checked.problems)
  const v = checked.value
  const id = uuidv7(actor.nowMs)
  const followUpId = v.followUp ? uuidv7(actor.nowMs) : null
  const at = new Date(actor.nowMs).toISOString()
  const f = v.followUp
  const assignee = f
    ? f.assignee.kind === 'agent'
      ? { agentId: f.assignee.agentId, teamId: null }
      : { agentId: null, teamId: f.assignee.teamId }
    : null
  commitMutation(
    db,
    actor,
    {
      name: 'interaction.log',
      entityType: 'interaction',
      entityId: id,
      customerId: customer.id,
      args: {
        id,
        customerId: customer.id,
        channel: v.channel,
        direction: v.direction,
        topic: v.topic,
        outcome: v.outcome,
        summary: v.summary,
        occurredAt: v.occurredAt,
        followUp: f && assignee ? { id: followUpId, ...assignee, dueDate: f.dueDate, note: f.note } : null,
      },
    },
    () => {
      db.prepare(
        `INSERT INTO interactions (id, customer_id, channel, direction, topic, outcome, summary, occurred_at,
           agent_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        customer.id,
        v.channel,
        v.direction,
        v.topic,
        v.outcome,
        v.summary,
        v.occurredAt,
        actor.agentId,
        at,
      )
      if (f && assignee)
        db.prepare(
          `INSERT INTO follow_ups (id, interaction_id, customer_id, assignee_agent_id, assignee_team_id, due_date,
             note, status, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        ).run(
          followUpId,
          id,
          customer.id,
          assignee.agentId,
          assignee.teamId,
          f.dueDate,
          f.note,
          actor.agentId,
          at,
        )
      return {
        result: undefined,
        after: {
          channel: v.channel,
          direction: v.direction,
          topic: v.topic,
          outcome: v.outcome,
          followUpDue: f?.dueDate ?? null,
          assignee: f ? assigneeName(db, f.assignee) : null,
        },
      }
    },
  )
  return listInteractions(db, customer.id, 500).find((i) => i.id === id)!
}

// A colleague or team this workstation does not know is no assignee at all.
const unknownAssignee = (field: string): Problem => problem('assignee-required', field)

function assigneeName(
  db: Db,
  a: { kind: 'agent'; agentId: string } | { kind: 'team'; teamId: string },
): string {
  return a.kind === 'agent'
    ? (activeAgents(db).find((x) => x.id === a.agentId)?.displayName ?? a.agentId)
    : (listTeams(db).find((x) => x.id === a.teamId)?.name ?? a.teamId)
}

/**
 * `followUp.complete`. Only someone whose queue holds the task may close it: the core's queue rule is
 * asked whether the row would be in the agent's own queue (or, for a supervisor, the team's) on its due day.
 */
export function completeFollowUp(
  db: Db,
  actor: MutationActor,
  agent: Agent,
  followUpId: string,
): FollowUpItem {
  const row = followUpById(db, followUpId)
  if (!row) throw new ApiError('NOT_FOUND', 'interactions.errors.followUpNotFound')
  const viewer = queueViewer(db, agent)
  const asRow = { ...row, status: 'open' as const }
  const sees = (scope: 'mine' | 'team') =>
    workQueue([asRow], { today: row.dueDate, viewer, scope }).dueToday.length === 1
  if (!sees('mine') && !(agent.role === 'supervisor' && sees('team')))
    throw new ApiError('FORBIDDEN', 'interactions.errors.notYourFollowUp')
  if (row.status !== 'open') throw new ApiError('CONFLICT', 'interactions.errors.followUpClosed')
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    db,
    actor,
    {
      name: 'followUp.complete',
      entityType: 'follow_up',
      entityId: row.id,
      customerId: row.customerId,
      args: { id: row.id, doneAt: at },
    },
    () => {
      db.prepare(
        `UPDATE follow_ups SET status = 'done', done_by = ?, done_at = ?, version = version + 1
         WHERE id = ? AND status = 'open'`,
      ).run(actor.agentId, at, row.id)
      return { result: undefined, before: { status: 'open' }, after: { status: 'done' } }
    },
  )
  return followUpById(db, row.id)!
}

/** What the log form offers: colleagues, teams, each topic's default due date and the latest allowed. */
export function interactionOptions(db: Db, agentId: string, nowMs: number) {
  const today = rigaToday(nowMs)
  const dataset = followUpDataset(db, today)
  const calendar = calendarOptions(db, today)
  return {
    today,
    latestDue: addWorkingDays(today, dataset.maxWorkingDaysAhead, calendar),
    defaultDue: Object.fromEntries(
      INTERACTION_TOPICS.map((t) => [t, defaultFollowUpDue(t, { today, dataset, calendar })]),
    ),
    agents: activeAgents(db).map((a) => ({ ...a, self: a.id === agentId })),
    teams: listTeams(db),
  }
}
