import { describe, expect, it } from 'vitest'
import { validateReading, type ReadingCandidate, type ReadingRecord } from '../../../src/core/readings'
import { G4, monthlyHistory, noon, reading } from './helpers'

const validate = (candidate: ReadingCandidate, readings: ReadingRecord[] = []) =>
  validateReading(candidate, { meter: G4, readings })
const codes = (v: ReturnType<typeof validate>) => v.findings.map((f) => `${f.severity}:${f.code}`)

describe('reading format', () => {
  it('blocks a fraction, a negative value and more digits than the register has', () => {
    expect(codes(validate({ value: 12.5, at: noon('2026-01-28') }))).toEqual(['block:not-integer'])
    expect(codes(validate({ value: -1, at: noon('2026-01-28') }))).toEqual(['block:negative'])
    const tooLong = validate({ value: 100000, at: noon('2026-01-28') })
    expect(codes(tooLong)).toEqual(['block:too-many-digits'])
    expect(tooLong.findings[0].params).toEqual({ value: 100000, digits: 5 })
    expect(tooLong.canSave).toBe(false)
  })

  it('accepts 0 and 99999 on a five-digit register (first reading)', () => {
    for (const value of [0, 99999]) {
      const v = validate({ value, at: noon('2026-01-28') })
      expect(codes(v)).toEqual(['info:first-reading'])
      expect(v.canSave).toBe(true)
      expect(v.period).toBe('2026-01')
    }
  })
})

describe('reading window', () => {
  it('outside the window requires one of the listed reasons and marks the reading out of window', () => {
    const none = validate({ value: 10, at: noon('2026-03-10') })
    expect(codes(none)).toContain('block:out-of-window-reason-required')
    expect(none.findings[0].params).toEqual({ nextOpens: '2026-03-27' })
    expect(none.outOfWindow).toBe(true)

    const bogus = validate({ value: 10, at: noon('2026-03-10'), outOfWindowReason: 'holiday' as never })
    expect(bogus.blocked).toBe(true)

    const moveOut = validate({ value: 10, at: noon('2026-03-10'), outOfWindowReason: 'move-out' })
    expect(codes(moveOut)).toEqual(['info:out-of-window', 'info:first-reading'])
    expect(moveOut).toMatchObject({ outOfWindow: true, period: null, window: null, canSave: true })
  })

  it('the last minute of the closing day is in, the first minute after is out (Riga time)', () => {
    expect(validate({ value: 1, at: '2026-02-02T23:59:00+02:00' }).period).toBe('2026-01')
    expect(validate({ value: 1, at: '2026-02-03T00:00:00+02:00' }).outOfWindow).toBe(true)
  })
})

describe('second reading for the same period', () => {
  const history = monthlyHistory('2025-11', 1000, [100])
  it('shows the first and blocks without a correction reason', () => {
    const v = validate({ value: 1110, at: noon('2025-12-29') }, history)
    expect(codes(v)).toContain('block:duplicate-period')
    expect(v.findings.find((f) => f.code === 'duplicate-period')?.params).toEqual({
      firstId: history[1].id,
      firstValue: 1100,
      firstDate: '2025-12-28',
      firstStatus: 'actual',
    })
  })

  it('with a reason it is a correction measured from the reading before the first', () => {
    const v = validate({ value: 1110, at: noon('2025-12-29'), correctionReason: 'typo on the slip' }, history)
    expect(codes(v)).toEqual(['info:correction'])
    expect(v.replaces?.id).toBe(history[1].id)
    expect(v.baseline?.id).toBe(history[0].id)
    expect(v.consumptionM3).toBe(110)
    expect(v.canSave).toBe(true)
  })

  it('a blank reason is no reason', () => {
    expect(validate({ value: 1110, at: noon('2025-12-29'), correctionReason: '  ' }, history).blocked).toBe(
      true,
    )
  })
})

