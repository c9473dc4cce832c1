import { compare, isDecimal, parseDecimal, type Rational } from './decimal'
import { isIsoDate } from '../calendar/dates'
import { BillingError } from './errors'

/**
 * Dated reference data for the regulated parts of a gas invoice. Each period is in force from its `from`
 * date (inclusive) until the next period’s `from`; a change therefore needs no end date and periods can
 * neither overlap nor leave gaps. All amounts are decimal strings in the unit their field name says, as the
 * regulator and the operator publish them (EUR excluding VAT), so they can be compared with the source.
 */
export interface LoadBand {
  /** Upper bound of the permitted load in m³/h (inclusive); the lower bound is the previous band’s. */
  maxLoadM3h: string
  perMonth: string
}

export interface NetworkRates {
  /** Distribution fixed part by permitted load, ascending. */
  distributionFixed: LoadBand[]
  distributionVariablePerMWh: { group1: string; group2: string }
  /** Household consumption group 1 ends here (2,635 kWh ≈ 250 m³ a year). */
  group1MaxKWhPerYear: number
  transmissionExitPerKWh: string
  excisePerMWh: string
  vatPercent: string
}

export interface TariffPeriod {
  from: string
  rates: NetworkRates
  /** Where the numbers come from, or why they were carried forward. */
  source: string
}

export interface TariffDataset {
  id: string
  version: string
  periods: TariffPeriod[]
}

/** The retailer’s product price for the gas itself, EUR/kWh excl. VAT, dated the same way. */
export interface PriceList {
  product: string
  periods: Array<{ from: string; pricePerKWh: string; source?: string }>
}

/** The entry in force on `date`, or null before the first one. */
export function inForce<T extends { from: string }>(periods: readonly T[], date: string): T | null {
  let found: T | null = null
  for (const p of periods) if (p.from <= date) found = p
  return found
}

/** Change dates strictly after `from` and not after `to`. */
export function changeDatesWithin(
  periods: ReadonlyArray<{ from: string }>,
  from: string,
  to: string,
): string[] {
  return periods.map((p) => p.from).filter((d) => d > from && d <= to)
}

export interface BandMatch {
  index: number
  band: LoadBand
  /** Exclusive lower bound (the previous band’s maximum), null for the first band. */
  minExclusiveM3h: string | null
  perMonth: Rational
}

export function loadBandFor(bands: readonly LoadBand[], permittedLoadM3h: string): BandMatch {
  const load = parseDecimal(permittedLoadM3h)
  for (let i = 0; i < bands.length; i++) {
    if (compare(load, parseDecimal(bands[i].maxLoadM3h)) <= 0) {
      return {
        index: i,
        band: bands[i],
        minExclusiveM3h: i === 0 ? null : bands[i - 1].maxLoadM3h,
        perMonth: parseDecimal(bands[i].perMonth),
      }
    }
  }
  throw new BillingError('load-band', `no distribution band for a permitted load of ${permittedLoadM3h} m³/h`)
}

/** Checks a dataset before it is used: dates, ordering, decimals, ascending bands. Returns the problems. */
export function tariffDatasetProblems(ds: TariffDataset): string[] {
  const problems: string[] = []
  const decimal = (where: string, v: string): void => {
    if (typeof v !== 'string' || !isDecimal(v) || v.trim().startsWith('-')) problems.push(`${where}: ${v}`)
  }
  if (ds.periods.length === 0) problems.push('no periods')
  ds.periods.forEach((p, i) => {
    const at = `periods[${i}]`
    if (!isIsoDate(p.from)) problems.push(`${at}.from: ${p.from}`)
    if (i > 0 && !(ds.periods[i - 1].from < p.from)) problems.push(`${at}.from not after the previous period`)
    const r = p.rates
    if (r.distributionFixed.length === 0) problems.push(`${at}: no load bands`)
    r.distributionFixed.forEach((b, j) => {
      decimal(`${at}.distributionFixed[${j}].maxLoadM3h`, b.maxLoadM3h)
      decimal(`${at}.distributionFixed[${j}].perMonth`, b.perMonth)
      const prev = r.distributionFixed[j - 1]
      if (prev && isDecimal(prev.maxLoadM3h) && isDecimal(b.maxLoadM3h)) {
        if (compare(parseDecimal(prev.maxLoadM3h), parseDecimal(b.maxLoadM3h)) >= 0)
          problems.push(`${at}.distributionFixed not ascending at ${j}`)
      }
    })
    decimal(`${at}.distributionVariablePerMWh.group1`, r.distributionVariablePerMWh.group1)
    decimal(`${at}.distributionVariablePerMWh.group2`, r.distributionVariablePerMWh.group2)
    decimal(`${at}.transmissionExitPerKWh`, r.transmissionExitPerKWh)
    decimal(`${at}.excisePerMWh`, r.excisePerMWh)
    decimal(`${at}.vatPercent`, r.vatPercent)
    if (!Number.isInteger(r.group1MaxKWhPerYear) || r.group1MaxKWhPerYear <= 0)
      problems.push(`${at}.group1MaxKWhPerYear: ${r.group1MaxKWhPerYear}`)
  })
  return problems
}

export function priceListProblems(list: PriceList): string[] {
  const problems: string[] = []
  if (list.periods.length === 0) problems.push('no periods')
  list.periods.forEach((p, i) => {
    if (!isIsoDate(p.from)) problems.push(`periods[${i}].from: ${p.from}`)
    if (i > 0 && !(list.periods[i - 1].from < p.from))
      problems.push(`periods[${i}].from not after the previous`)
    if (!isDecimal(p.pricePerKWh) || p.pricePerKWh.trim().startsWith('-'))
      problems.push(`periods[${i}].pricePerKWh: ${p.pricePerKWh}`)
  })
  return problems
}

/** Household consumption group from a year’s consumption (the operator recalculates at year end). */
export function consumptionGroupFor(annualKWh: number, rates: NetworkRates): 1 | 2 {
  return annualKWh <= rates.group1MaxKWhPerYear ? 1 : 2
}
