import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { calorificValueFor, m3ToKwh, monthlyConsumptionSeries } from '../../../src/core/readings'
import { validateCalorificDataset, type CalorificDataset } from '../../../src/core/reference/calorific'
import { DEFAULT_CALORIFIC } from '../../../src/core/reference/calorific-default'
import { G4, monthlyHistory, reading } from './helpers'

describe('m³ -> kWh', () => {
  it('rounds to whole kWh as the DOMAIN.md worked example does (5 m³ x 10.55 = 52.75 -> 53)', () => {
    expect(m3ToKwh(5, 10.55)).toBe(53)
    expect(m3ToKwh(10, 10.538)).toBe(105)
    expect(m3ToKwh(250, 10.538)).toBe(2635) // the consumption-group boundary: 2,634.5 -> 2,635
    expect(m3ToKwh(0, 10.538)).toBe(0)
    expect(m3ToKwh(-5, 10.55)).toBe(-53)
  })

  it('equals exact decimal rounding (half up) for any whole m³ and 4-decimal calorific value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 90_000, max: 120_000 }),
        (m3, tenThousandths) => {
          const exact = BigInt(m3) * BigInt(tenThousandths) // kWh x 10^4
          const expected = Number((exact + 5000n) / 10000n)
          expect(m3ToKwh(m3, tenThousandths / 10_000)).toBe(expected)
        },
      ),
    )
  })

  it('refuses fractional m³ and calorific values with more than 4 decimals', () => {
    expect(() => m3ToKwh(1.5, 10.55)).toThrow(RangeError)
    expect(() => m3ToKwh(1, 10.12345)).toThrow(RangeError)
  })

  it('looks the calorific value up by zone and month, with the 10.538 fallback', () => {
    const data: CalorificDataset = {
      ...DEFAULT_CALORIFIC,
      values: [{ zone: 'riga', month: '2024-01', kwhPerM3: 10.55 }],
    }
    expect(validateCalorificDataset(data).ok).toBe(true)
    expect(calorificValueFor('riga', '2024-01', data)).toEqual({ kwhPerM3: 10.55, fallback: false })
    expect(calorificValueFor('riga', '2024-02', data)).toEqual({ kwhPerM3: 10.538, fallback: true })
    expect(calorificValueFor('kurzeme', '2024-01')).toEqual({ kwhPerM3: 10.538, fallback: true })
  })

  it('validates a calorific dataset from an untrusted source', () => {
    const bad = {
      ...DEFAULT_CALORIFIC,
      fallbackKwhPerM3: -1,
      values: [
        { zone: 'riga', month: '2024-13', kwhPerM3: 10.5 },
        { zone: 'riga', month: '2024-01', kwhPerM3: 10.55 },
        { zone: 'riga', month: '2024-01', kwhPerM3: 10.123456 },
      ],
    }
    const r = validateCalorificDataset(bad)
    expect(r.ok ? [] : r.issues).toEqual([
      { path: 'fallbackKwhPerM3', code: 'wrong-type' },
      { path: 'values[0].month', code: 'bad-date' },
      { path: 'values[2].kwhPerM3', code: 'wrong-type' },
      { path: 'values[2]', code: 'duplicate' },
    ])
  })
})

describe('monthly consumption series', () => {
  it('gives 24 months ending with the chosen month, actual and estimated apart, missing before history', () => {
    const history = [
      ...monthlyHistory('2025-01', 1000, [50, 40, 30]), // 2025-01 .. 2025-04
      reading('2025-05', '2025-05-28', 1140, 'estimated'),
      reading('2025-06', '2025-06-28', 1150),
    ]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-06', digits: 5 })
    expect(s).toHaveLength(24)
    expect(s[0].month).toBe('2023-07')
    expect(s[23].month).toBe('2025-06')
    expect(s.slice(0, 18).every((m) => m.kind === 'missing' && m.m3 === null)).toBe(true)
    expect(s.slice(18).map((m) => [m.month, m.m3, m.kind])).toEqual([
      ['2025-01', null, 'missing'],
      ['2025-02', 50, 'actual'],
      ['2025-03', 40, 'actual'],
      ['2025-04', 30, 'actual'],
      ['2025-05', 20, 'estimated'],
      ['2025-06', 10, 'actual'],
    ])
  })

  it('shares a multi-month interval out in whole m³, the remainder on the latest months', () => {
    const history = [reading('2025-06', '2025-06-28', 100), reading('2025-12', '2025-12-29', 200)]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-12', months: 6, digits: 5 })
    expect(s.map((m) => m.m3)).toEqual([16, 16, 17, 17, 17, 17])
    expect(s.every((m) => m.spread && m.kind === 'actual')).toBe(true)
    expect(s.reduce((a, m) => a + (m.m3 ?? 0), 0)).toBe(100)
  })

  it('counts across a register rollover, uses corrections, ignores rejected readings', () => {
    const wrong = reading('2025-11', '2025-11-28', 99999)
    const history = [
      reading('2025-10', '2025-10-28', 99950),
      wrong,
      reading('2025-11', '2025-11-30', 99980, 'corrected', { replaces: wrong.id }),
      reading('2025-12', '2025-12-28', 30),
      reading(null, '2025-12-20', 5, 'rejected'),
    ]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-12', months: 2, digits: G4.digits })
    expect(s.map((m) => m.m3)).toEqual([30, 50])
  })

  it('a move-in reading early in a month starts that month', () => {
    const history = [reading(null, '2025-03-05', 700), reading('2025-03', '2025-03-28', 760)]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-03', months: 2, digits: 5 })
    expect(s.map((m) => [m.month, m.m3])).toEqual([
      ['2025-02', null],
      ['2025-03', 60],
    ])
  })

  it('the months always add up to the metered total between the first and last period reading', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }), (usages) => {
        const history = monthlyHistory('2023-01', 10_000, usages)
        const last = history[history.length - 1]
        const s = monthlyConsumptionSeries(history, {
          endMonth: last.period!,
          months: usages.length,
          digits: 5,
        })
        expect(s.map((m) => m.m3)).toEqual(usages)
      }),
    )
  })
})
