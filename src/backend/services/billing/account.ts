import type {
  InvoiceDetail,
  InvoiceSummary,
  Payment,
  PremiseBilling,
  SeriesPoint,
  StatementDetail,
  StatementSummary,
} from '../../../contract'
import type { Db } from '../../db/open'
import { addressLine } from '../../../core/customers/display'
import { parseDetails } from './print-data'
import type { InvoiceRow, StatementRow, WithSubscriber } from './rows'

interface PremiseRow {
  id: string
  subscriber_number: string
  street: string
  house: string
  apartment: string | null
  city: string
  postal_code: string
  billing_type: 'invoice' | 'balanced'
  monthly_instalment_cents: number | null
}

const yearBefore = (today: string): string => `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`

/** Amount due now, overdue amount and balance per premise of a customer, as of `today` (Riga). */
export function premiseBilling(
  db: Db,
  customerId: string,
  today: string,
  premiseId?: string,
): PremiseBilling[] {
  const premises = db
    .prepare(
      `SELECT id, subscriber_number, street, house, apartment, city, postal_code, billing_type, monthly_instalment_cents
       FROM premises WHERE customer_id = ? ${premiseId ? 'AND id = ?' : ''} ORDER BY subscriber_number`,
    )
    .all(...(premiseId ? [customerId, premiseId] : [customerId])) as PremiseRow[]
  const unpaid = db.prepare(
    `SELECT coalesce(sum(total_cents), 0) AS due,
            coalesce(sum(CASE WHEN due_date < ? THEN total_cents ELSE 0 END), 0) AS overdue
     FROM invoices WHERE premise_id = ? AND status IN ('issued', 'partially_paid')`,
  )
  const statementDue = db.prepare(
    `SELECT coalesce(sum(balance_cents), 0) AS due,
            coalesce(sum(CASE WHEN due_date < ? THEN balance_cents ELSE 0 END), 0) AS overdue
     FROM statements WHERE premise_id = ? AND status = 'issued' AND balance_cents > 0`,
  )
  const latestAdvance = db.prepare(
    `SELECT balance_cents FROM statements WHERE premise_id = ? ORDER BY period_end DESC LIMIT 1`,
  )
  const paid = db.prepare(
    `SELECT coalesce(sum(amount_cents), 0) AS n FROM payments WHERE premise_id = ? AND paid_on >= ?`,
  )
  return premises.map((p) => {
    const inv = unpaid.get(today, p.id) as { due: number; overdue: number }
    const st = statementDue.get(today, p.id) as { due: number; overdue: number }
    const last = latestAdvance.get(p.id) as { balance_cents: number } | undefined
    const advance = last && last.balance_cents < 0 ? -last.balance_cents : 0
    const dueNow = inv.due + st.due
    return {
      premiseId: p.id,
      subscriberNumber: p.subscriber_number,
      address: addressLine(
        { street: p.street, house: p.house, apartment: p.apartment, town: p.city, postalCode: p.postal_code },
        'full',
      ),
      billingType: p.billing_type,
      instalmentCents: p.monthly_instalment_cents,
      dueNowCents: dueNow,
      overdueCents: inv.overdue + st.overdue,
      balanceCents: advance - dueNow,
      paidLast12Cents: (paid.get(p.id, yearBefore(today)) as { n: number }).n,
    }
  })
}

const invoiceSummary = (r: WithSubscriber<InvoiceRow>, today: string): InvoiceSummary => ({
  id: r.id,
  number: r.number,
  premiseId: r.premise_id,
  subscriberNumber: r.subscriber_number,
  issueDate: r.issue_date,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  dueDate: r.due_date,
  totalCents: r.total_cents,
  status: r.status,
  overdue: (r.status === 'issued' || r.status === 'partially_paid') && r.due_date < today,
})

const statementSummary = (r: WithSubscriber<StatementRow>): StatementSummary => ({
  id: r.id,
  number: r.number,
  premiseId: r.premise_id,
  subscriberNumber: r.subscriber_number,
  issueDate: r.issue_date,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  dueDate: r.due_date,
  actualCostCents: r.actual_cost_cents,
  instalmentsPaidCents: r.instalments_paid_cents,
  balanceCents: r.balance_cents,
  status: r.status,
})

