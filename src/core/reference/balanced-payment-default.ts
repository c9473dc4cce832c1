import { BALANCED_DATASET_KIND, type BalancedPaymentDataset } from './balanced-payment'

/**
 * Built-in balanced-payment policy. The reading days are DOMAIN.md's; the history length follows the
 * existing core rule (the last 12 months); rounding up to whole euros is the desk's default so that the
 * period usually ends in a small advance rather than a small debt.
 */
export const DEFAULT_BALANCED_PAYMENT: BalancedPaymentDataset = {
  kind: BALANCED_DATASET_KIND,
  version: '2026.1-defaults',
  effectiveFrom: '2018-01-01',
  historyMonths: 12,
  minHistoryMonths: 3,
  roundUpToCents: 100,
  reviewPeriodMonths: 12,
  minFirstReviewMonths: 6,
  requiredReadingDays: [
    { month: 6, day: 30 },
    { month: 12, day: 31 },
  ],
  cookingOnlyReadsYearly: true,
  source: 'DOMAIN.md (reading days); GasDesk defaults for rounding and period lengths (unverified)',
}
