import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addMonths } from '../../../src/core/calendar'
import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS } from '../../../src/core/billing'
import {
  balancedInstalmentFromHistory,
  planBillingTypeChange,
  reviewPeriod,
  type HistoryMonth,
} from '../../../src/core/lifecycle'
import { DEFAULT_BALANCED_PAYMENT } from '../../../src/core/reference/balanced-payment-default'

const pricing = {
  permittedLoadM3h: '6',
  consumptionGroup: 1 as const,
  tariffs: DEFAULT_TARIFFS,
  prices: DEFAULT_PRICE_LIST,
}
const codes = (r: { ok: boolean; problems?: Array<{ code: string }> }) =>
  r.ok ? [] : r.problems!.map((p) => p.code)

describe('planBillingTypeChange', () => {
  it('invoice -> balanced from next month: no statement, the current month is still invoiced', () => {
    const r = planBillingTypeChange({
      from: 'invoice',
      to: 'balanced',
      effectiveFrom: '2025-04-01',
      today: '2025-03-12',
      lastBilledMonth: '2025-02',
    })
    expect(r).toEqual({
      ok: true,
      value: { effectiveFrom: '2025-04-01', closingStatement: null, oldWayUntil: '2025-03' },
    })
  })

  it('balanced -> invoice closes the months since the last statement with a statement', () => {
    const r = planBillingTypeChange({
      from: 'balanced',
      to: 'invoice',
      effectiveFrom: '2025-04-01',
      today: '2025-03-12',
      lastBilledMonth: '2024-12',
    })
    expect(r.ok && r.value.closingStatement).toEqual({ from: '2025-01', to: '2025-03' })
    // Right after a statement that covers the month before the switch there is nothing to close.
    const none = planBillingTypeChange({
      from: 'balanced',
      to: 'invoice',
      effectiveFrom: '2026-01-01',
      today: '2025-12-10',
      lastBilledMonth: '2025-12',
    })
    expect(none).toEqual({
      ok: true,
      value: { effectiveFrom: '2026-01-01', closingStatement: null, oldWayUntil: '2025-12' },
    })
    const next = planBillingTypeChange({
      from: 'balanced',
      to: 'invoice',
      effectiveFrom: '2026-01-01',
      today: '2025-12-10',
      lastBilledMonth: '2025-11',
    })
    expect(next.ok && next.value.closingStatement).toEqual({ from: '2025-12', to: '2025-12' })
  })

  it('refuses the same type, a date inside a month, a month already running or billed', () => {
    const base = {
      from: 'invoice' as const,
      to: 'balanced' as const,
      today: '2025-03-12',
      lastBilledMonth: '2025-02',
    }
    expect(codes(planBillingTypeChange({ ...base, to: 'invoice', effectiveFrom: '2025-04-01' }))).toEqual([
      'same-billing-type',
    ])
    expect(codes(planBillingTypeChange({ ...base, effectiveFrom: '2025-04-15' }))).toEqual([
      'effective-not-first-of-month',
    ])
    const early = planBillingTypeChange({ ...base, effectiveFrom: '2025-03-01' })
    expect(early.ok ? null : early.problems[0].params).toEqual({ earliest: '2025-04-01' })
  })

  it('property: every month is billed exactly one way — stated or invoiced before, closed by the statement, or new', () => {
    const month = fc.integer({ min: 0, max: 60 }).map((n) => addMonths('2022-01', n))
    fc.assert(
      fc.property(
        month,
        fc.option(month),
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom('invoice', 'balanced'),
        (today, billed, ahead, from) => {
          const eff = addMonths(today, ahead)
          const r = planBillingTypeChange({
            from: from as 'invoice' | 'balanced',
            to: from === 'invoice' ? 'balanced' : 'invoice',
            effectiveFrom: `${eff}-01`,
            today: `${today}-15`,
            lastBilledMonth: billed,
          })
          const valid = eff > today && (billed === null || eff > billed)
          expect(r.ok).toBe(valid)
          if (!r.ok) return
          const closing = r.value.closingStatement
          if (from === 'invoice') expect(closing).toBeNull()
          else if (billed !== null && addMonths(billed, 1) < eff)
            expect(closing).toEqual({ from: addMonths(billed, 1), to: addMonths(eff, -1) })
          else expect(closing).toBeNull()
          expect(r.value.oldWayUntil).toBe(addMonths(eff, -1))
        },
      ),
    )
  })
})

// kWh a month: heating in winter, cooking in summer (Apr 2024 - Mar 2025).
const seasonal = [900, 500, 250, 150, 120, 120, 250, 600, 1000, 1300, 1400, 1200]
const history: HistoryMonth[] = seasonal.map((kWh, i) => ({
  month: addMonths('2024-04', i),
  kWh,
  estimated: i === 5,
}))

