import { z } from 'zod'
import { ANY_AGENT, method } from '../define'
import { isoDateSchema } from '../common'

const id = z.string().min(1).max(64)
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'iso-month')
const cents = z.number().int()

export const premiseBillingSchema = z.object({
  premiseId: z.string(),
  subscriberNumber: z.string(),
  address: z.string(),
  billingType: z.enum(['invoice', 'balanced']),
  instalmentCents: cents.nullable(),
  /** Unpaid invoices and statement amounts, due or not yet due. */
  dueNowCents: cents,
  /** The part of dueNowCents whose due date has passed. */
  overdueCents: cents,
  /** Payments minus what was billed: negative the customer owes, positive an advance. */
  balanceCents: cents,
  paidLast12Cents: cents,
})
export type PremiseBilling = z.infer<typeof premiseBillingSchema>

export const invoiceSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  premiseId: z.string(),
  subscriberNumber: z.string(),
  issueDate: isoDateSchema,
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  dueDate: isoDateSchema,
  totalCents: cents,
  status: z.enum(['issued', 'paid', 'partially_paid', 'cancelled']),
  overdue: z.boolean(),
})
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>

export const statementSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  premiseId: z.string(),
  subscriberNumber: z.string(),
  issueDate: isoDateSchema,
  periodStart: isoDateSchema,
  periodEnd: isoDateSchema,
  dueDate: isoDateSchema.nullable(),
  actualCostCents: cents,
  instalmentsPaidCents: cents,
  /** cost − paid: positive owed, negative an advance. */
  balanceCents: cents,
  status: z.enum(['issued', 'settled', 'cancelled']),
})
export type StatementSummary = z.infer<typeof statementSummarySchema>

export const paymentSchema = z.object({
  id: z.string(),
  premiseId: z.string().nullable(),
  invoiceId: z.string().nullable(),
  amountCents: cents,
  paidOn: isoDateSchema,
  reference: z.string(),
  method: z.enum(['bank_transfer', 'portal', 'cash', 'direct_debit', 'other']),
})
export type Payment = z.infer<typeof paymentSchema>

const readingUsed = z.object({
  value: z.number().int(),
  date: isoDateSchema,
  status: z.enum(['actual', 'estimated']),
})

export const invoiceDetailSchema = invoiceSummarySchema.extend({
  netCents: cents,
  vatCents: cents,
  balanceForwardCents: cents,
  product: z.string(),
  calorificValue: z.string(),
  volumeM3: z.number().int(),
  energyKWh: z.number().int(),
  meter: z.object({ serial: z.string(), meteringPointId: z.string() }).nullable(),
  readings: z.object({ start: readingUsed, end: readingUsed }).nullable(),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      kind: z.string(),
      descriptionKey: z.string(),
      quantityMilli: z.number().int(),
      unit: z.string(),
      unitPriceMicrocents: z.number().int(),
      netCents: cents,
      vatRateBp: z.number().int(),
      vatCents: cents,
    }),
  ),
})
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>

export const statementDetailSchema = statementSummarySchema.extend({
  nextInstalmentCents: cents.nullable(),
  months: z.array(
    z.object({
      month: monthSchema,
      volumeM3: z.number().int(),
      kWh: z.number().int(),
      costCents: cents,
      instalmentCents: cents,
      estimated: z.boolean(),
    }),
  ),
})
export type StatementDetail = z.infer<typeof statementDetailSchema>

export const seriesPointSchema = z.object({
  month: monthSchema,
  volumeM3: z.number().int(),
  kWh: z.number().int(),
  costCents: cents,
  estimated: z.boolean(),
})
export type SeriesPoint = z.infer<typeof seriesPointSchema>

export const printKinds = ['invoice', 'statement'] as const
/** preview: shown on screen; print: sent to a printer; save: saved as a file. All are audited. */
export const printPurposes = ['preview', 'print', 'save'] as const

const scope = z.object({ customerId: id, premiseId: id.optional() }).strict()

export const billingMethods = {
  /** Per premise of a customer: amount due now, overdue, balance, instalment. */
  'billing.account': method({
    access: ANY_AGENT,
    input: scope,
    output: z.object({ today: isoDateSchema, premises: z.array(premiseBillingSchema) }),
  }),
  /** Invoices and statements, newest first, and payments received. */
  'billing.documents': method({
    access: ANY_AGENT,
    input: scope,
    output: z.object({
      invoices: z.array(invoiceSummarySchema),
      statements: z.array(statementSummarySchema),
      payments: z.array(paymentSchema),
    }),
  }),
  'billing.invoice': method({
    access: ANY_AGENT,
    input: z.object({ id }).strict(),
    output: invoiceDetailSchema,
  }),
  'billing.statement': method({
    access: ANY_AGENT,
    input: z.object({ id }).strict(),
    output: statementDetailSchema,
  }),
  /** Consumption and cost month by month for a premise (chart). */
  'billing.series': method({
    access: ANY_AGENT,
    input: z.object({ premiseId: id }).strict(),
    output: z.object({ points: z.array(seriesPointSchema) }),
  }),
  /**
   * The PDF of an invoice or statement, base64 in the envelope (a few tens of kB), audited with the
   * purpose. The Electron shell shows the print or save dialog for it; the browser opens it in a tab.
   */
  'billing.print': method({
    access: ANY_AGENT,
    input: z.object({ kind: z.enum(printKinds), id, purpose: z.enum(printPurposes) }).strict(),
    output: z.object({ filename: z.string(), mime: z.literal('application/pdf'), base64: z.string() }),
  }),
  /** An invoice or statement by its printed number (the desk's reprint lookup). */
  'billing.find': method({
    access: ANY_AGENT,
    input: z.object({ number: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({
      match: z.object({ kind: z.enum(printKinds), id: z.string(), customerId: z.string() }).nullable(),
    }),
  }),
  /** Documents of a month (optionally one street or only balanced-payment premises), for batch printing. */
  'billing.batchList': method({
    access: ANY_AGENT,
    input: z
      .object({
        kind: z.enum(printKinds),
        month: monthSchema,
        street: z.string().max(120).optional(),
        city: z.string().max(80).optional(),
      })
      .strict(),
    output: z.object({ ids: z.array(z.string()) }),
  }),
} as const
