import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addWorkingDays, daysBetween, isWorkingDay } from '../../../src/core/calendar'

describe('addWorkingDays', () => {
  it('counts working days after the date, skipping weekends, holidays and Cabinet-moved days off', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09') // Friday -> Monday
    expect(addWorkingDays('2026-03-07', 1)).toBe('2026-03-09') // Saturday -> Monday
    expect(addWorkingDays('2026-03-06', 0)).toBe('2026-03-06')
    expect(addWorkingDays('2026-03-07', 0)).toBe('2026-03-09')
    // 31 Dec 2025 (holiday) -> 1 Jan (holiday), 2 Jan (moved day off), weekend -> Monday 5 Jan.
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-05')
    // Easter 2026: Good Friday 3 Apr, Easter Monday 6 Apr.
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07')
    expect(addWorkingDays('2026-01-02', 0, { honourMovedWorkingDays: false })).toBe('2026-01-02')
    expect(() => addWorkingDays('2026-03-06', -1)).toThrow(RangeError)
  })

  it('lands on a working day with exactly n working days after the start and none skipped', () => {
    const day = fc.integer({ min: 0, max: 365 * 8 }).map((n) => addDays('2019-01-01', n))
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), (date, n) => {
        const due = addWorkingDays(date, n)
        expect(isWorkingDay(due)).toBe(true)
        let count = 0
        for (let d = addDays(date, 1); d <= due; d = addDays(d, 1)) if (isWorkingDay(d)) count++
        expect(count).toBe(n === 0 && due === date ? 0 : isWorkingDay(date) ? n : Math.max(n, 1))
        expect(daysBetween(date, due)).toBeGreaterThanOrEqual(n)
      }),
    )
  })
})
