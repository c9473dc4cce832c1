import { z } from 'zod'
import { MAX_PUSH_MUTATIONS } from './version'

const id = z.string().min(1).max(80)
const instant = z.string().datetime({ offset: true })

/** One outbox row on the wire. `args` is checked against the versioned schema of `name` at apply. */
export const pushedMutationSchema = z
  .object({
    seq: z.number().int().min(1),
    mutationId: z.string().uuid(),
    name: z.string().min(1).max(60),
    /** Version of the args schema of `name` the desk wrote (upcast on the central). */
    argsVersion: z.number().int().min(1).max(1000),
    entityType: z.string().min(1).max(40),
    entityId: id,
    baseVersion: z.number().int().min(0).nullable(),
    agentId: id,
    /** The desk's clock when the agent acted: informational, never orders anything. */
    clientTime: instant,
    args: z.unknown(),
  })
  .strict()
export type PushedMutation = z.infer<typeof pushedMutationSchema>

export const pushRequestSchema = z
  .object({
    protocolVersion: z.number().int().min(1),
    clientId: z.string().uuid(),
    /** The desk's database schema version (its migrations), for upgrade checks. */
    schemaVersion: z.number().int().min(1),
    clientNow: instant,
    mutations: z.array(pushedMutationSchema).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .strict()
  .superRefine((req, ctx) => {
    // A batch is a run of consecutive seqs: the central reasons about gaps only at its start.
    for (let i = 1; i < req.mutations.length; i++) {
      if (req.mutations[i].seq !== req.mutations[i - 1].seq + 1) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'seq'], message: 'seqs must be consecutive' })
        return
      }
    }
  })
export type PushRequest = z.infer<typeof pushRequestSchema>

export const mutationErrorSchema = z.object({
  code: z.string(),
  messageKey: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type MutationError = z.infer<typeof mutationErrorSchema>

/**
 * - applied: run now; `serverVersion` is the entity's version after it.
 * - duplicate: seen before (same seq, or the same mutation id under an earlier client id); `outcome` is
 *   what happened the first time, and the other fields repeat that result.
 * - rejected: a business refusal (forbidden, invalid, not found, server-error after N attempts). It
 *   consumes its seq: a bad mutation never blocks the queue.
 * - conflict: a person decides (`conflictId` names the queue entry); consumes its seq.
 * - blocked: a precondition (blob-missing, upgrade-required, retry-later). Does NOT consume its seq; the
 *   batch stops there and the desk sends it again once the precondition holds.
 */
export const mutationStatuses = ['applied', 'duplicate', 'rejected', 'conflict', 'blocked'] as const
export type MutationStatus = (typeof mutationStatuses)[number]
export const finalOutcomes = ['applied', 'rejected', 'conflict'] as const
export type FinalOutcome = (typeof finalOutcomes)[number]

/** An entity row as the central holds it, sent with rejected and conflict results so the desk can undo. */
export const entityRowSchema = z.object({
  type: z.string(),
  id: z.string(),
  op: z.enum(['put', 'delete']),
  row: z.record(z.string(), z.unknown()).nullable(),
})
export type EntityRow = z.infer<typeof entityRowSchema>

export const mutationResultSchema = z.object({
  seq: z.number().int(),
  mutationId: z.string(),
  status: z.enum(mutationStatuses),
  /** For `duplicate`: the first outcome. */
  outcome: z.enum(finalOutcomes).nullable(),
  serverVersion: z.number().int().nullable(),
  conflictId: z.string().nullable(),
  error: mutationErrorSchema.nullable(),
  /** What the mutation's decision returned to the desk (e.g. issued numbers); null when nothing. */
  result: z.unknown().nullable(),
  /** Authoritative rows of the touched entities (rejected and conflict only). */
  rows: z.array(entityRowSchema),
})
export type MutationResult = z.infer<typeof mutationResultSchema>

export const pushResponseSchema = z.object({
  /** The client's last consumed seq after this request. */
  lastSeq: z.number().int().min(0),
  results: z.array(mutationResultSchema),
  /** True when the desk's clock differs from the central's by more than 5 minutes. */
  clockSuspect: z.boolean(),
  serverTime: z.string(),
})
export type PushResponse = z.infer<typeof pushResponseSchema>
