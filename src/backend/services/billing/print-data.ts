import { addressLine, customerDisplayName } from '../../../core/customers/display'
import { DEFAULT_PAYMENT_RULES } from '../../../core/billing'
import type { Db } from '../../db/open'
import { customerAddress, type CustomerRow } from '../customers/rows'
import type { InvoiceRow, StatementRow } from './rows'
import type {
  DocLanguage,
  InvoicePrint,
  PrintCustomer,
  PrintInvoiceLine,
  PrintPremise,
  PrintReading,
  StatementPrint,
} from '../../documents'

interface PremiseRow {
  id: string
  subscriber_number: string
  contract_number: string | null
  street: string
  house: string
  apartment: string | null
  city: string
  postal_code: string
}

function printCustomer(db: Db, customerId: string): { customer: PrintCustomer; language: DocLanguage } {
  const c = db.prepare('SELECT * FROM customers WHERE id = ?').get(customerId) as CustomerRow | undefined
  if (!c) throw new Error(`customer ${customerId} not found`)
  const code = c.personal_code
  return {
    language: c.preferred_language,
    customer: {
      name: customerDisplayName(c),
      address: customerAddress(c) ?? '',
      customerNumber: c.customer_number,
      // A private buyer's personal code only when the customer asked for it (VAT law, DOMAIN.md).
      personalCode:
        code && c.show_personal_code_on_invoice === 1 ? `${code.slice(0, 6)}-${code.slice(6)}` : null,
      registrationNo: c.kind === 'business' ? c.registration_no : null,
      vatNo: c.vat_no,
    },
  }
}

function printPremise(db: Db, premiseId: string): PrintPremise {
  const p = db.prepare('SELECT * FROM premises WHERE id = ?').get(premiseId) as PremiseRow
  return {
    address: addressLine(
      { street: p.street, house: p.house, apartment: p.apartment, town: p.city, postalCode: p.postal_code },
      'full',
    ),
    subscriberNumber: p.subscriber_number,
    contractNumber: p.contract_number,
  }
}

export interface InvoiceDetails {
  product?: string
  calorificValue?: string
  volumeM3?: number
  kWh?: number
  meter?: { serial: string; meteringPointId: string }
  readings?: { start: PrintReading; end: PrintReading } | null
  balanceForwardCents?: number
  /** Each line's period, in line order; absent when every line spans the invoice period. */
  lines?: Array<{ from: string; to: string }>
}

export const parseDetails = (json: string | null): InvoiceDetails =>
  json ? (JSON.parse(json) as InvoiceDetails) : {}

/** The stored invoice as printed: every figure from the invoice rows, never recomputed or renumbered. */
export function invoicePrintData(db: Db, where: { id?: string; number?: string }): InvoicePrint | null {
  const row = (
    where.id
      ? db.prepare('SELECT * FROM invoices WHERE id = ?').get(where.id)
      : db.prepare('SELECT * FROM invoices WHERE number = ?').get(where.number)
  ) as InvoiceRow | undefined
  if (!row) return null
  const d = parseDetails(row.details)
  const lines = db
    .prepare('SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY line_no')
    .all(row.id) as Array<{
    line_no: number
    kind: PrintInvoiceLine['kind']
    description_key: string
    quantity_milli: number
    unit: PrintInvoiceLine['unit']
    unit_price_microcents: number
    net_cents: number
    vat_rate_bp: number
    vat_cents: number
  }>
  const { customer, language } = printCustomer(db, row.customer_id)
  return {
    language,
    number: row.number,
    issueDate: row.issue_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    product: d.product ?? '',
    customer,
    premise: printPremise(db, row.premise_id),
    meter: d.meter ?? null,
    readings: d.readings ?? null,
    volumeM3: d.volumeM3 ?? 0,
    calorificValue: d.calorificValue ?? '',
    energyKWh: d.kWh ?? 0,
    lines: lines.map((l, i) => ({
      kind: l.kind,
      descriptionKey: l.description_key,
      // Without `lines` in the details every line spans the invoice period.
      from: d.lines ? (d.lines[i]?.from ?? null) : row.period_start,
      to: d.lines ? (d.lines[i]?.to ?? null) : row.period_end,
      quantityMilli: l.quantity_milli,
      unit: l.unit,
      unitPriceMicrocents: l.unit_price_microcents,
      netCents: l.net_cents,
      vatRateBp: l.vat_rate_bp,
      vatCents: l.vat_cents,
    })),
    netCents: row.net_cents,
    vatCents: row.vat_cents,
    totalCents: row.total_cents,
    balanceForwardCents: d.balanceForwardCents ?? 0,
    lateInterestPerDay: DEFAULT_PAYMENT_RULES.lateInterestPerDay,
  }
}

export function statementPrintData(db: Db, where: { id?: string; number?: string }): StatementPrint | null {
  const row = (
    where.id
      ? db.prepare('SELECT * FROM statements WHERE id = ?').get(where.id)
      : db.prepare('SELECT * FROM statements WHERE number = ?').get(where.number)
  ) as StatementRow | undefined
  if (!row) return null
  const lines = db
    .prepare('SELECT * FROM statement_lines WHERE statement_id = ? ORDER BY month')
    .all(row.id) as Array<{
    month: string
    consumption_m3: number
    kwh: number
    cost_cents: number
    instalment_cents: number
    paid_cents: number | null
    estimated: number
  }>
  const paid = paidPerMonth(
    lines.map((l) => ({ instalmentCents: l.instalment_cents, paidCents: l.paid_cents })),
    row.instalments_paid_cents,
  )
  const months = lines.map((m, i) => ({
    month: m.month,
    volumeM3: m.consumption_m3,
    kWh: m.kwh,
    costCents: m.cost_cents,
    instalmentCents: m.instalment_cents,
    paidCents: paid[i],
    estimated: m.estimated === 1,
  }))
  // A statement whose months do not add up to its stored totals must not be printed as if they did.
  const cost = months.reduce((a, m) => a + m.costCents, 0)
  const paidTotal = months.reduce((a, m) => a + m.paidCents, 0)
  if (cost !== row.actual_cost_cents || paidTotal !== row.instalments_paid_cents)
    throw new Error(
      `statement ${row.number}: months give cost ${cost} and paid ${paidTotal}, ` +
        `the statement ${row.actual_cost_cents} and ${row.instalments_paid_cents}`,
    )
  const { customer, language } = printCustomer(db, row.customer_id)
  const d = parseDetails(row.details)
  return {
    language,
    number: row.number,
    issueDate: row.issue_date,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    dueDate: row.due_date,
    customer,
    premise: printPremise(db, row.premise_id),
    meter: d.meter ?? null,
    months,
    nextInstalmentCents: row.next_instalment_cents,
    lateInterestPerDay: DEFAULT_PAYMENT_RULES.lateInterestPerDay,
  }
}

/**
 * What was paid towards each month. Statements cached before payments were kept per month (NULL) have
 * only their total paid: it is applied to the instalments oldest first, any excess to the last month.
 */
export function paidPerMonth(
  months: ReadonlyArray<{ instalmentCents: number; paidCents: number | null }>,
  totalPaidCents: number,
): number[] {
  if (months.every((m) => m.paidCents !== null)) return months.map((m) => m.paidCents!)
  let left = totalPaidCents
  const out = months.map((m) => {
    const applied = Math.min(m.instalmentCents, Math.max(0, left))
    left -= applied
    return applied
  })
  if (out.length > 0 && left > 0) out[out.length - 1] += left
  return out
}
