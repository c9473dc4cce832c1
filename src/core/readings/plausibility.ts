import { addMonths, daysInIsoMonth, type IsoMonth } from '../calendar/dates'
import { finding } from './findings'
import type { MonthlyConsumption } from './series'
import type { Finding } from './types'

export const HIGH_RATIO = 3
export const LOW_RATIO = 0.3
export const ZERO_STREAK_MONTHS = 3
/** The 12-month average is used only with at least this many months of history. */
export const MIN_AVERAGE_MONTHS = 3

const round1 = (n: number): number => Math.round(n * 10) / 10

/**
 * Compares the daily rate of `consumption` over `days` with the same month a year earlier, or — when
 * that month is unknown — with the average of the 12 months before `period`. Gas use is seasonal, so the
 * yearly average would flag every summer and winter month when last year's month is there to compare;
 * daily rates make intervals of different lengths comparable.
 */
export function plausibilityFindings(
  consumption: number,
  days: number,
  period: IsoMonth,
  history: readonly MonthlyConsumption[],
): Finding[] {
  if (consumption <= 0) return []
  const byMonth = new Map(history.map((h) => [h.month, h]))
  const bases: { variant: 'lastYear' | 'average'; daily: number; expectedM3: number }[] = []

  const lastYear = byMonth.get(addMonths(period, -12))
  if (lastYear && lastYear.m3 !== null && lastYear.m3 > 0) {
    const daily = lastYear.m3 / daysInIsoMonth(lastYear.month)
    bases.push({ variant: 'lastYear', daily, expectedM3: Math.round(daily * days) })
  }
  let sum = 0
  let spanDays = 0
  let count = 0
  for (let k = 1; k <= 12; k++) {
    const h = byMonth.get(addMonths(period, -k))
    if (!h || h.m3 === null) continue
    sum += h.m3
    spanDays += daysInIsoMonth(h.month)
    count++
  }
  if (bases.length === 0 && count >= MIN_AVERAGE_MONTHS && sum > 0) {
    const daily = sum / spanDays
    bases.push({ variant: 'average', daily, expectedM3: Math.round(daily * days) })
  }

  const rate = consumption / days
  const out: Finding[] = []
  for (const b of bases) {
    const ratio = rate / b.daily
    const params = { consumption, expected: b.expectedM3, ratio: round1(ratio), days }
    if (ratio > HIGH_RATIO) out.push(finding('consumption-high', params, b.variant))
    else if (ratio < LOW_RATIO) out.push(finding('consumption-low', params, b.variant))
  }
  return out
}

/** Consecutive months with an actual zero just before `period`. */
export function zeroMonthsBefore(period: IsoMonth, history: readonly MonthlyConsumption[]): number {
  const byMonth = new Map(history.map((h) => [h.month, h]))
  let n = 0
  for (let m = addMonths(period, -1); ; m = addMonths(m, -1)) {
    const h = byMonth.get(m)
    if (!h || h.kind !== 'actual' || h.m3 !== 0) return n
    n++
  }
}
