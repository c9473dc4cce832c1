import {
  mul,
  parseDecimal,
  rational,
  roundToInteger,
  type InvoiceCalculation,
  type InvoiceLine,
} from '../../../core/billing'

/** An invoice line as invoice_lines stores it (see migration 002 for the units). */
export interface StoredLine {
  lineNo: number
  kind: 'gas' | 'transmission_exit' | 'distribution_variable' | 'distribution_fixed' | 'excise'
  descriptionKey: string
  quantityMilli: number
  unit: 'kWh' | 'month'
  unitPriceMicrocents: number
  netCents: number
  vatRateBp: number
  vatCents: number
  from: string
  to: string
}

const KIND: Record<InvoiceLine['component'], StoredLine['kind']> = {
  gas: 'gas',
  transmissionExit: 'transmission_exit',
  distributionVariable: 'distribution_variable',
  distributionFixed: 'distribution_fixed',
  excise: 'excise',
}

/** EUR decimal string -> integer micro-cents (10^8 per EUR), exact for every published rate. */
export const toMicrocents = (eur: string): number =>
  Number(roundToInteger(mul(parseDecimal(eur), rational(100_000_000))))

/**
 * The lines of a computed invoice in stored form. VAT is computed once on the net (core/billing); here it
 * is shared out over the lines by largest remainder so the lines' VAT adds up to the invoice's exactly.
 */
export function toStoredLines(calc: InvoiceCalculation): StoredLine[] {
  const vatRateBp = Number(roundToInteger(mul(parseDecimal(calc.vatPercent), rational(100))))
  const net = calc.netCents
  const shares = calc.lines.map((l) => (net === 0 ? 0 : (l.amountCents * calc.vatCents) / net))
  const floors = shares.map(Math.floor)
  let rest = calc.vatCents - floors.reduce((a, b) => a + b, 0)
  const order = shares
    .map((s, i) => [s - Math.floor(s), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (rest <= 0) break
    floors[i] += 1
    rest -= 1
  }
  return calc.lines.map((l, i) => ({
    lineNo: i + 1,
    kind: KIND[l.component],
    descriptionKey: `billing.line.${l.component}`,
    quantityMilli: l.kind === 'energy' ? l.kWh * 1000 : Math.round((l.days * 1000) / l.daysInMonth),
    unit: l.kind === 'energy' ? 'kWh' : 'month',
    unitPriceMicrocents: toMicrocents(l.kind === 'energy' ? l.unitPricePerKWh : l.perMonth),
    netCents: l.amountCents,
    vatRateBp,
    vatCents: floors[i],
    from: l.from,
    to: l.to,
  }))
}
