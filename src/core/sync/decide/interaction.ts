import { validateInteraction } from '../../lifecycle/interactions'
import type { FollowUpRow, InteractionRow } from '../rows'
import { applied, conflict, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface InteractionLogIntent {
  id: string
  customerId: string
  channel: InteractionRow['channel']
  direction: InteractionRow['direction']
  topic: string
  outcome: string
  summary: string
  occurredAt: string
  followUp: {
    id: string
    agentId: string | null
    teamId: string | null
    dueDate: string
    note: string
  } | null
}

/**
 * An interaction is a fact of the past, appended: the central checks it by the same core rules the desk did
 * (lifecycle/validateInteraction), as of the moment it was logged, so work done offline for days is not
 * refused for its age; a follow-up's due date is judged from the day of the interaction.
 */
export function decideInteractionLog(
  state: SyncStateView,
  args: InteractionLogIntent,
  ctx: DecideContext,
): Decision {
  if (state.interaction(args.id)) return applied({}, { interactionId: args.id })
  if (!state.customer(args.customerId)) return rejected('not-found', { customerId: args.customerId })
  const f = args.followUp
  const checked = validateInteraction(
    {
      channel: args.channel,
      direction: args.direction,
      topic: args.topic,
      outcome: args.outcome,
      summary: args.summary,
      occurredAt: args.occurredAt,
      now: args.occurredAt,
      followUp: f
        ? {
            assignee: f.agentId
              ? { kind: 'agent', agentId: f.agentId }
              : { kind: 'team', teamId: f.teamId ?? '' },
            dueDate: f.dueDate,
            note: f.note,
          }
        : null,
    },
    { agentId: ctx.agentId, calendar: ctx.calendar },
  )
  if (!checked.ok)
    return rejected('invalid-interaction', {
      problems: checked.problems.map((p) => ({ field: p.field, code: p.code })),
    })
  const v = checked.value
  const interaction: InteractionRow = {
    id: args.id,
    customer_id: args.customerId,
    channel: v.channel,
    direction: v.direction,
    topic: v.topic,
    outcome: v.outcome,
    summary: v.summary,
    occurred_at: v.occurredAt,
    agent_id: ctx.agentId,
    created_at: ctx.now,
    version: 1,
  }
  const followUps: FollowUpRow[] =
    f && v.followUp
      ? [
          {
            id: f.id,
            interaction_id: args.id,
            customer_id: args.customerId,
            assignee_agent_id: f.agentId,
            assignee_team_id: f.agentId ? null : f.teamId,
            due_date: v.followUp.dueDate,
            note: v.followUp.note,
            status: 'open',
            created_by: ctx.agentId,
            created_at: ctx.now,
            done_by: null,
            done_at: null,
            version: 1,
          },
        ]
      : []
  return applied({ interactions: [interaction], follow_ups: followUps }, { interactionId: args.id })
}

/**
 * The first completion wins: a follow-up closed meanwhile (on another desk) goes to a person as a conflict,
 * unless this agent closed it already (the same intent arriving twice).
 */
export function decideFollowUpComplete(
  state: SyncStateView,
  args: { id: string; doneAt: string },
  ctx: DecideContext,
): Decision {
  const f = state.followUp(args.id)
  if (!f) return rejected('not-found', { followUpId: args.id })
  if (f.status === 'done' && f.done_by === ctx.agentId) return applied({})
  if (f.status !== 'open')
    return conflict('follow-up-closed', { status: f.status, doneBy: f.done_by, doneAt: f.done_at })
  return applied({
    follow_ups: [
      { ...f, status: 'done', done_by: ctx.agentId, done_at: args.doneAt, version: f.version + 1 },
    ],
  })
}
