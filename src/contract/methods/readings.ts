import { z } from 'zod'
import { ANY_AGENT, method } from '../define'
import { isoDateSchema } from '../common'
import { syncStatusSchema } from './app'
import { FINDING_CODES, OUT_OF_WINDOW_REASONS, READING_CHANNELS } from '../../core/readings/types'

// The domain's lists (src/core/readings), reused so the schemas and the rules cannot drift apart.
export const findingCodes = FINDING_CODES
export const outOfWindowReasons = OUT_OF_WINDOW_REASONS
export const readingChannels = READING_CHANNELS
const monthSchema = z.string().regex(/^\d{4}-\d{2}$/, 'iso-month')

export const findingSchema = z.object({
  code: z.enum(findingCodes),
  severity: z.enum(['block', 'warn', 'info']),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
})
export type ReadingFinding = z.infer<typeof findingSchema>

export const readingWindowSchema = z.object({
  month: monthSchema,
  opens: isoDateSchema,
  closesEndOf: isoDateSchema,
  opensAt: z.string(),
  closesAt: z.string(),
})

export const windowStateSchema = z.object({
  /** Riga calendar date now. */
  today: isoDateSchema,
  open: z.boolean(),
  /** The open window, or else the next one to open. */
  window: readingWindowSchema,
})
export type WindowState = z.infer<typeof windowStateSchema>

export const readingRowSchema = z.object({
  id: z.string(),
  value: z.number().int(),
  date: isoDateSchema,
  period: monthSchema,
  outOfWindow: z.boolean(),
  source: z.enum(['agent', 'portal', 'web', 'sms', 'operator_estimate']),
  status: z.enum(['actual', 'estimated', 'corrected', 'rejected']),
  channel: z.enum(['visit', 'phone', 'email', 'letter', 'portal']).nullable(),
  agentName: z.string().nullable(),
  /** Out-of-window reason code, or the free-text correction reason. */
  reason: z.string().nullable(),
  correctsReadingId: z.string().nullable(),
  /** The reading that replaced this one, when it was corrected. */
  correctedById: z.string().nullable(),
  /** An estimate a later, lower reading sent back for re-assessment. */
  reassess: z.boolean(),
  /** Counts for consumption (not replaced, not rejected). */
  effective: z.boolean(),
  createdAt: z.string(),
})
export type ReadingRow = z.infer<typeof readingRowSchema>

export const meterCardSchema = z.object({
  meter: z.object({
    id: z.string(),
    meteringPointId: z.string(),
    serial: z.string(),
    model: z.string(),
    digits: z.number().int(),
    maxFlowM3h: z.number(),
    removed: z.boolean(),
  }),
  premise: z.object({
    id: z.string(),
    subscriberNumber: z.string(),
    address: z.string(),
    zone: z.string(),
  }),
  customer: z.object({ id: z.string(), customerNumber: z.string(), name: z.string() }),
  /** Newest first, at most 6. */
  lastReadings: z.array(readingRowSchema),
})
export type MeterCard = z.infer<typeof meterCardSchema>

const candidateFields = {
  meterId: z.string().min(1).max(64),
  /** Whole m³; a fraction is reported as a finding, not refused by the schema. */
  value: z.number().finite().min(-1e12).max(1e12),
  /** Riga date the reading was taken; default today. */
  date: isoDateSchema.optional(),
  outOfWindowReason: z.enum(outOfWindowReasons).nullable().optional(),
  correctionReason: z.string().trim().max(500).nullable().optional(),
  confirmed: z.array(z.enum(findingCodes)).max(20).optional(),
}

export const validationSchema = z.object({
  findings: z.array(findingSchema),
  blocked: z.boolean(),
  needsConfirmation: z.array(z.enum(findingCodes)),
  canSave: z.boolean(),
  date: isoDateSchema,
  period: monthSchema.nullable(),
  outOfWindow: z.boolean(),
  consumptionM3: z.number().int().nullable(),
  /** kWh of `consumptionM3` with the premise zone's calorific value for the month. */
  consumptionKwh: z.number().int().nullable(),
  kwhPerM3: z.number(),
  calorificFallback: z.boolean(),
  replaces: readingRowSchema.nullable(),
})
export type ReadingValidationResult = z.infer<typeof validationSchema>

export const seriesPointSchema = z.object({
  month: monthSchema,
  m3: z.number().int().nullable(),
  kwh: z.number().int().nullable(),
  kind: z.enum(['actual', 'estimated', 'missing']),
  spread: z.boolean(),
  readingId: z.string().nullable(),
})
export type SeriesPoint = z.infer<typeof seriesPointSchema>

export const readingsMethods = {
  /** Meters matching a subscriber number, metering point id or meter serial (exact). */
  'reading.lookup': method({
    access: ANY_AGENT,
    input: z.object({ identifier: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({ matches: z.array(meterCardSchema), windowState: windowStateSchema }),
  }),
  'reading.meter': method({
    access: ANY_AGENT,
    input: z.object({ meterId: z.string().min(1).max(64) }).strict(),
    output: z.object({ card: meterCardSchema, windowState: windowStateSchema }),
  }),
  /** Dry run: findings and kWh, nothing written. */
  'reading.validate': method({
    access: ANY_AGENT,
    input: z.object(candidateFields).strict(),
    output: validationSchema,
  }),
  'reading.record': method({
    access: ANY_AGENT,
    input: z.object({ ...candidateFields, channel: z.enum(readingChannels) }).strict(),
    /**
     * Everything the screen shows after a save, so a save is one round trip: the meter card with the new
     * reading, the window state and the sync status (the pending count also comes as the event).
     */
    output: z.object({
      readingId: z.string(),
      validation: validationSchema,
      pending: z.number().int(),
      card: meterCardSchema,
      windowState: windowStateSchema,
      syncStatus: syncStatusSchema,
    }),
  }),
  'reading.history': method({
    access: ANY_AGENT,
    input: z.object({ meterId: z.string().min(1).max(64), endMonth: monthSchema.optional() }).strict(),
    output: z.object({
      card: meterCardSchema,
      endMonth: monthSchema,
      series: z.array(seriesPointSchema),
      readings: z.array(readingRowSchema),
    }),
  }),
} as const
