import { describe, expect, it } from 'vitest'
import { datasetInForce, validateCalendarDataset } from '../../../src/core/reference/calendar'
import { DEFAULT_CALENDAR } from '../../../src/core/reference/calendar-default'

const clone = () => JSON.parse(JSON.stringify(DEFAULT_CALENDAR))

describe('calendar reference dataset', () => {
  it('accepts the built-in default, also after a JSON round trip', () => {
    expect(validateCalendarDataset(DEFAULT_CALENDAR)).toEqual({ ok: true, value: DEFAULT_CALENDAR })
    expect(validateCalendarDataset(clone()).ok).toBe(true)
  })

  it('rejects a non-object and names every problem of a malformed one', () => {
    expect(validateCalendarDataset(null)).toEqual({ ok: false, issues: [{ path: '', code: 'not-object' }] })
    const bad = clone()
    bad.kind = 'something-else'
    delete bad.version
    bad.effectiveFrom = '2025-02-30'
    bad.fixedHolidays.push({ key: 'leap', month: 2, day: 29 })
    bad.weekendTransferRules.push({ holiday: 'noSuchHoliday' })
    bad.oneOffHolidays.push({ date: '2025/01/01', key: 'x' })
    bad.movedWorkingDays.push({ year: 2027, dayOff: '2027-05-08', workedSaturday: '2026-05-09' })
    bad.movedWorkingDays.push({ year: 2027, dayOff: '2027-05-03', workedSaturday: '2027-05-14' })
    bad.festivalClosingDays = 'soon'
    const result = validateCalendarDataset(bad)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toEqual(
      expect.arrayContaining([
        { path: 'kind', code: 'wrong-kind' },
        { path: 'version', code: 'missing' },
        { path: 'effectiveFrom', code: 'bad-date' },
        { path: 'fixedHolidays[10]', code: 'bad-month-day' },
        { path: 'weekendTransferRules[3].holiday', code: 'unknown-holiday' },
        { path: 'oneOffHolidays[2].date', code: 'bad-date' },
        { path: 'festivalClosingDays', code: 'wrong-type' },
        { path: 'movedWorkingDays[7].workedSaturday', code: 'year-mismatch' },
        { path: 'movedWorkingDays[7].dayOff', code: 'not-weekday' },
        { path: 'movedWorkingDays[8].workedSaturday', code: 'not-saturday' },
      ]),
    )
  })

  it('flags a day listed twice among the moved days', () => {
    const bad = clone()
    bad.movedWorkingDays.push({ year: 2026, dayOff: '2026-01-02', workedSaturday: '2026-01-10' })
    const result = validateCalendarDataset(bad)
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'movedWorkingDays[7].dayOff', code: 'duplicate' },
    ])
  })

  it('picks the version in force on a date by effectiveFrom', () => {
    const v1 = { ...DEFAULT_CALENDAR, version: 'a', effectiveFrom: '2018-01-01' }
    const v2 = { ...DEFAULT_CALENDAR, version: 'b', effectiveFrom: '2026-07-01' }
    expect(datasetInForce([v2, v1], '2026-06-30')?.version).toBe('a')
    expect(datasetInForce([v2, v1], '2026-07-01')?.version).toBe('b')
    expect(datasetInForce([v2], '2020-01-01')).toBeNull()
  })
})
