import { z } from 'zod'
import { ANY_AGENT, SUPERVISOR, method } from '../define'
import { emptyInput } from '../common'

/**
 * The sync client's state: `not-enrolled` (no central configured), `offline` (the central cannot be
 * reached; work continues), `online`, `syncing`, `needs-sign-in` (the workstation's token was refused: enrol
 * again), `update-required` (the central wants a newer GasDesk).
 */
export const syncStates = [
  'not-enrolled',
  'offline',
  'online',
  'syncing',
  'needs-sign-in',
  'update-required',
] as const
export type SyncState = (typeof syncStates)[number]

export const syncStatusSchema = z.object({
  online: z.boolean(),
  pending: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  rejected: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
  // The fields below are absent from hosts that predate the sync client: the defaults say "not set up".
  state: z.enum(syncStates).default('not-enrolled'),
  /** The central said this workstation's clock is more than 5 minutes off. */
  clockSuspect: z.boolean().default(false),
  central: z.string().nullable().default(null),
  workstation: z.string().nullable().default(null),
  centre: z.string().nullable().default(null),
  /** The last failure, as a locale key (sync.protocol.errors.* or sync.client.errors.*). */
  lastError: z.object({ code: z.string(), messageKey: z.string(), at: z.string() }).nullable().default(null),
  nextRetryAt: z.string().nullable().default(null),
})
export type SyncStatus = z.infer<typeof syncStatusSchema>

/** The database file: `full` = the disk is full (read-only until space returns), `corrupt` = damaged. */
export const storageStateSchema = z.enum(['ok', 'full', 'corrupt'])
export type StorageState = z.infer<typeof storageStateSchema>

export const settingsSchema = z.object({
  lockAfterMinutes: z.number().int().min(1).max(240),
  /** Absolute session lifetime (a working day): after it the agent signs in again, locked or not. */
  sessionMaxHours: z.number().int().min(1).max(24),
})
export type Settings = z.infer<typeof settingsSchema>

export const appMethods = {
  'app.info': method({
    access: 'public',
    whileLocked: true,
    passive: true,
    input: emptyInput,
    output: z.object({
      version: z.string(),
      schemaVersion: z.number().int(),
      workstationId: z.string(),
      shell: z.enum(['electron', 'browser', 'test']),
      /** Absent from hosts that predate it: then nothing is known to be wrong. */
      storage: storageStateSchema.default('ok'),
    }),
  }),
  'sync.status': method({
    access: ANY_AGENT,
    whileLocked: true,
    passive: true,
    input: emptyInput,
    output: syncStatusSchema,
  }),
  /**
   * The desk's state for IT support (the Sync section's "Save diagnostics", `gasdesk diagnostics`): JSON
   * with versions, database shape, sync state and outbox counts — no secrets, personal codes or customer data.
   */
  'sync.diagnostics': method({
    access: ANY_AGENT,
    whileLocked: false,
    input: emptyInput,
    output: z.object({ fileName: z.string(), json: z.string() }),
  }),
  /** Cut the sync client's wait short (the Sync section's "Sync now"); answers the status at once. */
  'sync.now': method({
    access: ANY_AGENT,
    whileLocked: false,
    input: emptyInput,
    output: syncStatusSchema,
  }),
  // A screen part that failed to render (the renderer's section boundary): logged on the workstation with
  // a reference the agent can quote; passive so a failure never counts as activity for the lock.
  'app.logError': method({
    access: ANY_AGENT,
    whileLocked: true,
    passive: true,
    input: z
      .object({
        section: z.string().max(40),
        message: z.string().max(2000),
        info: z.string().max(200),
        stack: z.string().max(8000).nullable(),
      })
      .strict(),
    output: z.object({ ref: z.string() }),
  }),
  'settings.get': method({ access: ANY_AGENT, input: emptyInput, output: settingsSchema }),
  'settings.update': method({
    access: SUPERVISOR,
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),
} as const
