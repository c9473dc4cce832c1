import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../../../src/core/sync/backoff'

describe('sync retry backoff (1 s doubling to 5 min, full jitter)', () => {
  it('the ceiling doubles from 1 s per failure and stops at 5 minutes', () => {
    const ceilings = [1, 2, 3, 4, 9, 10, 40].map((n) => backoffDelay(n, () => 1))
    expect(ceilings).toEqual([1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000])
  })

  it('property: every delay is a draw between 0 and the ceiling, growing with the draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, r) => {
        const d = backoffDelay(n, () => r)
        const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30))
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThanOrEqual(ceiling)
        expect(d).toBe(Math.round(r * ceiling))
      }),
    )
  })

  it('spreads a fleet: 1,000 desks after the same outage do not retry in the same second', () => {
    let seed = 7
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    const seconds = new Set(Array.from({ length: 1000 }, () => Math.floor(backoffDelay(10, random) / 1000)))
    expect(seconds.size).toBeGreaterThan(250)
  })
})
