import {
  computeInvoice,
  DEFAULT_PAYMENT_RULES,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  energyKWh,
  paymentDueDate,
} from '../../../core/billing'
import { calorificValueFor } from '../../../core/readings/energy'
import { toStoredLines } from '../../services/billing/lines'
import { addDays, addMonths, monthOfYear } from '../../../core/calendar'

/** Calendar facts of one billed month, the same for every premise. */
export interface MonthFacts {
  /** First and last day of the month. */
  from: string
  to: string
  monthNumber: number
  /** Payment due date (core paymentDueDate). */
  due: string
  /** Issue dates the 10th to the 15th of the next month, each moved to yesterday if not before today. */
  issueDates: string[]
  /** A statement for a period ending this month is issued on the 12th of the next (or yesterday). */
  statementIssued: string
}

/** One priced (month, kWh, group, load) combination and what storing it needs. */
export interface Priced {
  netCents: number
  vatCents: number
  totalCents: number
  /** Numbers the combination: its lines are stored once as a template (see billing.ts). */
  template: number
  /** Per line, the invoice_lines values after invoice_id. */
  lineValues: unknown[][]
  /**
   * `,"lines":[...]` (each line's period) for the invoice details, or '' when every line spans the whole
   * month: then the print takes the invoice period, and 2,000,000 invoices are ~500 MB smaller.
   */
  linesJson: string
}

/**
 * Memoised pricing for the seed: premises share months, groups, bands and (rounded) kWh, so each
 * combination is computed by core computeInvoice once, and decimals are parsed once per value.
 */
export function createPricing(today: string, onNew: (p: Priced) => void = () => {}) {
  const yesterday = addDays(today, -1)
  const notBeforeToday = (d: string) => (d < today ? d : yesterday)
  const months = new Map<string, MonthFacts>()
  // Nested maps with numeric inner keys: building a string key per invoice cost more than pricing.
  const priced = new Map<string, Map<number, Priced>>()
  let pricedCount = 0
  const loadSlots = new Map<string, number>()
  const calorific = new Map<string, Map<string, string>>()
  const kWh = new Map<string, Map<number, number>>()
  // Tens of thousands of combinations share a handful of line-period lists: keep one copy of each.
  const interned = new Map<string, string>()
  const intern = (s: string): string => {
    const hit = interned.get(s)
    if (hit !== undefined) return hit
    interned.set(s, s)
    return s
  }
  return {
    productJson: JSON.stringify(DEFAULT_PRICE_LIST.product),
    month(month: string): MonthFacts {
      let f = months.get(month)
      if (!f) {
        const next = addMonths(month, 1)
        f = {
          from: `${month}-01`,
          to: addDays(`${next}-01`, -1),
          monthNumber: monthOfYear(month),
          due: paymentDueDate(month, DEFAULT_PAYMENT_RULES),
          issueDates: [10, 11, 12, 13, 14, 15].map((d) => notBeforeToday(`${next}-${d}`)),
          statementIssued: notBeforeToday(`${next}-12`),
        }
        months.set(month, f)
      }
      return f
    },
    calorific(zone: string, month: string): string {
      let byMonth = calorific.get(zone)
      if (!byMonth) calorific.set(zone, (byMonth = new Map()))
      let cv = byMonth.get(month)
      if (cv === undefined) {
        cv = String(calorificValueFor(zone, month as `${number}-${number}`).kwhPerM3)
        byMonth.set(month, cv)
      }
      return cv
    },
    kWh(m3: number, cv: string): number {
      let byM3 = kWh.get(cv)
      if (!byM3) kWh.set(cv, (byM3 = new Map()))
      let e = byM3.get(m3)
      if (e === undefined) {
        e = energyKWh(m3, cv)
        byM3.set(m3, e)
      }
      return e
    },
    price(month: string, kWhValue: number, group: 1 | 2, load: string): Priced {
      let slot = loadSlots.get(load)
      if (slot === undefined) loadSlots.set(load, (slot = loadSlots.size))
      let byMonth = priced.get(month)
      if (!byMonth) priced.set(month, (byMonth = new Map()))
      // kWh is a whole number (energyKWh); 512 load bands and two groups fit below it.
      const key = kWhValue * 1024 + slot * 2 + (group - 1)
      if (!Number.isSafeInteger(key) || slot >= 512)
        throw new Error(`cannot key kWh ${kWhValue}, load ${load}`)
      let p = byMonth.get(key)
      if (!p) {
        const f = this.month(month)
        const calc = computeInvoice({
          period: { from: f.from, to: f.to },
          consumption: { kWh: kWhValue },
          permittedLoadM3h: load,
          consumptionGroup: group,
          tariffs: DEFAULT_TARIFFS,
          prices: DEFAULT_PRICE_LIST,
        })
        const stored = toStoredLines(calc)
        p = {
          template: ++pricedCount,
          netCents: calc.netCents,
          vatCents: calc.vatCents,
          totalCents: calc.totalCents,
          lineValues: stored.map((l) => [
            l.lineNo,
            l.kind,
            l.descriptionKey,
            l.quantityMilli,
            l.unit,
            l.unitPriceMicrocents,
            l.netCents,
            l.vatRateBp,
            l.vatCents,
          ]),
          linesJson: stored.every((l) => l.from === f.from && l.to === f.to)
            ? ''
            : intern(`,"lines":${JSON.stringify(stored.map((l) => ({ from: l.from, to: l.to })))}`),
        }
        byMonth.set(key, p)
        onNew(p)
      }
      return p
    },
  }
}
