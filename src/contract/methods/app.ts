import { z } from 'zod'
import { ANY_AGENT, SUPERVISOR, method } from '../define'
import { emptyInput } from '../common'

export const syncStatusSchema = z.object({
  online: z.boolean(),
  pending: z.number().int().nonnegative(),
  oldestPendingAt: z.string().nullable(),
  rejected: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  lastPushAt: z.string().nullable(),
  lastPullAt: z.string().nullable(),
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
