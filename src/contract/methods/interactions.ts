import { z } from 'zod'
import { ANY_AGENT, method } from '../define'
import { isoDateSchema } from '../common'
import {
  INTERACTION_CHANNELS,
  INTERACTION_DIRECTIONS,
  INTERACTION_OUTCOMES,
  INTERACTION_TOPICS,
} from '../../core/lifecycle/interactions'

/**
 * The interaction log and the home page's work queues (issue 12). The lists come from the core rules
 * (src/core/lifecycle), so the form, the schema and the validation cannot drift apart. The schema only
 * bounds sizes and shapes: which channel goes with which outcome, dates and assignees are the core's
 * to judge, and its problems come back as a typed VALIDATION error with one locale key per field.
 */
export const interactionChannels = INTERACTION_CHANNELS
export const interactionDirections = INTERACTION_DIRECTIONS
export const interactionTopics = INTERACTION_TOPICS
export const interactionOutcomes = INTERACTION_OUTCOMES

const id = z.string().min(1).max(64)

const assigneeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('self') }).strict(),
  z.object({ kind: z.literal('agent'), agentId: id }).strict(),
  z.object({ kind: z.literal('team'), teamId: id }).strict(),
])

export const followUpSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  customerNumber: z.string(),
  interactionId: z.string(),
  topic: z.string(),
  dueDate: isoDateSchema,
  note: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  assigneeAgentId: z.string().nullable(),
  assigneeAgentName: z.string().nullable(),
  assigneeTeamId: z.string().nullable(),
  assigneeTeamCode: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAt: z.string().nullable(),
})
export type FollowUpItem = z.infer<typeof followUpSchema>

export const interactionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  topic: z.enum(interactionTopics),
  outcome: z.enum(interactionOutcomes),
  summary: z.string(),
  occurredAt: z.string(),
  agentName: z.string().nullable(),
  followUp: followUpSchema.nullable(),
})
export type InteractionItem = z.infer<typeof interactionSchema>

const queueList = <T extends z.ZodType>(item: T) =>
  z.object({ count: z.number().int(), items: z.array(item) })

export const workQueuesSchema = z.object({
  today: isoDateSchema,
  scope: z.enum(['mine', 'team']),
  overdue: queueList(followUpSchema),
  dueToday: queueList(followUpSchema),
  documents: queueList(
    z.object({
      id: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      filename: z.string(),
      receivedAt: z.string(),
    }),
  ),
  reassess: queueList(
    z.object({
      id: z.string(),
      meterId: z.string(),
      customerId: z.string(),
      customerName: z.string(),
      serial: z.string(),
      value: z.number().int(),
      date: isoDateSchema,
    }),
  ),
})
export type WorkQueues = z.infer<typeof workQueuesSchema>

export const interactionMethods = {
  /** A customer's interactions, newest first, each with its follow-up. */
  'interactions.list': method({
    access: ANY_AGENT,
    input: z.object({ customerId: id, limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.object({ items: z.array(interactionSchema) }),
  }),
  /** What the log form offers: colleagues, teams, and each topic's default due date from today. */
  'interactions.options': method({
    access: ANY_AGENT,
    input: z.object({}).strict(),
    output: z.object({
      today: isoDateSchema,
      latestDue: isoDateSchema,
      defaultDue: z.record(z.string(), isoDateSchema),
      agents: z.array(z.object({ id: z.string(), displayName: z.string(), self: z.boolean() })),
      teams: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
    }),
  }),
  /** One interaction (and its follow-up) as one mutation with its outbox and audit rows. */
  'interactions.log': method({
    access: ANY_AGENT,
    input: z
      .object({
        customerId: id,
        channel: z.string().max(20),
        direction: z.string().max(20),
        topic: z.string().max(40),
        outcome: z.string().max(40),
        summary: z.string().max(4000),
        /** Default now. */
        occurredAt: z.string().datetime({ offset: true }).optional(),
        followUp: z
          .object({
            assignee: assigneeInput,
            dueDate: isoDateSchema.nullable().optional(),
            note: z.string().max(1000).optional(),
          })
          .strict()
          .nullable()
          .optional(),
      })
      .strict(),
    output: z.object({ interaction: interactionSchema, pending: z.number().int() }),
  }),
  /** Marks an open follow-up done (its assignee, a member of its team, or a supervisor of them). */
  'followUps.complete': method({
    access: ANY_AGENT,
    input: z.object({ followUpId: id }).strict(),
    output: z.object({ followUp: followUpSchema, pending: z.number().int() }),
  }),
  /** The home page's queues; `team` is for supervisors only. */
  'workQueues.get': method({
    access: ANY_AGENT,
    input: z
      .object({
        scope: z.enum(['mine', 'team']).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: workQueuesSchema,
  }),
} as const
