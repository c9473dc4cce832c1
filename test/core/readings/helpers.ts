import { addMonths } from '../../../src/core/calendar'
import type { MeterSpec, ReadingRecord, ReadingStatus } from '../../../src/core/readings'

export const G4: MeterSpec = { digits: 5, maxFlowM3h: 6 }

let seq = 0
export function reading(
  period: string | null,
  date: string,
  value: number,
  status: ReadingStatus = 'actual',
  extra: Partial<ReadingRecord> = {},
): ReadingRecord {
  seq++
  return {
    id: `r${seq}`,
    value,
    date,
    period,
    status,
    recordedAt: `${date}T09:00:${String(seq % 60).padStart(2, '0')}.${String(seq).padStart(3, '0').slice(-3)}Z`,
    ...extra,
  }
}

/** One actual reading per period on the 28th, starting at `firstPeriod`, with these monthly usages. */
export function monthlyHistory(firstPeriod: string, start: number, usages: number[]): ReadingRecord[] {
  const out = [reading(firstPeriod, `${firstPeriod}-28`, start)]
  let value = start
  usages.forEach((u, i) => {
    value += u
    const p = addMonths(firstPeriod, i + 1)
    out.push(reading(p, `${p}-28`, value))
  })
  return out
}

/** Noon UTC on a date (inside the window from the 27th on). */
export const noon = (date: string): string => `${date}T10:00:00Z`