describe('balanced instalment from the last 12 months', () => {
  it('prices each month as the coming month it stands for, averages, rounds up to whole euros, explains it', () => {
    const r = balancedInstalmentFromHistory({ history, effectiveFrom: '2025-05-01', pricing })
    if (!r.ok) throw new Error('expected an instalment')
    const v = r.value
    expect(v.monthsUsed).toBe(12)
    expect(v.shortHistory).toBe(false)
    // April 2024 stands for April 2026 (the 12th coming month), May 2024 for May 2025, …
    expect(v.months[0]).toMatchObject({ month: '2024-04', pricedAs: '2026-04', kWh: 900 })
    expect(v.months[1]).toMatchObject({ month: '2024-05', pricedAs: '2025-05' })
    expect(v.months[5].estimated).toBe(true)
    expect(new Set(v.months.map((m) => m.pricedAs)).size).toBe(12)
    const may = computeInvoice({
      ...pricing,
      period: { from: '2025-05-01', to: '2025-05-31' },
      consumption: { kWh: 500 },
    })
    expect(v.months[1].costCents).toBe(may.totalCents)
    expect(v.totalKWh).toBe(seasonal.reduce((a, b) => a + b, 0))
    expect(v.totalCostCents).toBe(v.months.reduce((s, m) => s + m.costCents, 0))
    expect(v.averageCents).toBe(Math.round(v.totalCostCents / 12))
    expect(v.instalmentCents % 100).toBe(0)
    expect(v.rounding).toEqual({ stepCents: 100, fromCents: v.averageCents, toCents: v.instalmentCents })
    expect(v.prices).toEqual({
      product: 'standard',
      gasPerKWh: '0.045',
      tariffVersion: 'lv-household-gas 2026.1-defaults',
      fixedPerMonth: '4.62',
      vatPercent: '21',
    })
  })

  it('a short history is flagged; below the minimum the agent agrees an amount instead', () => {
    const short = balancedInstalmentFromHistory({
      history: history.slice(-4),
      effectiveFrom: '2025-05-01',
      pricing,
    })
    expect(short.ok && [short.value.monthsUsed, short.value.shortHistory]).toEqual([4, true])
    const tooShort = balancedInstalmentFromHistory({
      history: history.slice(-2),
      effectiveFrom: '2025-05-01',
      pricing,
    })
    expect(tooShort.ok ? null : tooShort.problems[0]).toMatchObject({
      code: 'history-too-short',
      params: { months: 2, min: 3 },
    })
  })

  it('property: a year of instalments covers a repeat of last year’s cost, with less than one rounding step over', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 12, maxLength: 18 }),
        fc.integer({ min: 0, max: 30 }).map((n) => addMonths('2024-01', n)),
        fc.constantFrom(1, 100, 500),
        (kWhs, eff, step) => {
          const hist = kWhs.map((kWh, i) => ({ month: addMonths('2021-01', i), kWh, estimated: false }))
          const r = balancedInstalmentFromHistory({
            history: hist,
            effectiveFrom: `${eff}-01`,
            pricing,
            dataset: { ...DEFAULT_BALANCED_PAYMENT, roundUpToCents: step },
          })
          if (!r.ok) throw new Error('expected an instalment')
          const v = r.value
          expect(v.months.map((m) => m.month)).toEqual(hist.slice(-12).map((h) => h.month))
          expect(new Set(v.months.map((m) => m.pricedAs))).toEqual(
            new Set(Array.from({ length: 12 }, (_, k) => addMonths(eff, k))),
          )
          const over = 12 * v.instalmentCents - v.totalCostCents
          // The average is rounded to the cent (at most half a cent a month low), then up to the step.
          expect(over).toBeGreaterThan(-6.5)
          expect(over).toBeLessThan(12 * step)
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('review period', () => {
  it('twelve months by default, with readings on 30 June, 31 December and its last day', () => {
    expect(reviewPeriod({ effectiveFrom: '2025-03-01', cookingOnly: false })).toEqual({
      from: '2025-03-01',
      to: '2026-02-28',
      months: 12,
      reviewMonth: 2,
      requiredReadings: ['2025-06-30', '2025-12-31', '2026-02-28'],
    })
    expect(reviewPeriod({ effectiveFrom: '2025-03-01', cookingOnly: true }).requiredReadings).toEqual([
      '2026-02-28',
    ])
  })

  it('a chosen review month ends the first period there, if that leaves at least six months', () => {
    expect(reviewPeriod({ effectiveFrom: '2025-03-01', reviewMonth: 12, cookingOnly: false })).toMatchObject({
      to: '2025-12-31',
      months: 10,
    })
    expect(reviewPeriod({ effectiveFrom: '2025-03-01', reviewMonth: 5, cookingOnly: false })).toMatchObject({
      to: '2026-05-31',
      months: 15,
    })
  })

  it('property: the first period is 6 to 17 months, ends on a month end in the review month, readings inside it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 48 }).map((n) => addMonths('2024-01', n)),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        (m, rm, cooking) => {
          const p = reviewPeriod({ effectiveFrom: `${m}-01`, reviewMonth: rm, cookingOnly: cooking })
          expect(p.months).toBeGreaterThanOrEqual(6)
          expect(p.months).toBeLessThanOrEqual(17)
          expect(p.reviewMonth).toBe(rm)
          expect(p.requiredReadings[p.requiredReadings.length - 1]).toBe(p.to)
          for (const d of p.requiredReadings) expect(d >= p.from && d <= p.to).toBe(true)
          if (cooking) expect(p.requiredReadings).toEqual([p.to])
        },
      ),
    )
  })
})
