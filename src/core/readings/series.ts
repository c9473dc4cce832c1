import { addMonths, daysBetween, monthsBetween, type IsoMonth } from '../calendar/dates'
import { outOfWindowPeriod } from '../calendar/window'
import type { ReadingRecord } from './types'

export interface MonthlyConsumption {
  month: IsoMonth
  /** Whole m³ used in the month; null when no readings span it. */
  m3: number | null
  kind: 'actual' | 'estimated' | 'missing'
  /** True when one reading interval spanning several months was shared out evenly across them. */
  spread: boolean
  /** The reading that closes the interval this month belongs to. */
  readingId: string | null
}

/** Readings that count: not rejected and not replaced by a correction; for a period, the latest one. */
export function effectiveReadings(readings: readonly ReadingRecord[]): ReadingRecord[] {
  const replaced = new Set(readings.map((r) => r.replaces).filter((id): id is string => !!id))
  const live = readings.filter((r) => r.status !== 'rejected' && !replaced.has(r.id))
  const byPeriod = new Map<string, ReadingRecord>()
  const out: ReadingRecord[] = []
  for (const r of live) {
    if (!r.period) out.push(r)
    else {
      const seen = byPeriod.get(r.period)
      if (!seen || r.recordedAt > seen.recordedAt) byPeriod.set(r.period, r)
    }
  }
  return [...out, ...byPeriod.values()].sort(chronological)
}

export function chronological(a: ReadingRecord, b: ReadingRecord): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1
  return a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0
}

/** Consumption between two register values, across one rollover of a `digits`-digit register. */
export function consumptionBetween(from: number, to: number, digits: number): number {
  return to >= from ? to - from : to + 10 ** digits - from
}

/** The month whose end a reading marks: its period, or outside a window the month it anchors to. */
function anchorMonth(r: ReadingRecord): IsoMonth {
  return r.period ?? outOfWindowPeriod(r.date)
}

/**
 * Monthly consumption of one meter for the `months` months ending with `endMonth`, for the history chart
 * and the plausibility checks. An interval between two readings several months apart is shared out in
 * whole m³ (the remainder on the latest months); a month takes the status of the reading closing it.
 */
export function monthlyConsumptionSeries(
  readings: readonly ReadingRecord[],
  /**
   * `digits: null` is a cumulative register that never rolls over: the readings of several meters of a
   * premise mapped onto one running total (lifecycle/register-chain), where a difference is taken as is.
   */
  options: { endMonth: IsoMonth; months?: number; digits: number | null },
): MonthlyConsumption[] {
  const months = options.months ?? 24
  const start = addMonths(options.endMonth, -(months - 1))
  const series: MonthlyConsumption[] = []
  for (let i = 0; i < months; i++)
    series.push({ month: addMonths(start, i), m3: null, kind: 'missing', spread: false, readingId: null })

  // One point per anchor month: the latest reading for it.
  const points = new Map<IsoMonth, ReadingRecord>()
  for (const r of effectiveReadings(readings)) {
    const month = anchorMonth(r)
    const seen = points.get(month)
    if (!seen || chronological(seen, r) < 0) points.set(month, r)
  }
  const ordered = [...points.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
  for (let i = 1; i < ordered.length; i++) {
    const [fromMonth, from] = ordered[i - 1]
    const [toMonth, to] = ordered[i]
    const span = monthsBetween(fromMonth, toMonth)
    if (daysBetween(from.date, to.date) < 0) continue
    // A register rolls over only between two real readings; when either end is an estimate, a lower value
    // is the estimate being wrong (negative difference), never 10^digits m³ of gas.
    const total =
      options.digits === null ||
      (to.value < from.value && (from.status === 'estimated' || to.status === 'estimated'))
        ? to.value - from.value
        : consumptionBetween(from.value, to.value, options.digits)
    const share = Math.floor(total / span)
    const remainder = total - share * span
    for (let k = 1; k <= span; k++) {
      const idx = monthsBetween(start, addMonths(fromMonth, k))
      if (idx < 0 || idx >= months) continue
      series[idx] = {
        month: series[idx].month,
        m3: share + (k > span - remainder ? 1 : 0),
        kind: to.status === 'estimated' ? 'estimated' : 'actual',
        spread: span > 1,
        readingId: to.id,
      }
    }
  }
  return series
}
