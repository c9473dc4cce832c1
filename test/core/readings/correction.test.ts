import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  effectiveReadings,
  OUT_OF_WINDOW_REASONS,
  validateReading,
  type ReadingCandidate,
  type ReadingRecord,
} from '../../../src/core/readings'
import { G4, monthlyHistory, noon } from './helpers'

const validate = (candidate: ReadingCandidate, readings: ReadingRecord[], mayCorrect: boolean) =>
  validateReading(candidate, { meter: G4, readings, mayCorrect })
const codes = (v: ReturnType<typeof validateReading>) => v.findings.map((f) => `${f.severity}:${f.code}`)

describe('a reading lower than the last one: a correction path instead of a dead end', () => {
  // 1000 in October, then a slip read as 1200 in November (should have been 1020).
  const history = monthlyHistory('2025-10', 1000, [200])

  it('an agent with the right sees that a correction with a reason is possible', () => {
    const v = validate({ value: 1050, at: noon('2025-12-28') }, history, true)
    expect(codes(v)).toEqual(['block:lower-than-last-actual'])
    expect(v.findings[0].messageKey).toBe('readings.validation.lowerThanLastActual.correctable')
  })

  it('without the right the message says who can correct it', () => {
    const v = validate({ value: 1050, at: noon('2025-12-28') }, history, false)
    expect(v.findings[0].messageKey).toBe('readings.validation.lowerThanLastActual.askSupervisor')
  })

  it('with the right and a reason the reading replaces the wrong one, measured from the one before', () => {
    const v = validate(
      { value: 1050, at: noon('2025-12-28'), correctionReason: 'slip misread' },
      history,
      true,
    )
    expect(codes(v)).toContain('info:correction')
    expect(v.blocked).toBe(false)
    expect(v.replaces?.id).toBe(history[1].id)
    expect(v.baseline?.id).toBe(history[0].id)
    expect(v.consumptionM3).toBe(50)
  })

  it('a reason without the right is refused (the backend cannot be talked into it)', () => {
    const v = validate(
      { value: 1050, at: noon('2025-12-28'), correctionReason: 'slip misread' },
      history,
      false,
    )
    expect(codes(v)).toContain('block:correction-not-allowed')
    expect(v.replaces).toBeNull()
  })

  it('a rollover still asks for confirmation; with a reason it is a correction instead', () => {
    const nearTop = monthlyHistory('2025-10', 99850, [100])
    const v = validate({ value: 30, at: noon('2025-12-28') }, nearTop, true)
    expect(codes(v)).toContain('warn:rollover')
    expect(v.needsConfirmation).toEqual(['rollover'])
    const corrected = validate(
      { value: 99900, at: noon('2025-12-28'), correctionReason: 'typo' },
      nearTop,
      true,
    )
    expect(corrected.replaces?.id).toBe(nearTop[1].id)
  })

  it('after saving, the replaced reading no longer counts and consumption stays consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 301, max: 2000 }),
        fc.integer({ min: 0, max: 300 }),
        (real, wrongExtra, later) => {
          const past = monthlyHistory('2025-10', 5000, [real + wrongExtra])
          const value = 5000 + real + later
          const v = validate({ value, at: noon('2025-12-28'), correctionReason: 'misread' }, past, true)
          expect(v.canSave).toBe(v.needsConfirmation.length === 0)
          expect(v.replaces?.id).toBe(past[1].id)
          expect(v.consumptionM3).toBe(value - 5000)
          const saved: ReadingRecord = {
            id: 'new',
            value,
            date: '2025-12-28',
            period: '2025-12',
            status: 'corrected',
            recordedAt: '2025-12-28T10:00:00Z',
            replaces: past[1].id,
          }
          expect(effectiveReadings([...past, saved]).map((r) => r.id)).toEqual([past[0].id, 'new'])
        },
      ),
    )
  })
})

describe('out-of-window reasons', () => {
  it('include "customer reported late"', () => {
    expect(OUT_OF_WINDOW_REASONS).toContain('reported-late')
    const v = validateReading(
      { value: 10, at: noon('2026-03-10'), outOfWindowReason: 'reported-late' },
      { meter: G4, readings: [] },
    )
    expect(codes(v)).toEqual(['info:out-of-window', 'info:first-reading'])
  })
})
