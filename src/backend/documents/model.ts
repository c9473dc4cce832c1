import type { DocLanguage } from './labels'

/** What a printed invoice or statement shows about the buyer. */
export interface PrintCustomer {
  name: string
  address: string
  customerNumber: string
  /** Only when the customer asked for it on invoices (DOMAIN.md); null otherwise. */
  personalCode: string | null
  registrationNo: string | null
  vatNo: string | null
}

export interface PrintPremise {
  address: string
  subscriberNumber: string
  contractNumber: string | null
}

export interface PrintReading {
  value: number
  date: string
  status: 'actual' | 'estimated'
}

export interface PrintInvoiceLine {
  kind: 'gas' | 'transmission_exit' | 'distribution_variable' | 'distribution_fixed' | 'excise' | 'adjustment'
  descriptionKey: string
  from: string | null
  to: string | null
  quantityMilli: number
  unit: 'kWh' | 'MWh' | 'm3' | 'month' | 'pcs'
  unitPriceMicrocents: number
  netCents: number
  vatRateBp: number
  vatCents: number
}

/** Everything an invoice print needs, assembled from the database (or built by tests). */
export interface InvoicePrint {
  language: DocLanguage
  number: string
  issueDate: string
  periodStart: string
  periodEnd: string
  dueDate: string
  product: string
  customer: PrintCustomer
  premise: PrintPremise
  meter: { serial: string; meteringPointId: string } | null
  readings: { start: PrintReading; end: PrintReading } | null
  volumeM3: number
  calorificValue: string
  energyKWh: number
  lines: PrintInvoiceLine[]
  netCents: number
  vatCents: number
  totalCents: number
  /** What was owed (+) or in credit (−) before this invoice. */
  balanceForwardCents: number
  lateInterestPerDay: string
}

export interface PrintStatementMonth {
  month: string
  volumeM3: number
  kWh: number
  /** Actual (or estimated) cost of the month's supply incl. VAT. */
  costCents: number
  /** The instalment scheduled for the month. */
  instalmentCents: number
  /** What the customer actually paid towards the month. */
  paidCents: number
  estimated: boolean
}

/**
 * A balanced-payment statement as printed. Its totals, running difference and the amount due or
 * credited are not carried here: the page derives them from the months with the core's buildStatement,
 * so every figure on it follows from the rows it shows.
 */
export interface StatementPrint {
  language: DocLanguage
  number: string
  issueDate: string
  periodStart: string
  periodEnd: string
  dueDate: string | null
  customer: PrintCustomer
  premise: PrintPremise
  meter: { serial: string; meteringPointId: string } | null
  months: PrintStatementMonth[]
  nextInstalmentCents: number | null
  lateInterestPerDay: string
}
