import { describe, expect, it } from 'vitest'
import {
  dayInfo,
  easterSunday,
  holidaysOfYear,
  isWorkingDay,
  nonWorkingWeekdays,
} from '../../../src/core/calendar'
import { DEFAULT_CALENDAR } from '../../../src/core/reference/calendar-default'

// Written out by hand from the law and the Cabinet orders (DOMAIN.md), not derived from the code under
// test: every Monday-Friday that is not a working day, per year, with moved days off honoured.
const NON_WORKING_WEEKDAYS: Record<number, string[]> = {
  2018: [
    '01-01',
    '03-30',
    '04-02',
    '05-01',
    '05-04',
    '07-09',
    '09-24',
    '11-19',
    '12-24',
    '12-25',
    '12-26',
    '12-31',
  ],
  2019: ['01-01', '04-19', '04-22', '05-01', '05-06', '06-24', '11-18', '12-24', '12-25', '12-26', '12-31'],
  2020: ['01-01', '04-10', '04-13', '05-01', '05-04', '06-23', '06-24', '11-18', '12-24', '12-25', '12-31'],
  2021: ['01-01', '04-02', '04-05', '05-04', '06-23', '06-24', '11-18', '12-24', '12-31'],
  2022: ['04-15', '04-18', '05-04', '06-23', '06-24', '11-18', '12-26'],
  2023: ['04-07', '04-10', '05-01', '05-04', '05-05', '05-29', '06-23', '07-10', '11-20', '12-25', '12-26'],
  2024: [
    '01-01',
    '03-29',
    '04-01',
    '05-01',
    '05-06',
    '06-24',
    '11-18',
    '12-23',
    '12-24',
    '12-25',
    '12-26',
    '12-30',
    '12-31',
  ],
  2025: [
    '01-01',
    '04-18',
    '04-21',
    '05-01',
    '05-02',
    '05-05',
    '06-23',
    '06-24',
    '11-17',
    '11-18',
    '12-24',
    '12-25',
    '12-26',
    '12-31',
  ],
  2026: [
    '01-01',
    '01-02',
    '04-03',
    '04-06',
    '05-01',
    '05-04',
    '06-22',
    '06-23',
    '06-24',
    '11-18',
    '12-24',
    '12-25',
    '12-31',
  ],
  2027: ['01-01', '03-26', '03-29', '05-04', '06-23', '06-24', '11-18', '12-24', '12-31'],
}
const MOVED_DAYS_OFF = [
  '2023-05-05',
  '2024-12-23',
  '2024-12-30',
  '2025-05-02',
  '2025-11-17',
  '2026-01-02',
  '2026-06-22',
]
const WORKED_SATURDAYS = [
  '2023-05-20',
  '2024-12-14',
  '2024-12-28',
  '2025-05-10',
  '2025-11-08',
  '2026-01-17',
  '2026-06-27',
]
const EASTER: Record<number, string> = {
  2018: '04-01',
  2019: '04-21',
  2020: '04-12',
  2021: '04-04',
  2022: '04-17',
  2023: '04-09',
  2024: '03-31',
  2025: '04-20',
  2026: '04-05',
  2027: '03-28',
}

/** Every date of a year with its weekday, computed by the host's Date in UTC (an independent oracle). */
function daysOf(year: number): { date: string; weekend: boolean }[] {
  const out = []
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const d = new Date(t)
    out.push({ date: d.toISOString().slice(0, 10), weekend: d.getUTCDay() === 0 || d.getUTCDay() === 6 })
  }
  return out
}

