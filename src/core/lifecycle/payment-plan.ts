/**
 * Payment plan (vienošanās par parāda nomaksu pa daļām): a debt in monthly instalments that add up to it
 * to the cent, and the state of each instalment as payments arrive (oldest instalment first).
 *
 * Due dates fall on the policy's day of the month (the 20th, like invoices: one payment day a month) and,
 * where that day is not a working day, on the next working day: a transfer made on a weekend or holiday
 * reaches the retailer on the next working day, so a customer paying "on the day" is never late by the
 * calendar, and the date printed on the agreement is the date interest would count from.
 */
import { allocateByWeights } from '../billing/proration'
import {
  addDays,
  daysBetween,
  daysInMonth,
  isIsoDate,
  parseDate,
  formatDate,
  type IsoDate,
} from '../calendar/dates'
import { nextWorkingDayOnOrAfter, type CalendarOptions } from '../calendar/holidays'
import { DEFAULT_RECEIVABLES } from '../reference/receivables-default'
import type { ReceivablesDataset } from '../reference/receivables'
import { problem, type Checked, type Problem } from './problems'
import { allocatePayments, type Payment } from './receivables'

export type PlanRounding = 'cent' | 'euro'

export interface PaymentPlanInput {
  debtCents: number
  instalments: number
  agreedOn: IsoDate
  /** The first due date the customer asked for; its day of the month is kept for the later ones. */
  firstDueDate?: IsoDate
  /**
   * `cent`: equal instalments, the odd cents shared out one each (they differ by at most 1 cent);
   * `euro`: whole-euro instalments and the remainder in the last one.
   */
  rounding: PlanRounding
  dataset?: ReceivablesDataset
  calendar?: CalendarOptions
}

export interface PlanInstalment {
  no: number
  dueDate: IsoDate
  amountCents: number
}

export interface PaymentPlan {
  debtCents: number
  agreedOn: IsoDate
  rounding: PlanRounding
  instalments: PlanInstalment[]
}

/** The day `day` of the month `offset` months after date's month, clamped to the month's length. */
function nominalDue(first: IsoDate, offset: number, day: number): IsoDate {
  const p = parseDate(first)
  if (!p) throw new RangeError(`not an ISO date: ${first}`)
  const idx = p.y * 12 + (p.m - 1) + offset
  const y = Math.floor(idx / 12)
  const m = (idx % 12) + 1
  return formatDate(y, m, Math.min(day, daysInMonth(y, m)))
}

function amounts(debt: number, n: number, rounding: PlanRounding): number[] {
  if (rounding === 'cent') return allocateByWeights(debt, Array(n).fill(1))
  const each = Math.ceil(debt / n / 100) * 100
  return [...Array(n - 1).fill(each), debt - each * (n - 1)]
}

