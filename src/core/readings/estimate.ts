import {
  addDays,
  addMonths,
  daysBetween,
  daysInIsoMonth,
  monthOf,
  type IsoDate,
  type IsoMonth,
} from '../calendar/dates'
import { MIN_AVERAGE_MONTHS } from './plausibility'
import { effectiveReadings, monthlyConsumptionSeries } from './series'
import type { MeterSpec, ReadingRecord } from './types'

export interface EstimatePart {
  month: IsoMonth
  days: number
  /** m³ a day assumed for these days. */
  dailyM3: number
  basis: 'lastYear' | 'average'
}

export interface ReadingEstimate {
  /** The estimated register value (whole m³, across a rollover). */
  value: number
  /** m³ since `from`. */
  m3: number
  from: ReadingRecord
  parts: EstimatePart[]
}

/**
 * An estimated reading for `date` when none can be taken (a move-out without access to the meter): the
 * last reading plus, for each day since, the daily use of the same month a year earlier, or else the
 * 12-month average before it — the bases the plausibility check compares with. Null without such history;
 * the desk then needs an actual reading. The result is saved with status `estimated`, and the next actual
 * reading corrects it.
 */
export function estimateReadingAt(
  readings: readonly ReadingRecord[],
  date: IsoDate,
  meter: MeterSpec,
): ReadingEstimate | null {
  const earlier = effectiveReadings(readings).filter((r) => r.date <= date)
  const from = earlier[earlier.length - 1]
  if (!from) return null
  const history = monthlyConsumptionSeries(earlier, {
    endMonth: addMonths(monthOf(date), -1),
    months: 24,
    digits: meter.digits,
  })
  const byMonth = new Map(history.map((h) => [h.month, h.m3]))
  const dailyFor = (month: IsoMonth): Omit<EstimatePart, 'month' | 'days'> | null => {
    const lastYear = byMonth.get(addMonths(month, -12))
    if (lastYear !== undefined && lastYear !== null && lastYear >= 0)
      return { dailyM3: lastYear / daysInIsoMonth(addMonths(month, -12)), basis: 'lastYear' }
    let sum = 0
    let days = 0
    let count = 0
    for (let k = 1; k <= 12; k++) {
      const m = addMonths(monthOf(from.date), 1 - k)
      const v = byMonth.get(m)
      if (v === undefined || v === null || v < 0) continue
      sum += v
      days += daysInIsoMonth(m)
      count++
    }
    return count >= MIN_AVERAGE_MONTHS ? { dailyM3: sum / days, basis: 'average' } : null
  }
  const parts: EstimatePart[] = []
  // Days after the last reading's day up to and including `date` (a reading is the register at day's end).
  for (let start = addDays(from.date, 1); start <= date;) {
    const month = monthOf(start)
    const monthEnd = `${month}-${String(daysInIsoMonth(month)).padStart(2, '0')}`
    const end = monthEnd < date ? monthEnd : date
    const rate = dailyFor(month)
    if (!rate) return null
    parts.push({ month, days: daysBetween(start, end) + 1, ...rate })
    start = addDays(end, 1)
  }
  const exact = parts.reduce((s, p) => s + p.days * p.dailyM3, 0)
  const m3 = Math.min(Math.round(exact), meter.maxFlowM3h * 24 * Math.max(1, daysBetween(from.date, date)))
  return { value: (from.value + m3) % 10 ** meter.digits, m3, from, parts }
}