describe('Latvian working days 2018-2027', () => {
  for (let year = 2018; year <= 2027; year++) {
    const expectedOff = new Set(NON_WORKING_WEEKDAYS[year].map((md) => `${year}-${md}`))

    it(`classifies every day of ${year} as the law does (moved days honoured)`, () => {
      const wrong: string[] = []
      for (const { date, weekend } of daysOf(year)) {
        const expected = !weekend && !expectedOff.has(date)
        if (isWorkingDay(date) !== expected)
          wrong.push(`${date}: expected ${expected ? 'working' : 'non-working'}`)
      }
      expect(wrong).toEqual([])
      expect(nonWorkingWeekdays(year)).toEqual([...expectedOff].sort())
    })

    it(`classifies every day of ${year} with moved days not honoured`, () => {
      const wrong: string[] = []
      for (const { date, weekend } of daysOf(year)) {
        const expected = !weekend && (!expectedOff.has(date) || MOVED_DAYS_OFF.includes(date))
        if (isWorkingDay(date, { honourMovedWorkingDays: false }) !== expected) wrong.push(date)
      }
      expect(wrong).toEqual([])
    })

    it(`computes Gregorian Easter ${year}`, () => {
      expect(easterSunday(year)).toBe(`${year}-${EASTER[year]}`)
    })
  }

  it('marks Cabinet-moved days and never treats a worked Saturday as a working day', () => {
    for (const d of MOVED_DAYS_OFF) expect(dayInfo(d)).toMatchObject({ movedDayOff: true, holidays: [] })
    for (const d of WORKED_SATURDAYS) {
      expect(dayInfo(d)).toMatchObject({ workedSaturday: true, weekday: 6 })
      expect(isWorkingDay(d)).toBe(false)
      expect(isWorkingDay(d, { honourMovedWorkingDays: false })).toBe(false)
    }
  })

  it('moves 4 May, 18 Nov and the festival closing day off a weekend to the next working day', () => {
    const transfers = (y: number) => holidaysOfYear(y).filter((h) => h.kind === 'transfer')
    expect(transfers(2018).map((h) => [h.date, h.key])).toEqual([
      ['2018-07-09', 'festivalClosingDay'],
      ['2018-11-19', 'proclamation'],
    ])
    expect(transfers(2023).map((h) => [h.date, h.key])).toEqual([
      ['2023-07-10', 'festivalClosingDay'],
      ['2023-11-20', 'proclamation'],
    ])
    expect(transfers(2024).map((h) => [h.date, h.key])).toEqual([['2024-05-06', 'independenceRestoration']])
    // 23/24 June and Christmas on a weekend are not moved.
    expect(transfers(2022)).toEqual([])
  })

  it('names the holidays of a day for the agent', () => {
    expect(dayInfo('2018-09-24').holidays).toEqual([
      { date: '2018-09-24', key: 'papalVisit2018', kind: 'one-off' },
    ])
    expect(dayInfo('2023-05-29').holidays[0].key).toBe('hockeyBronze2023')
    expect(dayInfo('2025-04-18').holidays[0]).toEqual({
      date: '2025-04-18',
      key: 'goodFriday',
      kind: 'easter',
    })
    expect(dayInfo('2025-06-23')).toMatchObject({ weekday: 1, weekend: false, movedDayOff: false })
  })

  it('computes Easter for centuries outside the tested decade (known dates)', () => {
    expect(easterSunday(1961)).toBe('1961-04-02')
    expect(easterSunday(2000)).toBe('2000-04-23')
    expect(easterSunday(2038)).toBe('2038-04-25')
    expect(easterSunday(2285)).toBe('2285-03-22')
  })

  it('is driven by the dataset: a newer version with a 2028 festival and 2027 moved days changes the answer', () => {
    const next = {
      ...DEFAULT_CALENDAR,
      version: '2027.1',
      effectiveFrom: '2026-07-01',
      // A hypothetical Saturday closing day: the Monday after becomes the holiday.
      festivalClosingDays: [
        ...DEFAULT_CALENDAR.festivalClosingDays,
        { date: '2028-07-08', key: 'festivalClosingDay' },
      ],
      movedWorkingDays: [
        ...DEFAULT_CALENDAR.movedWorkingDays,
        { year: 2027, dayOff: '2027-05-03', workedSaturday: '2027-05-15' },
      ],
      movedWorkingDaysKnownThrough: 2027,
    }
    expect(isWorkingDay('2028-07-10')).toBe(true)
    expect(isWorkingDay('2028-07-10', { calendar: next })).toBe(false)
    expect(isWorkingDay('2027-05-03')).toBe(true)
    expect(isWorkingDay('2027-05-03', { calendar: next })).toBe(false)
    expect(isWorkingDay('2027-05-03', { calendar: next, honourMovedWorkingDays: false })).toBe(true)
  })
})
