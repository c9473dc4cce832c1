import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  rigaToday,
  rigaOffsetMinutes,
  rigaWallTimeToEpochMs,
  toRigaWallTime,
} from '../../../src/core/calendar'

// Node ships full ICU: its tz database is an independent oracle for the hand-written EU DST rule.
const icu = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})
function icuWall(ms: number): string {
  const p = Object.fromEntries(icu.formatToParts(ms).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
}
const pad = (n: number) => String(n).padStart(2, '0')

describe('Europe/Riga wall time', () => {
  it('switches to summer time at 03:00 local on the last Sunday of March and back at 04:00 in October', () => {
    expect(rigaOffsetMinutes('2026-03-29T00:59:59Z')).toBe(120)
    expect(rigaOffsetMinutes('2026-03-29T01:00:00Z')).toBe(180)
    expect(rigaOffsetMinutes('2026-10-25T00:59:59Z')).toBe(180)
    expect(rigaOffsetMinutes('2026-10-25T01:00:00Z')).toBe(120)
    expect(toRigaWallTime('2026-03-29T01:00:00Z')).toMatchObject({ date: '2026-03-29', hour: 4, minute: 0 })
  })

  it('gives "today in Riga" across UTC midnight', () => {
    expect(rigaToday('2026-06-30T20:59:59Z')).toBe('2026-06-30')
    expect(rigaToday('2026-06-30T21:00:00Z')).toBe('2026-07-01')
    expect(rigaToday('2026-12-31T21:59:59Z')).toBe('2026-12-31')
    expect(rigaToday('2026-12-31T22:00:00Z')).toBe('2027-01-01')
    expect(rigaToday(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01')
  })

  it('maps the spring gap forward and picks the summer instant in the autumn overlap', () => {
    expect(new Date(rigaWallTimeToEpochMs('2026-03-29', 3, 30)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    )
    expect(new Date(rigaWallTimeToEpochMs('2026-10-25', 3, 30)).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    )
  })

  it('agrees with the ICU time-zone database for any instant 2001-2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 11, 31) }), (t) => {
        const w = toRigaWallTime(t)
        expect(`${w.date} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`).toBe(icuWall(t))
      }),
      { numRuns: 2000 },
    )
  })

  it('round-trips every unambiguous wall time', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2001, 0, 1), max: Date.UTC(2099, 11, 31) }), (t) => {
        const s = Math.floor(t / 1000) * 1000
        const w = toRigaWallTime(s)
        const back = rigaWallTimeToEpochMs(w.date, w.hour, w.minute, w.second)
        // Only the autumn overlap hour has two instants; the earlier one is returned.
        if (back !== s) expect(s - back).toBe(3_600_000)
        else expect(back).toBe(s)
      }),
    )
  })
})
