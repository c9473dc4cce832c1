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

/** A batch: the invoices of a supply month, or the statements whose period ends in it; optionally one street. */
export const batchSelectionSchema = z.object({
  kind: z.enum(printKinds),
  month: monthSchema,
  street: z.string().max(120).optional(),
  city: z.string().max(80).optional(),
})
export type BatchSelectionInput = z.infer<typeof batchSelectionSchema>
export const batchDestinations = ['download', 'file', 'folder'] as const

/** Progress of a batch print job (event `billing.batch`, sent to the session that started it). */
export const batchProgressSchema = z.object({
  jobId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
})
export type BatchProgress = z.infer<typeof batchProgressSchema>

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
    output: z.object({
      filename: z.string(),
      /** The printed number, for the tab's title ("Rēķins Nr. …" in the agent's language). */
      number: z.string(),
      mime: z.literal('application/pdf'),
      base64: z.string(),
    }),
  }),
  /** An invoice or statement by its printed number (the desk's reprint lookup). */
  'billing.find': method({
    access: ANY_AGENT,
    input: z.object({ number: z.string().trim().min(1).max(40) }).strict(),
    output: z.object({
      match: z.object({ kind: z.enum(printKinds), id: z.string(), customerId: z.string() }).nullable(),
    }),
  }),
  /**
   * Electron only: the system print dialog (printer choice, copies) for an invoice or statement. Audited
   * when printed. The browser shell has no such dialog: it opens `billing.print` output in a tab instead.
   */
  'billing.printDialog': method({
    access: ANY_AGENT,
    input: z.object({ kind: z.enum(printKinds), id }).strict(),
    output: z.object({ outcome: z.enum(['printed', 'cancelled', 'failed']) }),
  }),
  /** Electron only: "Save as PDF" with a save dialog; the backend writes the file. Audited when saved. */
  'billing.saveAs': method({
    access: ANY_AGENT,
    input: z.object({ kind: z.enum(printKinds), id }).strict(),
    output: z.object({ file: z.string().nullable() }),
  }),
  /**
   * Starts printing a selection in the background; progress comes as `billing.batch` events and the
   * job stops between documents on `billing.batchCancel`. Destinations: 'download' (browser shell: one
   * combined PDF, fetched with `billing.batchRead` when done), 'file' (Electron: one combined PDF where
   * the save dialog says), 'folder' (Electron: one file each in the chosen folder). `jobId` is null when
   * the agent cancelled the dialog; `total` 0 when the selection is empty (nothing runs).
   */
  'billing.batchStart': method({
    access: ANY_AGENT,
    input: batchSelectionSchema.extend({ destination: z.enum(batchDestinations) }).strict(),
    output: z.object({ jobId: z.string().nullable(), total: z.number().int().nonnegative() }),
  }),
  'billing.batchCancel': method({
    access: ANY_AGENT,
    input: z.object({ jobId: id }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  /**
   * A finished 'download' job's PDF, one slice at a time (memory stays flat on the backend whatever the
   * batch size). `nextOffset` is null after the last slice; the file is then deleted.
   */
  'billing.batchRead': method({
    access: ANY_AGENT,
    input: z.object({ jobId: id, offset: z.number().int().nonnegative() }).strict(),
    output: z.object({
      filename: z.string(),
      size: z.number().int().nonnegative(),
      base64: z.string(),
      nextOffset: z.number().int().nullable(),
    }),
  }),
  /**
   * The cost of `kWh` on a meter's premise as one month's invoice at the current tariffs (VAT included),
   * for the reading entry's live estimate. `estimate` is null when the meter has no tariff to price with.
   */
  'billing.estimate': method({
    access: ANY_AGENT,
    passive: true,
    input: z
      .object({ meterId: id, kWh: z.number().int().min(0).max(10_000_000), date: isoDateSchema })
      .strict(),
    output: z.object({
      estimate: z
        .object({
          period: z.object({ from: isoDateSchema, to: isoDateSchema }),
          netCents: cents,
          vatCents: cents,
          totalCents: cents,
        })
        .nullable(),
    }),
  }),
  /** Documents of a month (optionally one street or only balanced-payment premises), for batch printing. */
  'billing.batchList': method({
    access: ANY_AGENT,
    input: batchSelectionSchema.strict(),
    output: z.object({ ids: z.array(z.string()) }),
  }),
} as const
