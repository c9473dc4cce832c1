import { RECEIVABLES_DATASET_KIND, type ReceivablesDataset } from './receivables'

/**
 * Built-in receivables policy, used until the central system sends the retailer's own. The numbers are
 * the desk's defaults, not quoted from law or from the retailer's terms: marked unverified in `source`.
 */
export const DEFAULT_RECEIVABLES: ReceivablesDataset = {
  kind: RECEIVABLES_DATASET_KIND,
  version: '2026.1-defaults',
  effectiveFrom: '2018-01-01',
  reminderLevels: [
    // Atgādinājums: a friendly note once the 20th has clearly passed.
    { level: 1, key: 'reminder', minDaysOverdue: 5, minOverdueCents: 500 },
    // Brīdinājums: the next invoice is due too and the first one is still open.
    { level: 2, key: 'warning', minDaysOverdue: 20, minOverdueCents: 500 },
    // Paziņojums par piegādes pārtraukšanu: about two supply months unpaid.
    { level: 3, key: 'disconnectionNotice', minDaysOverdue: 45, minOverdueCents: 3000 },
  ],
  ageBuckets: [
    { key: 'd1to30', minDays: 1, maxDays: 30 },
    { key: 'd31to60', minDays: 31, maxDays: 60 },
    { key: 'd61to90', minDays: 61, maxDays: 90 },
    { key: 'd91plus', minDays: 91, maxDays: null },
  ],
  paymentPlan: {
    minInstalments: 2,
    maxInstalments: 12,
    minInstalmentCents: 1000,
    // The same day as invoices (DOMAIN.md: the 20th), so a household has one payment day a month.
    dueDayOfMonth: 20,
    dueOnWorkingDays: true,
    minDaysToFirstDue: 7,
    maxDaysToFirstDue: 45,
    breachAfterDaysOverdue: 30,
  },
  refund: { minRefundCents: 100, maxHolderNameLength: 70 },
  source: 'GasDesk built-in defaults (unverified policy placeholders; replace from the central system)',
}