export function billingDocuments(
  db: Db,
  customerId: string,
  today: string,
  premiseId?: string,
): { invoices: InvoiceSummary[]; statements: StatementSummary[]; payments: Payment[] } {
  const filter = premiseId ? 'AND d.premise_id = ?' : ''
  const args = premiseId ? [customerId, premiseId] : [customerId]
  const invoices = db
    .prepare(
      `SELECT d.*, p.subscriber_number FROM invoices d JOIN premises p ON p.id = d.premise_id
       WHERE d.customer_id = ? ${filter} ORDER BY d.period_end DESC, d.number DESC`,
    )
    .all(...args) as WithSubscriber<InvoiceRow>[]
  const statements = db
    .prepare(
      `SELECT d.*, p.subscriber_number FROM statements d JOIN premises p ON p.id = d.premise_id
       WHERE d.customer_id = ? ${filter} ORDER BY d.period_end DESC`,
    )
    .all(...args) as WithSubscriber<StatementRow>[]
  const payments = db
    .prepare(
      `SELECT id, premise_id, invoice_id, amount_cents, paid_on, reference, method FROM payments d
       WHERE d.customer_id = ? ${filter} ORDER BY paid_on DESC, id DESC`,
    )
    .all(...args) as Array<{
    id: string
    premise_id: string | null
    invoice_id: string | null
    amount_cents: number
    paid_on: string
    reference: string
    method: Payment['method']
  }>
  return {
    invoices: invoices.map((r) => invoiceSummary(r, today)),
    statements: statements.map(statementSummary),
    payments: payments.map((r) => ({
      id: r.id,
      premiseId: r.premise_id,
      invoiceId: r.invoice_id,
      amountCents: r.amount_cents,
      paidOn: r.paid_on,
      reference: r.reference,
      method: r.method,
    })),
  }
}

export function invoiceDetail(db: Db, id: string, today: string): InvoiceDetail | null {
  const r = db
    .prepare(
      `SELECT d.*, p.subscriber_number FROM invoices d JOIN premises p ON p.id = d.premise_id WHERE d.id = ?`,
    )
    .get(id) as WithSubscriber<InvoiceRow> | undefined
  if (!r) return null
  const d = parseDetails(r.details)
  const lines = db
    .prepare('SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY line_no')
    .all(id) as Array<Record<string, number | string>>
  return {
    ...invoiceSummary(r, today),
    netCents: r.net_cents,
    vatCents: r.vat_cents,
    balanceForwardCents: d.balanceForwardCents ?? 0,
    product: d.product ?? '',
    calorificValue: d.calorificValue ?? '',
    volumeM3: d.volumeM3 ?? 0,
    energyKWh: d.kWh ?? 0,
    meter: d.meter ?? null,
    readings: d.readings ?? null,
    lines: lines.map((l) => ({
      lineNo: Number(l.line_no),
      kind: String(l.kind),
      descriptionKey: String(l.description_key),
      quantityMilli: Number(l.quantity_milli),
      unit: String(l.unit),
      unitPriceMicrocents: Number(l.unit_price_microcents),
      netCents: Number(l.net_cents),
      vatRateBp: Number(l.vat_rate_bp),
      vatCents: Number(l.vat_cents),
    })),
  }
}

export function statementDetail(db: Db, id: string): StatementDetail | null {
  const r = db
    .prepare(
      `SELECT d.*, p.subscriber_number FROM statements d JOIN premises p ON p.id = d.premise_id WHERE d.id = ?`,
    )
    .get(id) as WithSubscriber<StatementRow> | undefined
  if (!r) return null
  const months = db
    .prepare('SELECT * FROM statement_lines WHERE statement_id = ? ORDER BY month')
    .all(id) as Array<{
    month: string
    consumption_m3: number
    kwh: number
    cost_cents: number
    instalment_cents: number
    estimated: number
  }>
  return {
    ...statementSummary(r),
    nextInstalmentCents: r.next_instalment_cents,
    months: months.map((m) => ({
      month: m.month,
      volumeM3: m.consumption_m3,
      kWh: m.kwh,
      costCents: m.cost_cents,
      instalmentCents: m.instalment_cents,
      estimated: m.estimated === 1,
    })),
  }
}

/** Consumption and cost per month for a premise: from invoices, or from statement months (balanced). */
export function consumptionSeries(db: Db, premiseId: string): SeriesPoint[] {
  const points = new Map<string, SeriesPoint>()
  const invoices = db
    .prepare(
      `SELECT period_end, total_cents, details FROM invoices WHERE premise_id = ? AND status <> 'cancelled'`,
    )
    .all(premiseId) as Array<{ period_end: string; total_cents: number; details: string | null }>
  for (const i of invoices) {
    const d = parseDetails(i.details)
    const month = i.period_end.slice(0, 7)
    points.set(month, {
      month,
      volumeM3: d.volumeM3 ?? 0,
      kWh: d.kWh ?? 0,
      costCents: i.total_cents,
      estimated: d.readings?.end.status === 'estimated' || d.readings?.start.status === 'estimated',
    })
  }
  const months = db
    .prepare(
      `SELECT l.month, l.consumption_m3, l.kwh, l.cost_cents, l.estimated FROM statement_lines l
       JOIN statements s ON s.id = l.statement_id WHERE s.premise_id = ? AND s.status <> 'cancelled'`,
    )
    .all(premiseId) as Array<{
    month: string
    consumption_m3: number
    kwh: number
    cost_cents: number
    estimated: number
  }>
  for (const m of months)
    points.set(m.month, {
      month: m.month,
      volumeM3: m.consumption_m3,
      kWh: m.kwh,
      costCents: m.cost_cents,
      estimated: m.estimated === 1,
    })
  return [...points.values()].sort((a, b) => a.month.localeCompare(b.month))
}
