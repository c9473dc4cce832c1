import {
  add,
  equal,
  formatRational,
  isDecimal,
  mul,
  parseDecimal,
  rational,
  toCents,
  type Rational,
} from './decimal'
import {
  addDays,
  addMonths,
  assertIsoDate,
  daysInMonth,
  daysInclusive,
  lastDayOfMonth,
  monthOf,
} from '../calendar/dates'
import { energyKWh } from './energy'
import { BillingError } from './errors'
import { allocateByWeights, splitPeriod, type Segment } from './proration'
import {
  changeDatesWithin,
  inForce,
  loadBandFor,
  type NetworkRates,
  type PriceList,
  type TariffDataset,
  type TariffPeriod,
} from './tariffs'

export type EnergyComponent = 'gas' | 'transmissionExit' | 'distributionVariable' | 'excise'
export const ENERGY_COMPONENTS: readonly EnergyComponent[] = [
  'gas',
  'transmissionExit',
  'distributionVariable',
  'excise',
]

/** A per-kWh line: kWh x unit price, rounded to cents on its own. */
export interface EnergyLine {
  kind: 'energy'
  component: EnergyComponent
  from: string
  to: string
  kWh: number
  /** The rate as published, in `rateUnit` (excise and distribution per MWh, the rest per kWh). */
  rate: string
  rateUnit: 'EUR/kWh' | 'EUR/MWh'
  /** The same rate per kWh, exact. */
  unitPricePerKWh: string
  amountCents: number
}

/** The distribution fixed part of one calendar month (or the days of it inside the period). */
export interface FixedLine {
  kind: 'fixed'
  component: 'distributionFixed'
  month: string
  from: string
  to: string
  days: number
  daysInMonth: number
  perMonth: string
  band: { index: number; minExclusiveM3h: string | null; maxLoadM3h: string }
  amountCents: number
}

export type InvoiceLine = EnergyLine | FixedLine
export type LineComponent = InvoiceLine['component']
export const LINE_ORDER: readonly LineComponent[] = [
  'gas',
  'transmissionExit',
  'distributionVariable',
  'distributionFixed',
  'excise',
]

export interface InvoiceInput {
  /** Supply period, both ends inclusive. */
  period: { from: string; to: string }
  consumption: { kWh: number } | { volumeM3: number; calorificValue: string }
  permittedLoadM3h: string
  /**
   * Permitted-load changes inside the period (a meter exchanged for one of another size), each in force
   * from its date; the fixed part is split at them by days like at a tariff change.
   */
  loadChanges?: ReadonlyArray<{ from: string; permittedLoadM3h: string }>
  consumptionGroup: 1 | 2
  tariffs: TariffDataset
  prices: PriceList
}

export interface InvoiceCalculation {
  period: { from: string; to: string }
  energyKWh: number
  consumptionGroup: 1 | 2
  lines: InvoiceLine[]
  netCents: number
  vatPercent: string
  vatCents: number
  totalCents: number
}

const PER_MWH_TO_KWH = rational(1, 1000)

interface RateSnapshot {
  segment: Segment
  rates: NetworkRates
  gasPerKWh: string
}

function ratesAt(tariffs: TariffDataset, date: string): TariffPeriod {
  const period = inForce(tariffs.periods, date)
  if (!period) throw new BillingError('no-tariff', `no tariff in force on ${date} in ${tariffs.id}`)
  return period
}

function priceAt(prices: PriceList, date: string): string {
  const p = inForce(prices.periods, date)
  if (!p) throw new BillingError('no-price', `no ${prices.product} price in force on ${date}`)
  return p.pricePerKWh
}

