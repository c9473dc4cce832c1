import { describe, expect, it } from 'vitest'
import { validateReading, type ReadingCandidate, type ReadingRecord } from '../../../src/core/readings'
import { G4, monthlyHistory, noon } from './helpers'

const validate = (candidate: ReadingCandidate, readings: ReadingRecord[] = []) =>
  validateReading(candidate, { meter: G4, readings })
const codes = (v: ReturnType<typeof validate>) => v.findings.map((f) => `${f.severity}:${f.code}`)

describe('event readings (meter removal, move-out, move-in) inside a reading window', () => {
  // Period readings on the 28th; December's was sent on 28 Dec.
  const history = monthlyHistory('2025-10', 1000, [90, 100])

  it('a removal reading two days after the period reading is not a duplicate of it: no period, no correction', () => {
    const v = validate(
      { value: 1195, at: noon('2025-12-30'), event: true, outOfWindowReason: 'meter-replacement' },
      history,
    )
    expect(codes(v)).toEqual([])
    expect(v).toMatchObject({ period: null, outOfWindow: false, replaces: null, canSave: true })
    expect(v.window?.month).toBe('2025-12')
    expect(v.baseline?.id).toBe(history[2].id)
    expect(v.consumptionM3).toBe(5)
  })

  it('the same value without the event flag would have been blocked as a second reading for December', () => {
    const v = validate({ value: 1195, at: noon('2025-12-30') }, history)
    expect(codes(v)).toContain('block:duplicate-period')
  })

  it('an event reading must name its event, inside the window too', () => {
    const v = validate({ value: 1195, at: noon('2025-12-30'), event: true }, history)
    expect(codes(v)).toContain('block:out-of-window-reason-required')
  })

  it('outside a window it is the out-of-window reading it always was', () => {
    const v = validate(
      { value: 1250, at: noon('2026-01-14'), event: true, outOfWindowReason: 'move-out' },
      history,
    )
    expect(codes(v)).toEqual(['info:out-of-window'])
    expect(v).toMatchObject({ period: null, outOfWindow: true, consumptionM3: 60 })
  })

  it('the usual checks still apply: lower than the last actual reading is blocked', () => {
    const v = validate(
      { value: 1100, at: noon('2025-12-30'), event: true, outOfWindowReason: 'move-out' },
      history,
    )
    expect(codes(v)).toContain('block:lower-than-last-actual')
  })
})
