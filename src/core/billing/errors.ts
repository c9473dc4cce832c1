/** Billing rule violations; `reason` is a stable key with messages under `billing.error.*` in locales. */
export const BILLING_ERROR_REASONS = [
  'period',
  'quantity',
  'no-tariff',
  'no-price',
  'load-band',
  'tariff-data',
  'history',
  'months',
  'amount',
  'sequence',
  'series',
  'epc-field',
  'plan',
] as const
export type BillingErrorReason = (typeof BILLING_ERROR_REASONS)[number]

export class BillingError extends Error {
  readonly messageKey: string
  constructor(
    readonly reason: BillingErrorReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`)
    this.messageKey = `billing.error.${reason}`
  }
}
