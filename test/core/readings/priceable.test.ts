import { describe, expect, it } from 'vitest'
import { hasImpossibleValue, validateReading } from '../../../src/core/readings'
import { G4, monthlyHistory, noon } from './helpers'

const history = monthlyHistory('2025-01', 1000, Array(12).fill(50))

describe('which blocked readings still have a price', () => {
  it('a reading outside the window waiting only for a reason is plausible: it keeps its price', () => {
    const v = validateReading({ value: 1700, at: noon('2026-03-10') }, { meter: G4, readings: history })
    expect(v.blocked).toBe(true)
    expect(v.findings.map((f) => f.code)).toContain('out-of-window-reason-required')
    expect(hasImpossibleValue(v.findings)).toBe(false)
  })

  it('a fraction, a negative value, too many digits or a lower value are impossible: no price', () => {
    for (const value of [12.5, -1, 100000, 10]) {
      const v = validateReading({ value, at: noon('2026-01-28') }, { meter: G4, readings: history })
      expect(v.blocked).toBe(true)
      expect(hasImpossibleValue(v.findings)).toBe(true)
    }
  })

  it('more than the meter can pass at its maximum flow is impossible', () => {
    const v = validateReading({ value: 99000, at: noon('2026-01-28') }, { meter: G4, readings: history })
    expect(v.findings.map((f) => f.code)).toContain('exceeds-max-flow')
    expect(hasImpossibleValue(v.findings)).toBe(true)
  })
})
