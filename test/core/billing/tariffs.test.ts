import { describe, expect, it } from 'vitest'
import {
  consumptionGroupFor,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  inForce,
  loadBandFor,
  priceListProblems,
  tariffDatasetProblems,
} from '../../../src/core/billing'

describe('tariff reference data', () => {
  it('the built-in defaults are well formed', () => {
    expect(tariffDatasetProblems(DEFAULT_TARIFFS)).toEqual([])
    expect(priceListProblems(DEFAULT_PRICE_LIST)).toEqual([])
  })
  it('carries the DOMAIN.md 2023 and 2024 values and the 2026 band split', () => {
    const at = (d: string) => inForce(DEFAULT_TARIFFS.periods, d)!.rates
    expect(at('2023-07-01').distributionFixed[0]).toEqual({ maxLoadM3h: '6', perMonth: '3.30' })
    expect(at('2024-07-01').distributionVariablePerMWh).toEqual({ group1: '28.0907', group2: '12.1219' })
    expect(at('2026-07-01').distributionFixed.map((b) => b.maxLoadM3h)).toEqual(['4', '6', '10'])
    expect(inForce(DEFAULT_TARIFFS.periods, '2022-12-31')).toBeNull()
  })
  it('reports malformed datasets instead of billing with them', () => {
    const bad = structuredClone(DEFAULT_TARIFFS)
    bad.periods[1].from = '2023-01-01'
    bad.periods[0].rates.excisePerMWh = '1,65'
    // (structuredClone keeps 2024 and 2025 sharing one rates object, so replace it rather than edit it.)
    bad.periods[2].rates = {
      ...bad.periods[2].rates,
      distributionFixed: [
        { maxLoadM3h: '10', perMonth: '1' },
        { maxLoadM3h: '6', perMonth: '1' },
      ],
    }
    expect(tariffDatasetProblems(bad)).toEqual([
      'periods[0].excisePerMWh: 1,65',
      'periods[1].from not after the previous period',
      'periods[2].distributionFixed not ascending at 1',
    ])
  })
  it('picks the load band by the permitted load and the group by annual kWh', () => {
    const r = DEFAULT_TARIFFS.periods[1].rates
    expect(loadBandFor(r.distributionFixed, '6').index).toBe(0)
    expect(loadBandFor(r.distributionFixed, '6.1').index).toBe(1)
    expect(consumptionGroupFor(2635, r)).toBe(1)
    expect(consumptionGroupFor(2636, r)).toBe(2)
  })
})
