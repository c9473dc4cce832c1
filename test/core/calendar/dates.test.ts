import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addDays,
  addMonths,
  assertIsoDate,
  daysBetween,
  daysInclusive,
  daysInIsoMonth,
  dayNumber,
  fromDayNumber,
  isIsoDate,
  isIsoMonth,
  lastDayOfMonth,
  monthOfYear,
  monthsBetween,
  outOfWindowPeriod,
  rigaToday,
  weekday,
} from '../../../src/core/calendar'

// `Date` in UTC is the independent oracle for civil-date arithmetic (it has no zone rules in UTC).
const DAY_MS = 86_400_000
const viaDate = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
const isoDate = fc
  .integer({ min: Date.UTC(1100, 0, 1) / DAY_MS, max: Date.UTC(9900, 0, 1) / DAY_MS })
  .map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10))
const isoMonth = fc
  .record({ y: fc.integer({ min: 1000, max: 9000 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`)

describe('day numbers and day arithmetic', () => {
  it('agree with Date for any day and offset, leap years and centuries included', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -4000, max: 4000 }), (iso, n) => {
        expect(addDays(iso, n)).toBe(viaDate(iso, n))
        expect(daysBetween(iso, viaDate(iso, n))).toBe(n)
        expect(daysInclusive(iso, viaDate(iso, n))).toBe(n + 1)
        expect(fromDayNumber(dayNumber(iso))).toBe(iso)
        expect(dayNumber(iso)).toBe(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
        expect(weekday(iso)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay())
      }),
      { numRuns: 2000 },
    )
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01')
  })

  it('refuse what is not a real calendar date instead of rolling it over', () => {
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-01', '26-01-01', 'x'])
      expect(() => dayNumber(bad), bad).toThrow(RangeError)
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2100-02-29')).toBe(false)
    expect(isIsoDate('2026-04-31')).toBe(false)
    expect(isIsoDate(20260401)).toBe(false)
    expect(() => assertIsoDate('2026-04-31', 'period.to')).toThrow(/period.to/)
    expect(() => assertIsoDate('2026-04-30')).not.toThrow()
  })

  it('accept exactly the dates Date round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
          const real =
            m >= 1 && m <= 12 && d >= 1 && viaDate(`${y}-${String(m).padStart(2, '0')}-01`, d - 1) === iso
          expect(isIsoDate(iso)).toBe(real)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('months', () => {
  it('add and count months as whole steps, each with its own last day', () => {
    fc.assert(
      fc.property(isoMonth, fc.integer({ min: -600, max: 600 }), (month, n) => {
        const later = addMonths(month, n)
        expect(isIsoMonth(later)).toBe(true)
        expect(monthsBetween(month, later)).toBe(n)
        expect(addMonths(later, -n)).toBe(month)
        const last = lastDayOfMonth(month)
        expect(last.slice(0, 7)).toBe(month)
        expect(Number(last.slice(8))).toBe(daysInIsoMonth(month))
        expect(addDays(last, 1)).toBe(`${addMonths(month, 1)}-01`)
        expect(monthOfYear(month)).toBe(Number(month.slice(5)))
      }),
      { numRuns: 1000 },
    )
    expect(addMonths('2025-12', 1)).toBe('2026-01')
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29')
    expect(isIsoMonth('2026-13')).toBe(false)
  })
})

describe('the period of a reading taken outside a window', () => {
  it('is the previous month up to the 15th and its own month from the 16th', () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const day = Number(date.slice(8))
        const own = date.slice(0, 7)
        expect(outOfWindowPeriod(date)).toBe(day <= 15 ? addMonths(own, -1) : own)
      }),
      { numRuns: 1000 },
    )
    expect(outOfWindowPeriod('2026-01-15')).toBe('2025-12')
    expect(outOfWindowPeriod('2026-01-16')).toBe('2026-01')
    expect(() => outOfWindowPeriod('2026-02-30')).toThrow(RangeError)
  })
})

describe('rigaToday', () => {
  // What the desk used before (Intl with the tz database) is the oracle since Latvia follows the EU rule.
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' })
  it('is the Riga calendar date at any instant from 2001 on, whatever the host zone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(rigaToday(ms)).toBe(intl.format(new Date(ms)))
      }),
      { numRuns: 3000 },
    )
  })
})
