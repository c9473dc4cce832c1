import { rational, toCents } from './decimal'
import { addMonths, isIsoMonth } from '../calendar/dates'
import { DEFAULT_PAYMENT_RULES, type PaymentRules } from './default-tariffs'
import { paymentDueDate } from './due'
import { BillingError } from './errors'

/**
 * Balanced payment (izlīdzinātais maksājums): the same amount every month, from the average cost of the
 * last 12 months (fewer for a new premise), or an amount agreed with the customer.
 */
export type InstalmentBasis = { agreedCents: number } | { monthlyCostsCents: readonly number[] }

export interface Instalment {
  instalmentCents: number
  basis: 'agreed' | 'history'
  monthsUsed: number
}

const wholeCents = (v: number, what: string): void => {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new BillingError('amount', `${what} must be whole cents ≥ 0: ${v}`)
}

export function monthlyInstalment(basis: InstalmentBasis): Instalment {
  if ('agreedCents' in basis) {
    wholeCents(basis.agreedCents, 'agreed amount')
    return { instalmentCents: basis.agreedCents, basis: 'agreed', monthsUsed: 0 }
  }
  const last12 = basis.monthlyCostsCents.slice(-12)
  if (last12.length === 0)
    throw new BillingError('history', 'no monthly costs to average; agree an amount instead')
  last12.forEach((c) => wholeCents(c, 'monthly cost'))
  const sum = last12.reduce((a, b) => a + b, 0)
  return {
    instalmentCents: toCents(rational(sum, 100 * last12.length)),
    basis: 'history',
    monthsUsed: last12.length,
  }
}

export interface StatementMonthInput {
  month: string
  /** Actual (or estimated) cost of the month’s supply incl. VAT. */
  costCents: number
  /** The instalment billed for the month. */
  instalmentCents: number
  /** What the customer paid towards the month. */
  paidCents: number
}

export interface StatementMonth extends StatementMonthInput {
  /** paid - cost: positive when the customer paid more than the month cost. */
  differenceCents: number
  /** Running sum of differences up to and including this month. */
  runningBalanceCents: number
}

export interface Statement {
  from: string
  to: string
  months: StatementMonth[]
  totalCostCents: number
  totalInstalmentsCents: number
  totalPaidCents: number
  /** paid - cost over the period. */
  balanceCents: number
  /** An overpayment, carried as an advance. */
  advanceCents: number
  /** An underpayment, due by `dueDate`. */
  dueCents: number
  dueDate: string | null
}

/**
 * The period statement (pārskats) for one premise: actual cost month by month against instalments paid.
 * It ends in either an advance or an amount due (never both), the latter due on the 20th of the month
 * after the period’s last month.
 */
export function buildStatement(
  monthsInput: readonly StatementMonthInput[],
  rules: PaymentRules = DEFAULT_PAYMENT_RULES,
): Statement {
  if (monthsInput.length === 0) throw new BillingError('months', 'a statement needs at least one month')
  monthsInput.forEach((m, i) => {
    if (!isIsoMonth(m.month)) throw new BillingError('months', `not a month: ${m.month}`)
    if (i > 0 && m.month !== addMonths(monthsInput[i - 1].month, 1))
      throw new BillingError(
        'months',
        `months must be consecutive: ${monthsInput[i - 1].month} then ${m.month}`,
      )
    wholeCents(m.costCents, 'cost')
    wholeCents(m.instalmentCents, 'instalment')
    wholeCents(m.paidCents, 'payment')
  })
  let running = 0
  const months = monthsInput.map((m) => {
    const differenceCents = m.paidCents - m.costCents
    running += differenceCents
    return { ...m, differenceCents, runningBalanceCents: running }
  })
  const sum = (f: (m: StatementMonthInput) => number) => monthsInput.reduce((a, m) => a + f(m), 0)
  const totalCostCents = sum((m) => m.costCents)
  const totalPaidCents = sum((m) => m.paidCents)
  const balanceCents = totalPaidCents - totalCostCents
  const last = monthsInput[monthsInput.length - 1].month
  return {
    from: monthsInput[0].month,
    to: last,
    months,
    totalCostCents,
    totalInstalmentsCents: sum((m) => m.instalmentCents),
    totalPaidCents,
    balanceCents,
    advanceCents: Math.max(0, balanceCents),
    dueCents: Math.max(0, -balanceCents),
    dueDate: balanceCents < 0 ? paymentDueDate(last, rules) : null,
  }
}
