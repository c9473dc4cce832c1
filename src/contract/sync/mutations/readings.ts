import { z } from 'zod'
import { rigaToday, rigaWallTimeToEpochMs } from '../../../core/calendar'
import { FINDING_CODES, OUT_OF_WINDOW_REASONS, READING_CHANNELS } from '../../../core/readings/types'
import { defineMutation } from './define'

const id = z.string().min(1).max(80)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u)

/** v1: what desks wrote before issue 9 — no reading time when the agent entered today's reading. */
const v1 = z
  .object({
    readingId: id,
    meterId: id,
    value: z.number().int().min(0).max(999_999_999),
    date: isoDate.optional(),
    outOfWindowReason: z.enum(OUT_OF_WINDOW_REASONS).nullish(),
    correctionReason: z.string().max(500).nullish(),
    confirmed: z.array(z.enum(FINDING_CODES)).max(20).optional(),
    channel: z.enum(READING_CHANNELS),
  })
  .strict()

/** v2: `takenAt` is the instant the desk resolved, so the window is judged by the agent's moment. */
const v2 = v1.extend({ takenAt: z.string().datetime({ offset: true }) }).strict()
export type ReadingRecordArgs = z.infer<typeof v2>

export const readingRecord = defineMutation({
  name: 'reading.record',
  entityType: 'reading',
  versions: { 1: v1, 2: v2 },
  latestSchema: v2,
  upcast: {
    // The desk's own rule (a past date counts at noon Riga time; today's reading at the moment of entry,
    // which v1 kept only as the outbox row's client time).
    1: (a, env) => {
      const args = a as z.infer<typeof v1>
      const today = rigaToday(env.clientTime)
      const takenAt =
        args.date && args.date !== today
          ? new Date(rigaWallTimeToEpochMs(args.date, 12)).toISOString()
          : new Date(env.clientTime).toISOString()
      return { ...args, takenAt }
    },
  },
})
