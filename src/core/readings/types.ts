import type { IsoDate, IsoMonth } from '../calendar/dates'
import type { CalendarOptions } from '../calendar/holidays'
import type { Instant } from '../calendar/riga-time'

export type ReadingStatus = 'actual' | 'estimated' | 'corrected' | 'rejected'
export type ReadingSource = 'agent' | 'portal' | 'web-form' | 'sms' | 'operator-estimate'
export const READING_CHANNELS = ['visit', 'phone', 'email', 'letter'] as const
export type ReadingChannel = (typeof READING_CHANNELS)[number]

/**
 * Why a reading may be taken outside the window (DOMAIN.md); `year-end` is the 31 December reading and
 * `reported-late`: the customer reports a reading taken in the window after it closed (a letter, a call).
 */
export const OUT_OF_WINDOW_REASONS = [
  'move-in',
  'move-out',
  'change-of-user',
  'change-of-retailer',
  'year-end',
  'control',
  'meter-replacement',
  'reported-late',
] as const
export type OutOfWindowReason = (typeof OUT_OF_WINDOW_REASONS)[number]

export interface MeterSpec {
  /** Black (whole m³) digits on the register; G4 household meters typically have 5. */
  digits: number
  /** Maximum flow in m³/h (G4: 6). */
  maxFlowM3h: number
}

/** One stored reading of a meter, as the validation and the history chart need it. */
export interface ReadingRecord {
  id: string
  /** Whole m³ on the register. */
  value: number
  /** Riga calendar date the reading was taken. */
  date: IsoDate
  /** The window period it counts for; null for a reading taken outside a window. */
  period: IsoMonth | null
  /**
   * `corrected` is an actual value entered as a correction. A reading that another one `replaces`
   * stays in history but no longer counts; `rejected` never counts.
   */
  status: ReadingStatus
  /** ISO instant it was recorded; orders readings of the same period. */
  recordedAt: string
  /** The id of the reading this one corrects. */
  replaces?: string | null
  source?: ReadingSource
}

export interface ReadingCandidate {
  value: number
  /** When the reading was taken (defaults to now in the UI); decides the window and the period. */
  at: Instant
  outOfWindowReason?: OutOfWindowReason | null
  /**
   * The reading dates an event (meter removal or installation, move-out, move-in) instead of closing a
   * month: it never takes the window's period, so inside a window it neither duplicates nor corrects the
   * period reading; `outOfWindowReason` names the event, inside a window too.
   */
  event?: boolean
  /** Required to enter a second reading for a period that already has one. */
  correctionReason?: string | null
  /** Warning codes the agent has confirmed. */
  confirmed?: readonly FindingCode[]
}

export interface ValidationContext {
  meter: MeterSpec
  /** Every reading of this meter, any status, any order. */
  readings: readonly ReadingRecord[]
  calendar?: CalendarOptions
  /**
   * The agent may correct an earlier actual reading: a lower reading with a correction reason then
   * replaces the last actual one (it was misread or mistyped) instead of being refused.
   */
  mayCorrect?: boolean
}

export type Severity = 'block' | 'warn' | 'info'

export const FINDING_CODES = [
  'not-integer',
  'negative',
  'too-many-digits',
  'out-of-window-reason-required',
  'out-of-window',
  'duplicate-period',
  'correction',
  'lower-than-last-actual',
  'correction-not-allowed',
  'rollover',
  'estimate-reassess',
  'exceeds-max-flow',
  'consumption-high',
  'consumption-low',
  'zero-consumption',
  'zero-streak',
  'first-reading',
] as const
export type FindingCode = (typeof FINDING_CODES)[number]

export interface Finding {
  code: FindingCode
  severity: Severity
  /** A key under `readings.validation.*` in locales; `params` fill its placeholders. */
  messageKey: string
  params: Record<string, string | number>
}
