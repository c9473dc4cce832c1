import { mul, parseDecimal, rational, toCents } from './decimal'
import { addMonths, dayNumber, isIsoDate, isIsoMonth } from '../calendar/dates'
import { DEFAULT_PAYMENT_RULES, type PaymentRules } from './default-tariffs'
import { BillingError } from './errors'

/** Payment for a supply month is due on the rules’ day (the 20th) of the following month. */
export function paymentDueDate(supplyMonth: string, rules: PaymentRules = DEFAULT_PAYMENT_RULES): string {
  if (!isIsoMonth(supplyMonth)) throw new BillingError('period', `not a month: ${supplyMonth}`)
  return `${addMonths(supplyMonth, 1)}-${String(rules.dueDayOfNextMonth).padStart(2, '0')}`
}

/** Whole days after the due date until payment (paying on the due date is on time). */
export function daysLate(dueDate: string, paidOn: string): number {
  if (!isIsoDate(dueDate) || !isIsoDate(paidOn))
    throw new BillingError('period', 'dates must be ISO calendar dates')
  return Math.max(0, dayNumber(paidOn) - dayNumber(dueDate))
}

/**
 * Late-payment interest: amount x daily rate (0.15 %) x days late, rounded to cents once. Computed on
 * the amount that was overdue for those days; callers split partial payments into such pieces.
 */
export function lateInterestCents(
  amountCents: number,
  dueDate: string,
  paidOn: string,
  rules: PaymentRules = DEFAULT_PAYMENT_RULES,
): number {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0)
    throw new BillingError('amount', `overdue amount must be whole cents ≥ 0: ${amountCents}`)
  const days = daysLate(dueDate, paidOn)
  return toCents(mul(mul(rational(amountCents, 100), parseDecimal(rules.lateInterestPerDay)), rational(days)))
}
