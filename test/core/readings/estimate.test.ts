import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { estimateReadingAt } from '../../../src/core/readings'
import { G4, monthlyHistory, reading } from './helpers'

// Readings on the 28th from Jan 2024 to Feb 2025; heating in winter, little in summer.
const usage = [90, 80, 60, 30, 15, 10, 10, 15, 40, 70, 95, 100, 92]
const history = monthlyHistory('2024-01', 5000, usage)

describe('estimateReadingAt', () => {
  it('adds the same month a year earlier, day by day, to the last reading', () => {
    // Last reading 28 Feb 2025 = 5000 + 707; March 2024 used 80 m³ (28 Feb -> 28 Mar, anchored to March).
    const e = estimateReadingAt(history, '2025-03-15', G4)!
    expect(e.from.value).toBe(5707)
    expect(e.parts).toEqual(
      [
        { month: '2025-02', days: 0, dailyM3: 90 / 29, basis: 'lastYear' },
        { month: '2025-03', days: 15, dailyM3: 80 / 31, basis: 'lastYear' },
      ].filter((p) => p.days > 0),
    )
    expect(e.m3).toBe(Math.round((15 * 80) / 31)) // 38.7 -> 39
    expect(e.value).toBe(5707 + 39)
  })

  it('falls back to the 12-month average without last year’s month, and gives up without history', () => {
    const short = monthlyHistory('2024-09', 100, [40, 70, 95, 100])
    // From the 28 Dec reading: 3 December days and 10 January days at the Oct-Dec average (205 m³ / 92 days).
    const e = estimateReadingAt(short, '2025-01-10', G4)!
    expect(e.parts).toEqual([
      { month: '2024-12', days: 3, dailyM3: 205 / 92, basis: 'average' },
      { month: '2025-01', days: 10, dailyM3: 205 / 92, basis: 'average' },
    ])
    expect(e.m3).toBe(Math.round((13 * 205) / 92))
    expect(estimateReadingAt([reading('2025-01', '2025-01-28', 7)], '2025-02-10', G4)).toBeNull()
    expect(estimateReadingAt([], '2025-02-10', G4)).toBeNull()
  })

  it('rolls the register over like the meter would', () => {
    const near = monthlyHistory('2024-01', 99_250, usage)
    const e = estimateReadingAt(near, '2025-03-31', G4)!
    expect([e.from.value, e.m3, e.value]).toEqual([99_957, 80, 37])
  })

  it('property: never below the last reading, within the days’ lowest and highest daily rates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), (days) => {
        const date = new Date(Date.UTC(2025, 1, 28 + days)).toISOString().slice(0, 10)
        const e = estimateReadingAt(history, date, G4)
        if (!e) return
        const rates = e.parts.map((p) => p.dailyM3)
        expect(e.parts.reduce((s, p) => s + p.days, 0)).toBe(days)
        expect(e.m3).toBeGreaterThanOrEqual(Math.floor(Math.min(...rates) * days))
        expect(e.m3).toBeLessThanOrEqual(Math.ceil(Math.max(...rates) * days))
        expect(e.value).toBe(e.from.value + e.m3)
      }),
    )
  })
})
