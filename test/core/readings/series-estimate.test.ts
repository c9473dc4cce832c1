import { describe, expect, it } from 'vitest'
import { monthlyConsumptionSeries } from '../../../src/core/readings'
import { reading } from './helpers'

describe('monthly consumption series around estimates', () => {
  it('takes an estimate below the last actual reading as a negative difference, not a register rollover', () => {
    const history = [
      reading('2025-05', '2025-05-28', 1000),
      reading('2025-06', '2025-07-05', 990, 'estimated'),
      reading('2025-07', '2025-07-28', 1030),
    ]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-07', months: 2, digits: 5 })
    expect(s.map((m) => [m.month, m.m3, m.kind])).toEqual([
      ['2025-06', -10, 'estimated'],
      ['2025-07', 40, 'actual'],
    ])
  })

  it('still counts across a rollover between two actual readings', () => {
    const history = [reading('2025-05', '2025-05-28', 99980), reading('2025-06', '2025-06-28', 20)]
    const s = monthlyConsumptionSeries(history, { endMonth: '2025-06', months: 1, digits: 5 })
    expect(s[0]).toMatchObject({ m3: 40, kind: 'actual' })
  })
})
