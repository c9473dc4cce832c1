import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  type FixedLine,
  type InvoiceCalculation,
} from '../../../src/core/billing'
import { addDays, addMonths, lastDayOfMonth } from '../../../src/core/calendar'
import { finalBill, shareKWhByDays, type FinalStatementInput } from '../../../src/core/lifecycle'

const pricing = {
  permittedLoadM3h: '6',
  consumptionGroup: 1 as const,
  tariffs: DEFAULT_TARIFFS,
  prices: DEFAULT_PRICE_LIST,
}
const fixed = (i: InvoiceCalculation) =>
  i.lines.filter((l): l is FixedLine => l.kind === 'fixed').reduce((s, l) => s + l.amountCents, 0)

describe('final invoice (invoice billing)', () => {
  it('bills from the day after the last billed day to the end date, due on the 20th of the next month', () => {
    const r = finalBill({
      billingType: 'invoice',
      lastBilledThrough: '2024-02-29',
      endDate: '2024-03-15',
      today: '2024-03-18',
      estimated: false,
      consumption: { volumeM3: 7, calorificValue: '10.55' },
      pricing,
    })
    expect(r.ok).toBe(true)
    if (!r.ok || r.value.kind !== 'final-invoice') return
    expect(r.value.period).toEqual({ from: '2024-03-01', to: '2024-03-15' })
    expect(r.value.dueDate).toBe('2024-04-20')
    expect(r.value.invoice.energyKWh).toBe(74)
    expect(fixed(r.value.invoice)).toBe(224) // 4.62 x 15/31
  })

  it('nothing to bill when the end date is the last billed day; an end before it or in the future is refused', () => {
    const base = {
      billingType: 'invoice' as const,
      lastBilledThrough: '2024-03-31',
      today: '2024-04-05',
      estimated: false,
      consumption: { kWh: 0 },
      pricing,
    }
    expect(finalBill({ ...base, endDate: '2024-03-31' })).toEqual({
      ok: true,
      value: { kind: 'none', reason: 'already-billed' },
    })
    const before = finalBill({ ...base, endDate: '2024-03-20' })
    expect(before.ok ? [] : before.problems.map((p) => [p.code, p.params])).toEqual([
      ['end-before-billed', { lastBilledThrough: '2024-03-31' }],
    ])
    const future = finalBill({ ...base, endDate: '2024-04-10' })
    expect(future.ok ? [] : future.problems.map((p) => p.code)).toEqual(['end-in-future'])
  })

  it('property: monthly invoices and the final invoice bill each supply day once and the fixed fee to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2023, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('4', '6', '10'),
        (year, m, fullMonths, endDay, load) => {
          const priced = { ...pricing, permittedLoadM3h: load }
          let month = `${year}-${String(m).padStart(2, '0')}`
          const start = `${month}-01`
          let billedFixed = 0
          for (let k = 0; k < fullMonths; k++, month = addMonths(month, 1))
            billedFixed += fixed(
              computeInvoice({
                ...priced,
                period: { from: `${month}-01`, to: lastDayOfMonth(month) },
                consumption: { kWh: 0 },
              }),
            )
          const end = `${month}-${String(Math.min(endDay, Number(lastDayOfMonth(month).slice(8)))).padStart(2, '0')}`
          const r = finalBill({
            billingType: 'invoice',
            lastBilledThrough: addDays(`${month}-01`, -1),
            endDate: end,
            today: end,
            estimated: false,
            consumption: { kWh: 0 },
            pricing: priced,
          })
          if (!r.ok || r.value.kind !== 'final-invoice') throw new Error('expected a final invoice')
          // One invoice for the whole contract would bill the same fixed part to the cent.
          const whole = computeInvoice({
            ...priced,
            period: { from: start, to: end },
            consumption: { kWh: 0 },
          })
          expect(billedFixed + fixed(r.value.invoice)).toBe(fixed(whole))
          expect(r.value.period.from).toBe(`${month}-01`)
        },
      ),
    )
  })
})

