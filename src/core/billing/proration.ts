import { roundHalfAwayFromZero } from './decimal'
import { addDays, daysInclusive } from '../calendar/dates'

/** A piece of a billing period, both ends inclusive. */
export interface Segment {
  from: string
  to: string
  days: number
}

/** Splits [from, to] at each change date (the first day of a new tariff), in order. */
export function splitPeriod(from: string, to: string, changeDates: readonly string[]): Segment[] {
  const cuts = [...new Set(changeDates)].filter((d) => d > from && d <= to).sort()
  const segments: Segment[] = []
  let start = from
  for (const cut of cuts) {
    const end = addDays(cut, -1)
    segments.push({ from: start, to: end, days: daysInclusive(start, end) })
    start = cut
  }
  segments.push({ from: start, to, days: daysInclusive(start, to) })
  return segments
}

/**
 * Distributes an integer total over parts in proportion to their weights (days) by cumulative rounding:
 * part i gets round(total x W_i / W) - round(total x W_(i-1) / W), where W_i are running sums. The parts
 * always add up to the total exactly, each is at most one unit from its exact share, and splitting a part in
 * two never changes the other parts.
 */
export function allocateByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) throw new RangeError('weights must add up to more than zero')
  const t = BigInt(total)
  const w = BigInt(sum)
  let running = 0n
  let previous = 0n
  return weights.map((wi) => {
    running += BigInt(wi)
    const upTo = roundHalfAwayFromZero(t * running, w)
    const part = upTo - previous
    previous = upTo
    return Number(part)
  })
}