describe('not lower than the last actual reading', () => {
  it('blocks a lower value that no rollover can explain', () => {
    const history = monthlyHistory('2025-11', 1000, [200])
    const v = validate({ value: 1100, at: noon('2026-01-28') }, history)
    expect(codes(v)).toEqual(['block:lower-than-last-actual'])
    expect(v.findings[0].params).toEqual({ lastValue: 1200, lastDate: '2025-12-28' })
  })

  it('a register rollover warns, needs confirmation and counts consumption across zero', () => {
    const history = monthlyHistory('2025-11', 99850, [100])
    const v = validate({ value: 30, at: noon('2026-01-28') }, history)
    expect(codes(v)).toContain('warn:rollover')
    expect(v.consumptionM3).toBe(80)
    expect(v.needsConfirmation).toEqual(['rollover'])
    expect(v.canSave).toBe(false)
    expect(validate({ value: 30, at: noon('2026-01-28'), confirmed: ['rollover'] }, history).canSave).toBe(
      true,
    )
  })

  it('below a later estimate is accepted and flags the estimate for re-assessment', () => {
    const history = [
      reading('2025-11', '2025-11-28', 1000),
      reading('2025-12', '2025-12-28', 1150, 'estimated', { source: 'operator-estimate' }),
    ]
    const v = validate({ value: 1100, at: noon('2026-01-28') }, history)
    expect(codes(v)).toEqual(['info:estimate-reassess'])
    expect(v.estimateToReassess?.id).toBe(history[1].id)
    expect(v.baseline?.id).toBe(history[0].id)
    expect(v.consumptionM3).toBe(100)
    expect(v.canSave).toBe(true)
    // ...but not below the last actual reading.
    expect(codes(validate({ value: 990, at: noon('2026-01-28') }, history))).toEqual([
      'block:lower-than-last-actual',
    ])
  })

  it('ignores rejected readings and readings replaced by a correction', () => {
    const first = reading('2025-12', '2025-12-28', 5000)
    const history = [
      reading('2025-11', '2025-11-28', 1000),
      first,
      reading('2025-12', '2025-12-29', 1100, 'corrected', { replaces: first.id }),
      reading(null, '2026-01-10', 9000, 'rejected'),
    ]
    const v = validate({ value: 1190, at: noon('2026-01-28') }, history)
    expect(v.blocked).toBe(false)
    expect(v.consumptionM3).toBe(90)
  })
})