function componentRate(
  c: EnergyComponent,
  s: RateSnapshot,
  group: 1 | 2,
): { rate: string; unit: 'EUR/kWh' | 'EUR/MWh'; perKWh: Rational } {
  const r = s.rates
  const perKWh = (v: string) => ({ rate: v, unit: 'EUR/kWh' as const, perKWh: parseDecimal(v) })
  const perMWh = (v: string) => ({
    rate: v,
    unit: 'EUR/MWh' as const,
    perKWh: mul(parseDecimal(v), PER_MWH_TO_KWH),
  })
  switch (c) {
    case 'gas':
      return perKWh(s.gasPerKWh)
    case 'transmissionExit':
      return perKWh(r.transmissionExitPerKWh)
    case 'distributionVariable':
      return perMWh(group === 1 ? r.distributionVariablePerMWh.group1 : r.distributionVariablePerMWh.group2)
    case 'excise':
      return perMWh(r.excisePerMWh)
  }
}

function energyLines(snapshots: RateSnapshot[], kWh: number, group: 1 | 2): EnergyLine[] {
  // kWh split over the tariff segments by days once, so every component sees the same split.
  const allocated = allocateByWeights(
    kWh,
    snapshots.map((s) => s.segment.days),
  )
  const lines: EnergyLine[] = []
  for (const component of ENERGY_COMPONENTS) {
    const own: Array<EnergyLine & { perKWh: Rational }> = []
    snapshots.forEach((s, i) => {
      const { rate, unit, perKWh } = componentRate(component, s, group)
      const last = own[own.length - 1]
      // Neighbouring segments at the same rate are one line: a change elsewhere must not split it.
      if (last && equal(last.perKWh, perKWh)) {
        last.to = s.segment.to
        last.kWh += allocated[i]
      } else {
        own.push({
          kind: 'energy',
          component,
          from: s.segment.from,
          to: s.segment.to,
          kWh: allocated[i],
          rate,
          rateUnit: unit,
          unitPricePerKWh: formatRational(perKWh),
          amountCents: 0,
          perKWh,
        })
      }
    })
    const kept = own.filter((l, i) => l.kWh !== 0 || (i === 0 && own.every((o) => o.kWh === 0)))
    for (const { perKWh, ...line } of kept) {
      lines.push({ ...line, amountCents: toCents(mul(rational(line.kWh), perKWh)) })
    }
  }
  return lines
}

function loadAt(input: InvoiceInput, date: string): string {
  return inForce(input.loadChanges ?? [], date)?.permittedLoadM3h ?? input.permittedLoadM3h
}

type FeePart = Omit<FixedLine, 'amountCents'> & { fee: Rational }

/** The days [start, end] of one month cut at tariff and load changes, each with its monthly fee. */
function feeParts(input: InvoiceInput, month: string, start: string, end: string): FeePart[] {
  const [y, m] = month.split('-').map(Number)
  const dim = daysInMonth(y, m)
  const cuts = [
    ...changeDatesWithin(input.tariffs.periods, start, end),
    ...changeDatesWithin(input.loadChanges ?? [], start, end),
  ]
  const parts: FeePart[] = []
  for (const seg of splitPeriod(start, end, cuts)) {
    const band = loadBandFor(
      ratesAt(input.tariffs, seg.from).rates.distributionFixed,
      loadAt(input, seg.from),
    )
    const last = parts[parts.length - 1]
    if (last && equal(last.fee, band.perMonth) && last.band.index === band.index) {
      last.to = seg.to
      last.days += seg.days
      continue
    }
    parts.push({
      kind: 'fixed',
      component: 'distributionFixed',
      month,
      from: seg.from,
      to: seg.to,
      days: seg.days,
      daysInMonth: dim,
      perMonth: band.band.perMonth,
      band: { index: band.index, minExclusiveM3h: band.minExclusiveM3h, maxLoadM3h: band.band.maxLoadM3h },
      fee: band.perMonth,
    })
  }
  return parts
}

