/**
 * Switching between invoice billing and balanced payment. A switch takes effect on the first day of a
 * month that no invoice or statement covers yet and that has not started: a month is billed one way from
 * start to end. Leaving balanced payment closes the open months with a statement; joining it sets the
 * instalment from the last 12 months' consumption priced at the coming months' rates, with the reasoning
 * the agent shows the customer.
 */
import { monthlyInstalment } from '../billing/balanced'
import {
  addMonths,
  daysInIsoMonth,
  monthsBetween,
  parseDate,
  type IsoDate,
  type IsoMonth,
} from '../calendar/dates'
import { computeInvoice } from '../billing/invoice'
import { inForce, loadBandFor } from '../billing/tariffs'
import { DEFAULT_BALANCED_PAYMENT } from '../reference/balanced-payment-default'
import type { BalancedPaymentDataset } from '../reference/balanced-payment'
import { checked, problem, type Checked, type Problem } from './problems'
import type { Pricing } from './final-bill'

export type BillingType = 'invoice' | 'balanced'

export interface BillingTypeChangeInput {
  from: BillingType
  to: BillingType
  /** First day of the first month billed the new way. */
  effectiveFrom: IsoDate
  today: IsoDate
  /** The last month an invoice (invoice billing) or a statement (balanced payment) covers; null if none. */
  lastBilledMonth: IsoMonth | null
}

export interface BillingTypeChange {
  effectiveFrom: IsoDate
  /** Balanced payment ends: the months since the last statement get a closing statement. */
  closingStatement: { from: IsoMonth; to: IsoMonth } | null
  /** Months still billed the old way before the switch (by the regular runs), for the confirmation. */
  oldWayUntil: IsoMonth
}

const monthStart = (m: IsoMonth): IsoDate => `${m}-01`

export function planBillingTypeChange(input: BillingTypeChangeInput): Checked<BillingTypeChange> {
  const problems: Problem[] = []
  if (input.from === input.to) problems.push(problem('same-billing-type', 'to'))
  const eff = parseDate(input.effectiveFrom)
  if (!eff) throw new RangeError(`not an ISO date: ${input.effectiveFrom}`)
  if (eff.d !== 1) problems.push(problem('effective-not-first-of-month', 'effectiveFrom'))
  const nextMonth = addMonths(input.today.slice(0, 7), 1)
  const afterBilled = input.lastBilledMonth ? addMonths(input.lastBilledMonth, 1) : nextMonth
  const earliest = nextMonth > afterBilled ? nextMonth : afterBilled
  const month = input.effectiveFrom.slice(0, 7)
  if (month < earliest)
    problems.push(problem('effective-too-early', 'effectiveFrom', { earliest: monthStart(earliest) }))
  return checked(problems, () => {
    const last = addMonths(month, -1)
    const open = input.lastBilledMonth ? addMonths(input.lastBilledMonth, 1) : null
    return {
      effectiveFrom: input.effectiveFrom,
      closingStatement:
        input.from === 'balanced' && open !== null && open <= last ? { from: open, to: last } : null,
      oldWayUntil: last,
    }
  })
}

export interface HistoryMonth {
  month: IsoMonth
  kWh: number
  estimated: boolean
}

export interface InstalmentReasoning {
  /** History months averaged (the latest `historyMonths` given). */
  monthsUsed: number
  /** Fewer than a full year: seasonal months may be missing, so the agent may prefer to agree an amount. */
  shortHistory: boolean
  months: Array<{
    month: IsoMonth
    /** The coming month the same calendar month stands for, priced at its rates. */
    pricedAs: IsoMonth
    kWh: number
    estimated: boolean
    costCents: number
  }>
  totalKWh: number
  totalCostCents: number
  /** The average monthly cost, rounded to cents half away from zero (billing/balanced). */
  averageCents: number
  /** Then rounded up to a multiple of `stepCents`. */
  rounding: { stepCents: number; fromCents: number; toCents: number }
  instalmentCents: number
  /** The prices in force on the first month, as the customer sees them on the reasoning. */
  prices: {
    product: string
    gasPerKWh: string
    tariffVersion: string
    fixedPerMonth: string
    vatPercent: string
  }
}

export interface InstalmentInput {
  /** Monthly consumption, oldest first, consecutive or with gaps for unknown months. */
  history: readonly HistoryMonth[]
  effectiveFrom: IsoDate
  pricing: Pricing
  dataset?: BalancedPaymentDataset
}

