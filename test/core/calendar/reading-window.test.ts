import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addDays,
  addMonths,
  currentOrNextWindow,
  isInWindow,
  isWorkingDay,
  windowContaining,
  windowContainingDate,
  windowFor,
  windowHolds,
} from '../../../src/core/calendar'

describe('reading window boundaries (Riga time)', () => {
  it('January 2026 closes at the end of Monday 2 February (1 February is a Sunday)', () => {
    const w = windowFor('2026-01')
    expect(w).toEqual({
      month: '2026-01',
      opens: '2026-01-27',
      closesEndOf: '2026-02-02',
      opensAt: '2026-01-26T22:00:00.000Z',
      closesAt: '2026-02-02T22:00:00.000Z',
    })
    expect(isInWindow('2026-01-26T23:59:59+02:00')).toBe(false)
    expect(isInWindow('2026-01-27T00:00:00+02:00')).toBe(true)
    expect(isInWindow('2026-02-02T00:00:00+02:00')).toBe(true)
    expect(isInWindow('2026-02-02T23:59:00+02:00')).toBe(true)
    expect(isInWindow('2026-02-02T23:59:59.999+02:00')).toBe(true)
    expect(isInWindow('2026-02-03T00:00:00+02:00')).toBe(false)
    expect(isInWindow('2026-02-02T22:00:00Z')).toBe(false)
  })

  it('December 2025 closes on 5 January 2026 when moved days count, on 2 January when they do not', () => {
    expect(windowFor('2025-12').closesEndOf).toBe('2026-01-05')
    expect(windowFor('2025-12', { honourMovedWorkingDays: false }).closesEndOf).toBe('2026-01-02')
    expect(isInWindow('2026-01-04T12:00:00+02:00')).toBe(true)
    expect(isInWindow('2026-01-04T12:00:00+02:00', { honourMovedWorkingDays: false })).toBe(false)
  })

  it('uses summer time for the closing midnight: March 2024 closes after Easter Monday, 2 April 24:00 EEST', () => {
    const w = windowFor('2024-03')
    expect(w.closesEndOf).toBe('2024-04-02')
    expect(w.opensAt).toBe('2024-03-26T22:00:00.000Z')
    expect(w.closesAt).toBe('2024-04-02T21:00:00.000Z')
    expect(isInWindow('2024-04-02T23:59:59+03:00')).toBe(true)
    expect(isInWindow('2024-04-03T00:00:00+03:00')).toBe(false)
    // The clocks jump on Sunday 31 March 2024 inside the window; the window stays open across it.
    expect(isInWindow('2024-03-31T00:59:59Z')).toBe(true)
    expect(isInWindow('2024-03-31T01:00:00Z')).toBe(true)
  })

  it('opens at local midnight on a spring DST Sunday (27 March 2022)', () => {
    const w = windowFor('2022-03')
    expect(w.opensAt).toBe('2022-03-26T22:00:00.000Z')
    expect(isInWindow('2022-03-26T21:59:59Z')).toBe(false)
    expect(isInWindow('2022-03-26T22:00:00Z')).toBe(true)
  })

  it('opens at local midnight on an autumn DST Sunday (27 October 2024, still summer time at 00:00)', () => {
    const w = windowFor('2024-10')
    expect(w.opensAt).toBe('2024-10-26T21:00:00.000Z')
    expect(w.closesEndOf).toBe('2024-11-01')
    expect(w.closesAt).toBe('2024-11-01T22:00:00.000Z')
    expect(isInWindow('2024-10-26T20:59:59Z')).toBe(false)
    expect(isInWindow('2024-10-26T21:00:00Z')).toBe(true)
    expect(isInWindow('2024-11-01T23:59:59+02:00')).toBe(true)
    expect(isInWindow('2024-11-02T00:00:00+02:00')).toBe(false)
  })

  it('answers which window a day or instant belongs to, and the next one between windows', () => {
    expect(windowContainingDate('2026-03-02')?.month).toBe('2026-02')
    expect(windowContainingDate('2026-03-03')).toBeNull()
    expect(windowContainingDate('2026-03-26')).toBeNull()
    expect(windowContainingDate('2026-03-27')?.month).toBe('2026-03')
    expect(windowContaining('2026-03-31T23:30:00Z')?.month).toBe('2026-03')
    expect(currentOrNextWindow('2026-03-10T09:00:00Z').month).toBe('2026-03')
    expect(currentOrNextWindow('2026-03-29T09:00:00Z').month).toBe('2026-03')
  })

  it('refuses instants without a zone instead of guessing', () => {
    expect(() => isInWindow('2026-01-27T10:00:00')).toThrow(RangeError)
    expect(() => windowFor('2026-13')).toThrow(RangeError)
  })
})

const month = fc
  .record({ y: fc.integer({ min: 2001, max: 2099 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`)
const honour = fc.boolean()

describe('reading window properties', () => {
  it('always contains its 27th, closes on the first working day of the next month, after it opens', () => {
    fc.assert(
      fc.property(month, honour, (m, h) => {
        const opts = { honourMovedWorkingDays: h }
        const w = windowFor(m, opts)
        expect(w.opens).toBe(`${m}-27`)
        expect(windowContainingDate(w.opens, opts)?.month).toBe(m)
        expect(isInWindow(w.opensAt, opts)).toBe(true)
        expect(Date.parse(w.closesAt)).toBeGreaterThan(Date.parse(w.opensAt))
        expect(w.closesEndOf.slice(0, 7)).toBe(addMonths(m, 1))
        expect(isWorkingDay(w.closesEndOf, opts)).toBe(true)
        for (let d = `${addMonths(m, 1)}-01`; d < w.closesEndOf; d = addDays(d, 1))
          expect(isWorkingDay(d, opts)).toBe(false)
        // 24:00 Riga time is 21:00 or 22:00 UTC the same day.
        expect(['21:00:00.000Z', '22:00:00.000Z']).toContain(w.closesAt.slice(11))
        expect(w.closesAt.slice(0, 10)).toBe(w.closesEndOf)
      }),
    )
  })

  it('judges an instant the same way by Riga date and by the window instants', () => {
    const instant = fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 0, 1) })
    fc.assert(
      fc.property(instant, honour, (t, h) => {
        const opts = { honourMovedWorkingDays: h }
        const w = windowContaining(t, opts)
        if (w) expect(windowHolds(w, t)).toBe(true)
        else {
          const next = currentOrNextWindow(t, opts)
          expect(windowHolds(next, t)).toBe(false)
          expect(Date.parse(next.opensAt)).toBeGreaterThan(t)
        }
      }),
    )
  })

  it('honouring moved days never closes a window earlier (2018-2027, the years with known moves)', () => {
    for (let y = 2018; y <= 2027; y++)
      for (let m = 1; m <= 12; m++) {
        const mm = `${y}-${String(m).padStart(2, '0')}`
        expect(
          windowFor(mm).closesEndOf >= windowFor(mm, { honourMovedWorkingDays: false }).closesEndOf,
        ).toBe(true)
      }
  })
})
