import { z } from 'zod'
import { defineMutation } from './define'

const id = z.string().min(1).max(80)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u)

/**
 * A call, visit, e-mail or letter logged at the desk, with the follow-up task it asked for (issue 12).
 * The desk's core rules (core/lifecycle/interactions, follow-ups) checked the values; the central checks them
 * again with the same rules (core/sync/decide/interaction).
 */
const logV1 = z
  .object({
    id,
    customerId: id,
    channel: z.enum(['visit', 'phone', 'email', 'letter']),
    direction: z.enum(['inbound', 'outbound']),
    topic: z.string().min(1).max(40),
    outcome: z.string().min(1).max(40),
    summary: z.string().min(1).max(2000),
    occurredAt: z.string().datetime({ offset: true }),
    followUp: z
      .object({
        id,
        agentId: id.nullable(),
        teamId: id.nullable(),
        dueDate: isoDate,
        note: z.string().max(500),
      })
      .strict()
      .refine((f) => (f.agentId === null) !== (f.teamId === null), { message: 'one assignee' })
      .nullable(),
  })
  .strict()
export type InteractionLogArgs = z.infer<typeof logV1>

export const interactionLog = defineMutation({
  name: 'interaction.log',
  entityType: 'interaction',
  versions: { 1: logV1 },
  latestSchema: logV1,
})

const completeV1 = z.object({ id, doneAt: z.string().datetime({ offset: true }) }).strict()

export const followUpComplete = defineMutation({
  name: 'followUp.complete',
  entityType: 'follow_up',
  versions: { 1: completeV1 },
  latestSchema: completeV1,
})
