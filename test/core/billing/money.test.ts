import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  allocateByWeights,
  DecimalFormatError,
  formatCents,
  formatRational,
  parseDecimal,
  roundHalfAwayFromZero,
  splitPeriod,
  toCents,
} from '../../../src/core/billing'

describe('exact decimals', () => {
  it('parses rates exactly and rounds to cents half away from zero', () => {
    expect(parseDecimal('0.0019297')).toEqual({ num: 19297n, den: 10_000_000n })
    expect(toCents(parseDecimal('2.385'))).toBe(239)
    expect(toCents(parseDecimal('2.3849999'))).toBe(238)
    expect(toCents(parseDecimal('-2.385'))).toBe(-239)
    expect(roundHalfAwayFromZero(5n, 2n)).toBe(3n)
    expect(roundHalfAwayFromZero(-5n, 2n)).toBe(-3n)
    expect(() => parseDecimal('1e3')).toThrow(DecimalFormatError)
    expect(() => parseDecimal('1,5')).toThrow(DecimalFormatError)
  })
  it('formats cents and terminating rationals', () => {
    expect(formatCents(1051)).toBe('10.51')
    expect(formatCents(-5)).toBe('-0.05')
    expect(formatCents(0)).toBe('0.00')
    expect(formatRational({ num: 280907n, den: 10_000_000n })).toBe('0.0280907')
    expect(formatRational({ num: 10n, den: 1n })).toBe('10')
  })
  it('formatCents and toCents round-trip every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        expect(toCents(parseDecimal(formatCents(c)))).toBe(c)
      }),
    )
  })
})

describe('proration by days', () => {
  it('splits a period at change dates into inclusive segments', () => {
    expect(splitPeriod('2023-12-15', '2024-01-14', ['2024-01-01', '2023-01-01', '2024-02-01'])).toEqual([
      { from: '2023-12-15', to: '2023-12-31', days: 17 },
      { from: '2024-01-01', to: '2024-01-14', days: 14 },
    ])
    expect(splitPeriod('2024-01-01', '2024-01-31', ['2024-01-01'])).toEqual([
      { from: '2024-01-01', to: '2024-01-31', days: 31 },
    ])
  })

  it('allocations add up to the whole and stay within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateByWeights(total, weights)
          const sum = weights.reduce((a, b) => a + b, 0)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total)
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0)
            expect(Math.abs(p * sum - total * weights[i])).toBeLessThanOrEqual(sum)
          })
        },
      ),
    )
  })
})
