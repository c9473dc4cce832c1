import { z } from 'zod'
import { storageStateSchema, syncStatusSchema } from './methods/app'
import { batchProgressSchema } from './methods/billing'

/** Backend -> renderer notifications, carried by IPC (`webContents.send`) and HTTP (server-sent events). */
export const events = {
  'sync.status': syncStatusSchema,
  'session.locked': z.object({ reason: z.enum(['inactivity', 'manual']) }),
  'session.ended': z.object({}),
  'billing.batch': batchProgressSchema,
  'storage.status': z.object({ state: storageStateSchema }),
} as const
export type EventName = keyof typeof events
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>