function fixedLines(input: InvoiceInput, from: string, to: string): FixedLine[] {
  const lines: FixedLine[] = []
  for (let month = monthOf(from); month <= monthOf(to); month = addMonths(month, 1)) {
    const first = `${month}-01`
    const start = from > first ? from : first
    const end = to < lastDayOfMonth(month) ? to : lastDayOfMonth(month)
    // Cumulative rounding from the 1st of the month: each line is round(fee to its last day) minus
    // round(fee to the day before it), counting the month's earlier days even when another invoice bills
    // them. So the invoices of a month split by days (a move, a final bill) add up exactly to the monthly
    // fee, and a whole month at one fee is exactly that fee.
    let exact = rational(0)
    if (start > first)
      for (const p of feeParts(input, month, first, addDays(start, -1)))
        exact = add(exact, mul(p.fee, rational(p.days, p.daysInMonth)))
    let billed = toCents(exact)
    for (const { fee, ...part } of feeParts(input, month, start, end)) {
      exact = add(exact, mul(fee, rational(part.days, part.daysInMonth)))
      const upTo = toCents(exact)
      lines.push({ ...part, amountCents: upTo - billed })
      billed = upTo
    }
  }
  return lines
}

/**
 * One invoice’s lines and totals. Each line is rounded to cents on its own; the net is the exact sum of
 * the lines, VAT is the rate applied to the net and rounded once, the total is net + VAT. A tariff or
 * price change inside the period splits it at the change date: kWh are shared between the parts by days,
 * the fixed part is prorated by the days of each month.
 */
export function computeInvoice(input: InvoiceInput): InvoiceCalculation {
  const { from, to } = input.period
  assertIsoDate(from, 'period.from')
  assertIsoDate(to, 'period.to')
  if (from > to) throw new BillingError('period', `period ends (${to}) before it starts (${from})`)
  const loadChanges = input.loadChanges ?? []
  loadChanges.forEach((c, i) => {
    assertIsoDate(c.from, `loadChanges[${i}].from`)
    if (i > 0 && !(loadChanges[i - 1].from < c.from))
      throw new BillingError('load-band', `load changes must be in date order: ${c.from}`)
    if (!isDecimal(c.permittedLoadM3h))
      throw new BillingError('load-band', `not a permitted load: ${c.permittedLoadM3h}`)
  })
  const kWh =
    'kWh' in input.consumption
      ? input.consumption.kWh
      : energyKWh(input.consumption.volumeM3, input.consumption.calorificValue)
  if (!Number.isSafeInteger(kWh) || kWh < 0)
    throw new BillingError('quantity', `kWh must be a whole number ≥ 0: ${kWh}`)

  const changes = [
    ...changeDatesWithin(input.tariffs.periods, from, to),
    ...changeDatesWithin(input.prices.periods, from, to),
  ]
  const snapshots: RateSnapshot[] = splitPeriod(from, to, changes).map((segment) => ({
    segment,
    rates: ratesAt(input.tariffs, segment.from).rates,
    gasPerKWh: priceAt(input.prices, segment.from),
  }))

  const lines: InvoiceLine[] = [
    ...energyLines(snapshots, kWh, input.consumptionGroup),
    ...fixedLines(input, from, to),
  ]
  // Lines in the order DOMAIN.md lists them (and invoices print them); sort is stable within a component.
  lines.sort((a, b) => LINE_ORDER.indexOf(a.component) - LINE_ORDER.indexOf(b.component))
  const netCents = lines.reduce((sum, l) => sum + l.amountCents, 0)
  // VAT follows the rate in force at the end of the supply period (the tax point of a periodic supply).
  const vatPercent = ratesAt(input.tariffs, to).rates.vatPercent
  const vatCents = toCents(mul(rational(netCents, 100), mul(parseDecimal(vatPercent), rational(1, 100))))
  return {
    period: { from, to },
    energyKWh: kWh,
    consumptionGroup: input.consumptionGroup,
    lines,
    netCents,
    vatPercent,
    vatCents,
    totalCents: netCents + vatCents,
  }
}

/** Days in the supply period, for printing. */
export const periodDays = (p: { from: string; to: string }): number => daysInclusive(p.from, p.to)