describe('final statement (balanced payment)', () => {
  const input = (over: Partial<FinalStatementInput> = {}): FinalStatementInput => ({
    billingType: 'balanced',
    lastBilledThrough: '2024-06-30',
    endDate: '2024-09-12',
    today: '2024-09-15',
    estimated: true,
    kWhByMonth: shareKWhByDays(600, '2024-07-01', '2024-09-12'),
    instalments: [
      { month: '2024-07', instalmentCents: 4500, paidCents: 4500 },
      { month: '2024-08', instalmentCents: 4500, paidCents: 4500 },
      { month: '2024-09', instalmentCents: 4500, paidCents: 0 },
    ],
    pricing,
    ...over,
  })

  it('prices each month up to the end date and reconciles against the instalments paid', () => {
    const r = finalBill(input())
    if (!r.ok || r.value.kind !== 'final-statement') throw new Error('expected a final statement')
    const v = r.value
    expect(v.months.map((m) => [m.month, m.period.from, m.period.to])).toEqual([
      ['2024-07', '2024-07-01', '2024-07-31'],
      ['2024-08', '2024-08-01', '2024-08-31'],
      ['2024-09', '2024-09-01', '2024-09-12'],
    ])
    // 600 kWh over 74 days: 251.35 -> 251, cumulative 502.70 -> 503 (252), the rest 97.
    expect(v.months.map((m) => m.cost.energyKWh)).toEqual([251, 252, 97])
    expect(fixed(v.months[2].cost)).toBe(185) // 4.62 x 12/30 = 1.848
    expect(v.statement.totalPaidCents).toBe(9000)
    expect(v.statement.totalCostCents).toBe(v.months.reduce((s, m) => s + m.cost.totalCents, 0))
    expect(v.settlement).toBe(
      v.statement.advanceCents > 0 ? 'refund' : v.statement.dueCents > 0 ? 'due' : 'settled',
    )
    expect(v.estimated).toBe(true)
  })

  it('an overpayment at contract end is paid back, a shortfall is due on the 20th', () => {
    const over = finalBill(
      input({ instalments: [{ month: '2024-07', instalmentCents: 50_000, paidCents: 50_000 }] }),
    )
    expect(
      over.ok && over.value.kind === 'final-statement' && [over.value.settlement, over.value.dueDate],
    ).toEqual(['refund', null])
    const under = finalBill(input({ instalments: [] }))
    expect(
      under.ok && under.value.kind === 'final-statement' && [under.value.settlement, under.value.dueDate],
    ).toEqual(['due', '2024-10-20'])
  })

  it('the months must be exactly those of the period', () => {
    const r = finalBill(
      input({
        kWhByMonth: [{ month: '2024-07', kWh: 100 }],
        instalments: [{ month: '2024-10', instalmentCents: 1, paidCents: 1 }],
      }),
    )
    expect(r.ok ? [] : r.problems.map((p) => [p.code, p.field])).toEqual([
      ['statement-months', 'kWhByMonth'],
      ['statement-months', 'instalments.0.month'],
    ])
  })

  it('property: shareKWhByDays gives every month its days’ share within 1 kWh, together exactly the total', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((n) => addDays('2023-01-01', n))
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 50_000 }),
        (from, len, kWh) => {
          const to = addDays(from, len)
          const shares = shareKWhByDays(kWh, from, to)
          expect(shares.reduce((s, x) => s + x.kWh, 0)).toBe(kWh)
          const total = len + 1
          let d = from
          for (const s of shares) {
            const last = lastDayOfMonth(s.month) < to ? lastDayOfMonth(s.month) : to
            const days = (Date.parse(last) - Date.parse(d)) / 86_400_000 + 1
            expect(Math.abs(s.kWh * total - kWh * days)).toBeLessThanOrEqual(total)
            d = addDays(last, 1)
          }
        },
      ),
    )
  })
})
