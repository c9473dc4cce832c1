import type { InvoiceSummary, StatementSummary } from '../../../contract/methods/billing'

/** A row of `invoices` as `SELECT *` returns it (schema: db/migrations/002-domain.ts). */
export interface InvoiceRow {
  id: string
  number: string
  premise_id: string
  customer_id: string
  issue_date: string
  period_start: string
  period_end: string
  due_date: string
  net_cents: number
  vat_cents: number
  total_cents: number
  status: InvoiceSummary['status']
  details: string | null
}

/** A row of `statements` as `SELECT *` returns it. */
export interface StatementRow {
  id: string
  number: string
  premise_id: string
  customer_id: string
  issue_date: string
  period_start: string
  period_end: string
  due_date: string | null
  actual_cost_cents: number
  instalments_paid_cents: number
  balance_cents: number
  next_instalment_cents: number | null
  status: StatementSummary['status']
  details: string | null
}

/** The desk's lists join the premise for its subscriber number. */
export type WithSubscriber<R> = R & { subscriber_number: string }
