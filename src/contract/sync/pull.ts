import { z } from 'zod'
import { MAX_PULL_LIMIT, MAX_PULL_WAIT_S } from './version'

/** Entity types that flow down to desks, in the order a page lists changes of the same version. */
export const syncEntityTypes = [
  'service_centres',
  'agents',
  'customers',
  'premises',
  'meters',
  'readings',
  'consents',
  'documents',
  'portal_accounts',
  'portal_users',
  'interactions',
  'follow_ups',
] as const
export type SyncEntityType = (typeof syncEntityTypes)[number]

/** The cursor is opaque to the desk: it stores and returns it, nothing else. */
export const cursorSchema = z.string().max(200)

export const pullQuerySchema = z
  .object({
    clientId: z.string().uuid(),
    /** Empty or absent: start from the beginning (a bootstrap of the centre's partition). */
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).optional(),
    /** Seconds to wait for a change when there is none (long poll); 0 answers at once. */
    wait: z.coerce.number().int().min(0).max(MAX_PULL_WAIT_S).optional(),
  })
  .strict()
export type PullQuery = z.infer<typeof pullQuerySchema>

export const changeSchema = z.object({
  type: z.enum(syncEntityTypes),
  id: z.string(),
  op: z.enum(['put', 'delete']),
  /** The central's commit version of this change (commit order == version order). */
  version: z.number().int(),
  row: z.record(z.string(), z.unknown()).nullable(),
})
export type Change = z.infer<typeof changeSchema>

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: cursorSchema,
  hasMore: z.boolean(),
  /** The client's last consumed seq (so the desk can trim its outbox in the same transaction). */
  lastSeq: z.number().int().min(0),
  /** Cursors whose version is below this get 410 (tombstones older than it were purged). */
  purgeWatermark: z.string(),
  serverTime: z.string(),
})
export type PullResponse = z.infer<typeof pullResponseSchema>

export const ackRequestSchema = z.object({ clientId: z.string().uuid(), cursor: cursorSchema }).strict()
export type AckRequest = z.infer<typeof ackRequestSchema>
export const ackResponseSchema = z.object({ ok: z.literal(true), serverTime: z.string() })
