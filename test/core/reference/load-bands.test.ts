import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_TARIFFS, loadBandFor } from '../../../src/core/billing'
import {
  isMeterLoadBand,
  loadBandOf,
  METER_LOAD_BANDS,
  permittedLoadM3h,
} from '../../../src/core/reference/load-bands'

const bandsOf = (from: string) =>
  DEFAULT_TARIFFS.periods.find((p) => p.from === from)!.rates.distributionFixed

describe('meter load bands', () => {
  it('give every meter a permitted load; up to 10 m³/h every tariff period has a band for it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1000, noNaN: true }), (flow) => {
        const band = loadBandOf(flow)
        expect(isMeterLoadBand(band)).toBe(true)
        const load = permittedLoadM3h(band, flow)
        expect(Number(load)).toBeGreaterThanOrEqual(flow)
        if (flow <= 10)
          for (const p of DEFAULT_TARIFFS.periods)
            expect(() => loadBandFor(p.rates.distributionFixed, load)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })

  it('map each stored band to the tariff band it stands for', () => {
    expect(METER_LOAD_BANDS).toEqual(['upto4', '4to6', 'upto6', '6to10', 'over10'])
    const y2026 = DEFAULT_TARIFFS.periods.at(-1)!.from
    expect(loadBandFor(bandsOf(y2026), permittedLoadM3h('upto4', 4)).band.maxLoadM3h).toBe('4')
    expect(loadBandFor(bandsOf(y2026), permittedLoadM3h('4to6', 5)).band.maxLoadM3h).toBe('6')
    expect(loadBandFor(bandsOf(y2026), permittedLoadM3h('6to10', 8)).band.maxLoadM3h).toBe('10')
    // Above the last band the meter's own maximum flow is the permitted load; the household tariffs end at 10.
    expect(permittedLoadM3h('over10', 16)).toBe('16')
    expect(() => loadBandFor(bandsOf(y2026), '16')).toThrow(/no distribution band/)
    expect(isMeterLoadBand('over25')).toBe(false)
  })
})
