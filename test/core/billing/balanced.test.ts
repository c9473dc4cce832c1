import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { buildStatement, monthlyInstalment, type StatementMonthInput } from '../../../src/core/billing'
import { addMonths } from '../../../src/core/calendar'

describe('monthlyInstalment', () => {
  it('averages the last 12 months’ cost, rounded to cents', () => {
    const costs = [9000, 8000, 6000, 3000, 1500, 1000, 1000, 1200, 2500, 5000, 7000, 8800]
    expect(monthlyInstalment({ monthlyCostsCents: costs })).toEqual({
      instalmentCents: 4500,
      basis: 'history',
      monthsUsed: 12,
    })
    expect(monthlyInstalment({ monthlyCostsCents: [100, 100, 101] }).instalmentCents).toBe(100)
    expect(monthlyInstalment({ monthlyCostsCents: [100, 101] }).instalmentCents).toBe(101) // 100.5
  })
  it('uses only the last 12 of a longer history', () => {
    expect(monthlyInstalment({ monthlyCostsCents: [999_999, ...Array(12).fill(1000)] })).toMatchObject({
      instalmentCents: 1000,
      monthsUsed: 12,
    })
  })
  it('takes an agreed amount as it is and refuses an empty history', () => {
    expect(monthlyInstalment({ agreedCents: 5000 })).toEqual({
      instalmentCents: 5000,
      basis: 'agreed',
      monthsUsed: 0,
    })
    expect(() => monthlyInstalment({ monthlyCostsCents: [] })).toThrow(/history/)
    expect(() => monthlyInstalment({ agreedCents: -1 })).toThrow(/amount/)
  })
})

describe('buildStatement', () => {
  it('ends in an advance when the customer paid more than the supply cost', () => {
    const s = buildStatement([
      { month: '2024-07', costCents: 1200, instalmentCents: 4500, paidCents: 4500 },
      { month: '2024-08', costCents: 1100, instalmentCents: 4500, paidCents: 4500 },
    ])
    expect(s).toMatchObject({ advanceCents: 6700, dueCents: 0, dueDate: null })
  })
  it('ends in an amount due on the 20th of the following month', () => {
    const due = buildStatement([
      { month: '2024-11', costCents: 8000, instalmentCents: 4500, paidCents: 4500 },
      { month: '2024-12', costCents: 9800, instalmentCents: 4500, paidCents: 4500 },
    ])
    expect(due).toMatchObject({
      from: '2024-11',
      to: '2024-12',
      balanceCents: -8800,
      advanceCents: 0,
      dueCents: 8800,
      dueDate: '2025-01-20',
    })
    expect(due.months.map((m) => [m.differenceCents, m.runningBalanceCents])).toEqual([
      [-3500, -3500],
      [-5300, -8800],
    ])
  })
  it('refuses gaps, repeated months and no months', () => {
    const m = (month: string): StatementMonthInput => ({
      month,
      costCents: 1,
      instalmentCents: 1,
      paidCents: 1,
    })
    expect(() => buildStatement([])).toThrow(/months/)
    expect(() => buildStatement([m('2024-01'), m('2024-03')])).toThrow(/consecutive/)
    expect(() => buildStatement([m('2024-01'), m('2024-01')])).toThrow(/consecutive/)
  })

  const monthsArb = fc
    .tuple(
      fc.integer({ min: 2020, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.array(
        fc.record({
          costCents: fc.integer({ min: 0, max: 50_000 }),
          instalmentCents: fc.integer({ min: 0, max: 20_000 }),
          paidCents: fc.integer({ min: 0, max: 40_000 }),
        }),
        { minLength: 1, maxLength: 24 },
      ),
    )
    .map(([y, m, rows]) => {
      let month = `${y}-${String(m).padStart(2, '0')}`
      return rows.map((r, i) => {
        if (i > 0) month = addMonths(month, 1)
        return { month, ...r }
      })
    })

  it('reconciles: months sum to the totals, advance and due are never both non-zero', () => {
    fc.assert(
      fc.property(monthsArb, (months) => {
        const s = buildStatement(months)
        expect(s.totalCostCents).toBe(months.reduce((a, m) => a + m.costCents, 0))
        expect(s.totalPaidCents).toBe(months.reduce((a, m) => a + m.paidCents, 0))
        expect(s.totalInstalmentsCents).toBe(months.reduce((a, m) => a + m.instalmentCents, 0))
        expect(s.months.reduce((a, m) => a + m.differenceCents, 0)).toBe(s.balanceCents)
        expect(s.months[s.months.length - 1].runningBalanceCents).toBe(s.balanceCents)
        expect(s.advanceCents === 0 || s.dueCents === 0).toBe(true)
        expect(s.advanceCents - s.dueCents).toBe(s.totalPaidCents - s.totalCostCents)
        expect(s.dueDate !== null).toBe(s.dueCents > 0)
        if (s.dueDate) expect(s.dueDate).toBe(`${addMonths(s.to, 1)}-20`)
      }),
    )
  })
})