/** The balanced-payment instalment from the latest months of consumption, with its reasoning. */
export function balancedInstalmentFromHistory(input: InstalmentInput): Checked<InstalmentReasoning> {
  const ds = input.dataset ?? DEFAULT_BALANCED_PAYMENT
  input.history.forEach((h, i) => {
    if (!Number.isSafeInteger(h.kWh) || h.kWh < 0)
      throw new RangeError(`history kWh must be whole ≥ 0: ${h.kWh}`)
    if (i > 0 && !(input.history[i - 1].month < h.month)) throw new RangeError('history months must ascend')
  })
  const used = input.history.slice(-ds.historyMonths)
  if (used.length < ds.minHistoryMonths)
    return {
      ok: false,
      problems: [problem('history-too-short', 'history', { months: used.length, min: ds.minHistoryMonths })],
    }
  const first = input.effectiveFrom.slice(0, 7)
  const months = used.map((h) => {
    const pricedAs = addMonths(first, ((monthsBetween(first, h.month) % 12) + 12) % 12)
    const cost = computeInvoice({
      ...input.pricing,
      period: {
        from: monthStart(pricedAs),
        to: `${pricedAs}-${String(daysInIsoMonth(pricedAs)).padStart(2, '0')}`,
      },
      consumption: { kWh: h.kWh },
    })
    return { month: h.month, pricedAs, kWh: h.kWh, estimated: h.estimated, costCents: cost.totalCents }
  })
  const average = monthlyInstalment({ monthlyCostsCents: months.map((m) => m.costCents) }).instalmentCents
  const step = ds.roundUpToCents
  const instalmentCents = Math.ceil(average / step) * step
  const tariff = inForce(input.pricing.tariffs.periods, input.effectiveFrom)
  const price = inForce(input.pricing.prices.periods, input.effectiveFrom)
  if (!tariff || !price) throw new RangeError(`no tariff or price in force on ${input.effectiveFrom}`)
  return {
    ok: true,
    value: {
      monthsUsed: used.length,
      shortHistory: used.length < 12,
      months,
      totalKWh: months.reduce((s, m) => s + m.kWh, 0),
      totalCostCents: months.reduce((s, m) => s + m.costCents, 0),
      averageCents: average,
      rounding: { stepCents: step, fromCents: average, toCents: instalmentCents },
      instalmentCents,
      prices: {
        product: input.pricing.prices.product,
        gasPerKWh: price.pricePerKWh,
        tariffVersion: `${input.pricing.tariffs.id} ${input.pricing.tariffs.version}`,
        fixedPerMonth: loadBandFor(tariff.rates.distributionFixed, input.pricing.permittedLoadM3h).band
          .perMonth,
        vatPercent: tariff.rates.vatPercent,
      },
    },
  }
}

export interface ReviewPeriod {
  from: IsoDate
  to: IsoDate
  months: number
  /** The month (1-12) every later period ends with. */
  reviewMonth: number
  /** Readings the customer must give in the period (DOMAIN.md): 30 June, 31 December and its last day. */
  requiredReadings: IsoDate[]
}

/**
 * The first review period from the switch: `reviewPeriodMonths` long by default; with a chosen review
 * month it ends at that month's next end that leaves at least `minFirstReviewMonths`, else a year later.
 */
export function reviewPeriod(input: {
  effectiveFrom: IsoDate
  reviewMonth?: number
  cookingOnly: boolean
  dataset?: BalancedPaymentDataset
}): ReviewPeriod {
  const ds = input.dataset ?? DEFAULT_BALANCED_PAYMENT
  const first = input.effectiveFrom.slice(0, 7)
  let last = addMonths(first, ds.reviewPeriodMonths - 1)
  if (input.reviewMonth !== undefined) {
    if (!Number.isInteger(input.reviewMonth) || input.reviewMonth < 1 || input.reviewMonth > 12)
      throw new RangeError(`review month must be 1..12: ${input.reviewMonth}`)
    const firstNo = Number(first.slice(5))
    last = addMonths(first, (input.reviewMonth - firstNo + 12) % 12)
    if (monthsBetween(first, last) + 1 < ds.minFirstReviewMonths) last = addMonths(last, 12)
  }
  const to = `${last}-${String(daysInIsoMonth(last)).padStart(2, '0')}`
  const required = new Set<IsoDate>([to])
  if (!(input.cookingOnly && ds.cookingOnlyReadsYearly))
    for (let m = first; m <= last; m = addMonths(m, 1))
      for (const r of ds.requiredReadingDays)
        if (Number(m.slice(5)) === r.month) required.add(`${m}-${String(r.day).padStart(2, '0')}`)
  return {
    from: input.effectiveFrom,
    to,
    months: monthsBetween(first, last) + 1,
    reviewMonth: Number(last.slice(5)),
    requiredReadings: [...required].sort(),
  }
}