export function proposePaymentPlan(input: PaymentPlanInput): Checked<PaymentPlan> {
  const rules = (input.dataset ?? DEFAULT_RECEIVABLES).paymentPlan
  if (!isIsoDate(input.agreedOn) || (input.firstDueDate !== undefined && !isIsoDate(input.firstDueDate)))
    throw new RangeError('plan dates must be ISO calendar dates')
  const problems: Problem[] = []
  const { debtCents: debt, instalments: n } = input
  if (!Number.isSafeInteger(debt) || debt <= 0) problems.push(problem('debt-not-positive', 'debtCents'))
  if (!Number.isInteger(n) || n < rules.minInstalments || n > rules.maxInstalments)
    problems.push(
      problem('instalment-count', 'instalments', { min: rules.minInstalments, max: rules.maxInstalments }),
    )
  if (problems.length) return { ok: false, problems }

  const list = amounts(debt, n, input.rounding)
  if (list[n - 1] <= 0) problems.push(problem('euro-rounding-does-not-fit', 'rounding'))
  else if (Math.min(...list) < rules.minInstalmentCents)
    problems.push(
      problem('instalment-too-small', 'instalments', {
        min: rules.minInstalmentCents,
        maxInstalments: Math.max(1, Math.floor(debt / rules.minInstalmentCents)),
      }),
    )

  const onWorkingDay = (d: IsoDate): IsoDate =>
    rules.dueOnWorkingDays ? nextWorkingDayOnOrAfter(d, input.calendar) : d
  const earliest = addDays(input.agreedOn, rules.minDaysToFirstDue)
  const latest = addDays(input.agreedOn, rules.maxDaysToFirstDue)
  let anchor: IsoDate
  let day: number
  if (input.firstDueDate) {
    anchor = input.firstDueDate
    day = Number(input.firstDueDate.slice(8))
  } else {
    day = rules.dueDayOfMonth
    anchor = nominalDue(input.agreedOn, 0, day)
    // The first month whose (moved) due date leaves the customer the minimum time.
    while (onWorkingDay(anchor) < earliest) anchor = nominalDue(anchor, 1, day)
  }
  const first = onWorkingDay(anchor)
  if (first < earliest) problems.push(problem('first-due-too-early', 'firstDueDate', { earliest }))
  if (first > latest) problems.push(problem('first-due-too-late', 'firstDueDate', { latest }))
  if (problems.length) return { ok: false, problems }
  return {
    ok: true,
    value: {
      debtCents: debt,
      agreedOn: input.agreedOn,
      rounding: input.rounding,
      instalments: list.map((amountCents, i) => ({
        no: i + 1,
        dueDate: onWorkingDay(nominalDue(anchor, i, day)),
        amountCents,
      })),
    },
  }
}

export type InstalmentStatus = 'paid' | 'paid-late' | 'partly-paid' | 'upcoming' | 'overdue'

export interface InstalmentState extends PlanInstalment {
  paidCents: number
  openCents: number
  /** When it was paid in full; null while open. */
  paidOn: IsoDate | null
  daysOverdue: number
  status: InstalmentStatus
}

export interface PlanState {
  instalments: InstalmentState[]
  paidCents: number
  openCents: number
  /** Paid beyond the plan: a credit on the account. */
  overpaidCents: number
  /** `broken`: an instalment is overdue beyond the policy's limit, so the rest of the debt falls due. */
  status: 'active' | 'in-arrears' | 'broken' | 'completed'
}

export function paymentPlanState(
  plan: PaymentPlan,
  payments: readonly Payment[],
  today: IsoDate,
  dataset: ReceivablesDataset = DEFAULT_RECEIVABLES,
): PlanState {
  const { debits, creditCents } = allocatePayments(
    plan.instalments.map((i) => ({
      id: String(i.no).padStart(4, '0'),
      kind: 'plan-instalment' as const,
      dueDate: i.dueDate,
      amountCents: i.amountCents,
    })),
    // Plan payments are for the plan as a whole: oldest instalment first.
    payments.map((p) => ({ ...p, debitId: null })),
  )
  const instalments = plan.instalments.map((inst, k): InstalmentState => {
    const s = debits[k]
    const daysOverdue = s.openCents > 0 ? Math.max(0, daysBetween(inst.dueDate, today)) : 0
    const status: InstalmentStatus =
      s.openCents === 0
        ? (s.settledOn as IsoDate) <= inst.dueDate
          ? 'paid'
          : 'paid-late'
        : daysOverdue > 0
          ? 'overdue'
          : s.paidCents > 0
            ? 'partly-paid'
            : 'upcoming'
    return {
      ...inst,
      paidCents: s.paidCents,
      openCents: s.openCents,
      paidOn: s.settledOn,
      daysOverdue,
      status,
    }
  })
  const openCents = instalments.reduce((a, i) => a + i.openCents, 0)
  const worst = instalments.reduce((m, i) => Math.max(m, i.daysOverdue), 0)
  return {
    instalments,
    paidCents: plan.debtCents - openCents,
    openCents,
    overpaidCents: creditCents,
    status:
      openCents === 0
        ? 'completed'
        : worst >= dataset.paymentPlan.breachAfterDaysOverdue
          ? 'broken'
          : worst > 0
            ? 'in-arrears'
            : 'active',
  }
}