describe('physical limit and plausibility', () => {
  it('blocks above max flow x 24 h x days since the last reading, accepts exactly at it', () => {
    const history = [reading('2026-01', '2026-01-28', 1000)]
    // 28 Jan -> 27 Feb: 30 days x 144 m³.
    const over = validate({ value: 1000 + 4321, at: noon('2026-02-27') }, history)
    expect(codes(over)).toEqual(['block:exceeds-max-flow'])
    expect(over.findings[0].params).toEqual({ consumption: 4321, max: 4320, days: 30, maxFlow: 6 })
    expect(validate({ value: 1000 + 4320, at: noon('2026-02-27') }, history).blocked).toBe(false)
  })

  // Seasonal premise: 200 m³ in winter months, 20 m³ from May to September.
  const seasonal = (m: number) => (m >= 5 && m <= 9 ? 20 : 200)
  const usages = Array.from({ length: 24 }, (_, i) => seasonal(((i + 6) % 12) + 1))
  const history = monthlyHistory('2024-06', 10_000, usages) // periods 2024-06 .. 2026-06

  it('a normal month raises nothing', () => {
    const v = validate({ value: history[24].value + 21, at: noon('2026-07-28') }, history)
    expect(v.findings).toEqual([])
    expect(v.canSave).toBe(true)
  })

  it('warns above 3x the same month last year (the yearly average is not used when last year is known)', () => {
    const v = validate({ value: history[24].value + 100, at: noon('2026-07-28') }, history)
    expect(codes(v)).toEqual(['warn:consumption-high'])
    expect(v.findings[0].messageKey).toBe('readings.validation.consumptionHigh.lastYear')
    expect(v.findings[0].params).toMatchObject({ consumption: 100, expected: 19, ratio: 5.2, days: 30 })
    expect(v.needsConfirmation).toEqual(['consumption-high'])
  })

  it('warns below 0.3x in winter, and confirmation lets it through', () => {
    const base = history.find((r) => r.period === '2025-12')!
    const upTo = history.filter((r) => r.date <= base.date)
    const v = validate({ value: base.value + 10, at: noon('2026-01-28') }, upTo)
    expect(v.findings.map((f) => f.messageKey)).toEqual(['readings.validation.consumptionLow.lastYear'])
    expect(v.needsConfirmation).toEqual(['consumption-low'])
    expect(
      validate({ value: base.value + 10, at: noon('2026-01-28'), confirmed: ['consumption-low'] }, upTo)
        .canSave,
    ).toBe(true)
  })

  it('falls back to the 12-month average without last year, high and low', () => {
    const recent = monthlyHistory('2025-09', 5000, [100, 100, 100, 100]) // periods 2025-09 .. 2026-01
    const high = validate({ value: 5400 + 400, at: noon('2026-02-27') }, recent)
    expect(high.findings.map((f) => f.messageKey)).toEqual(['readings.validation.consumptionHigh.average'])
    expect(high.findings[0].params).toMatchObject({ consumption: 400, days: 30 })
    const low = validate({ value: 5400 + 20, at: noon('2026-02-27') }, recent)
    expect(low.findings.map((f) => f.messageKey)).toEqual(['readings.validation.consumptionLow.average'])
    expect(validate({ value: 5400 + 100, at: noon('2026-02-27') }, recent).findings).toEqual([])
  })

  it('skips the 12-month average with fewer than 3 months of history', () => {
    const short = monthlyHistory('2026-04', 500, [10])
    expect(validate({ value: 510 + 300, at: noon('2026-06-28') }, short).findings).toEqual([])
  })
})

describe('zero consumption', () => {
  it('is accepted on its own', () => {
    const history = monthlyHistory('2025-10', 500, [40, 0])
    const v = validate({ value: 540, at: noon('2026-01-28') }, history)
    expect(codes(v)).toEqual(['info:zero-consumption'])
    expect(v.canSave).toBe(true)
  })

  it('is flagged for confirmation at the third zero month in a row', () => {
    const history = monthlyHistory('2025-09', 500, [40, 0, 0])
    const v = validate({ value: 540, at: noon('2026-01-28') }, history)
    expect(codes(v)).toEqual(['info:zero-consumption', 'warn:zero-streak'])
    expect(v.findings[1].params).toEqual({ months: 3 })
  })

  it('an estimated zero month does not count towards the streak', () => {
    const history = [
      ...monthlyHistory('2025-10', 500, [0]),
      reading('2025-12', '2025-12-28', 500, 'estimated'),
    ]
    expect(codes(validate({ value: 500, at: noon('2026-01-28') }, history))).toEqual([
      'info:zero-consumption',
    ])
  })
})

describe('combinations', () => {
  it('a duplicate outside any reason, lower than last actual: every blocking finding is listed', () => {
    const history = monthlyHistory('2025-11', 1000, [200])
    const v = validate({ value: 900, at: noon('2025-12-30') }, history)
    expect(codes(v)).toEqual(['block:duplicate-period', 'block:lower-than-last-actual'])
  })

  it('an out-of-window rollover with a reason still needs the rollover confirmed', () => {
    const history = monthlyHistory('2025-11', 99990, [5])
    const v = validate({ value: 20, at: noon('2026-01-15'), outOfWindowReason: 'meter-replacement' }, history)
    expect(codes(v)).toEqual(['info:out-of-window', 'warn:rollover'])
    expect(v.consumptionM3).toBe(25)
    expect(v.canSave).toBe(false)
  })
})
