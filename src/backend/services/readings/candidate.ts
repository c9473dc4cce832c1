/** Turns a call's candidate reading into the core's validation, with the desk's calendar and kWh. */
import { ApiError } from '../../../contract'
import type { ReadingValidationResult } from '../../../contract/methods/readings'
import {
  monthOf,
  rigaToday,
  rigaWallTimeToEpochMs,
  currentOrNextWindow,
  windowContaining,
} from '../../../core/calendar'
import type { CalendarOptions } from '../../../core/calendar'
import {
  calorificValueFor,
  effectiveReadings,
  m3ToKwh,
  validateReading,
  type FindingCode,
  type OutOfWindowReason,
  type ReadingValidation,
} from '../../../core/readings'
import type { Db } from '../../db/open'
import { calendarOptions, calorificDataset } from './reference'
import { meterById, readingsOfMeter, toRecord, toRows, type MeterRow, type StoredReading } from './repo'

export interface CandidateInput {
  meterId: string
  value: number
  date?: string
  outOfWindowReason?: OutOfWindowReason | null
  correctionReason?: string | null
  confirmed?: FindingCode[]
}

export interface Evaluated {
  meter: MeterRow
  stored: StoredReading[]
  core: ReadingValidation
  result: ReadingValidationResult
  calendar: CalendarOptions
}

export function requireMeter(db: Db, meterId: string): MeterRow {
  const meter = meterById(db, meterId)
  if (!meter) throw new ApiError('NOT_FOUND', 'readings.errors.meterNotFound', { meterId })
  return meter
}

/**
 * The instant the reading counts as taken: now when it is today's; noon Riga time for an earlier date
 * (a letter or an e-mail read later), so the window follows the date the agent typed. It travels in the
 * outbox (`takenAt`) so the central judges the window by the same moment.
 */
export function readingInstant(date: string | undefined, nowMs: number): number {
  return !date || date === rigaToday(nowMs) ? nowMs : rigaWallTimeToEpochMs(date, 12)
}

function instantFor(date: string | undefined, nowMs: number, meter: MeterRow): number {
  const today = rigaToday(nowMs)
  if (!date || date === today) return readingInstant(date, nowMs)
  if (date > today) throw new ApiError('VALIDATION', 'readings.errors.futureDate', { date, today })
  if (date < meter.installed_at)
    throw new ApiError('VALIDATION', 'readings.errors.beforeInstalled', {
      date,
      installedAt: meter.installed_at,
    })
  return readingInstant(date, nowMs)
}

/** `mayCorrect`: the agent holds the `correctReadings` right (see RIGHTS in the contract). */
export function evaluate(db: Db, input: CandidateInput, nowMs: number, mayCorrect = false): Evaluated {
  const meter = requireMeter(db, input.meterId)
  const at = instantFor(input.date, nowMs, meter)
  if (meter.removed_at && rigaToday(at) > meter.removed_at)
    throw new ApiError('VALIDATION', 'readings.errors.meterRemoved', { removedAt: meter.removed_at })
  const today = rigaToday(nowMs)
  const calendar = calendarOptions(db, today)
  const stored = readingsOfMeter(db, meter.id)
  const records = stored.map(toRecord)
  const core = validateReading(
    {
      value: input.value,
      at,
      outOfWindowReason: input.outOfWindowReason ?? null,
      correctionReason: input.correctionReason ?? null,
      confirmed: input.confirmed ?? [],
    },
    {
      meter: { digits: meter.digits, maxFlowM3h: meter.max_flow_m3h },
      readings: records,
      calendar,
      mayCorrect,
    },
  )
  const calorific = calorificValueFor(
    meter.zone,
    core.period ?? monthOf(core.date),
    calorificDataset(db, today),
  )
  const kwh =
    core.consumptionM3 !== null && Number.isInteger(core.consumptionM3)
      ? m3ToKwh(core.consumptionM3, calorific.kwhPerM3)
      : null
  let replaces = null
  if (core.replaces) {
    const effectiveIds = new Set(effectiveReadings(records).map((r) => r.id))
    const row = stored.find((s) => s.id === core.replaces?.id)
    if (row) replaces = toRows([row], effectiveIds)[0]
  }
  const result: ReadingValidationResult = {
    findings: core.findings,
    blocked: core.blocked,
    needsConfirmation: core.needsConfirmation,
    canSave: core.canSave,
    date: core.date,
    period: core.period,
    outOfWindow: core.outOfWindow,
    consumptionM3: core.consumptionM3,
    consumptionKwh: kwh,
    kwhPerM3: calorific.kwhPerM3,
    calorificFallback: calorific.fallback,
    replaces,
  }
  return { meter, stored, core, result, calendar }
}

export interface WindowStateOut {
  today: string
  open: boolean
  window: ReturnType<typeof currentOrNextWindow>
}

export function windowState(db: Db, nowMs: number): WindowStateOut {
  const today = rigaToday(nowMs)
  const calendar = calendarOptions(db, today)
  return {
    today,
    open: windowContaining(nowMs, calendar) !== null,
    window: currentOrNextWindow(nowMs, calendar),
  }
}
