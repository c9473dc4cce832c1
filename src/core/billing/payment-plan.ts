import { addMonths, daysInIsoMonth, isIsoDate, monthOf, type IsoDate } from '../calendar/dates'
import { nextWorkingDayOnOrAfter } from '../calendar/holidays'
import { BillingError } from './errors'

/**
 * A payment plan (vienošanās par maksājumu grafiku): a debt split into monthly instalments that add up
 * to it to the cent. All instalments but the last are the same round amount (whole euros once they are at
 * least 10 EUR: what customers and their banks' standing orders prefer); the last takes the rest.
 * Each falls on the same day of the month as the first (the month's last day where it is shorter),
 * moved to the next Latvian working day.
 */
export const PLAN_LIMITS = { minInstalments: 2, maxInstalments: 24, minInstalmentCents: 500 } as const

export interface PlanRequest {
  debtCents: number
  instalments: number
  /** The first due date; on or after `today`. */
  firstDue: IsoDate
  today: IsoDate
}

export interface PlannedInstalment {
  /** 1-based. */
  n: number
  due: IsoDate
  amountCents: number
}

const refuse = (detail: string): never => {
  throw new BillingError('plan', detail)
}

/** The `n`-th month's due day: the first due's day of month, or that month's last day. */
function nominalDue(firstDue: IsoDate, monthsLater: number): IsoDate {
  const month = addMonths(monthOf(firstDue), monthsLater)
  const day = Math.min(Number(firstDue.slice(8, 10)), daysInIsoMonth(month))
  return `${month}-${String(day).padStart(2, '0')}`
}

export function planInstalments(req: PlanRequest): PlannedInstalment[] {
  const { debtCents, instalments: count, firstDue, today } = req
  if (!Number.isSafeInteger(debtCents) || debtCents <= 0) refuse(`debt must be whole cents > 0: ${debtCents}`)
  if (!Number.isInteger(count) || count < PLAN_LIMITS.minInstalments || count > PLAN_LIMITS.maxInstalments)
    refuse(`instalments must be ${PLAN_LIMITS.minInstalments}–${PLAN_LIMITS.maxInstalments}: ${count}`)
  if (!isIsoDate(firstDue) || !isIsoDate(today)) refuse('dates must be ISO calendar dates')
  if (firstDue < today) refuse(`the first instalment is due ${firstDue}, before today ${today}`)
  if (debtCents < count * PLAN_LIMITS.minInstalmentCents)
    refuse(`${count} instalments of ${debtCents} cents would each be under ${PLAN_LIMITS.minInstalmentCents}`)
  const even = Math.floor(debtCents / count)
  const base = even >= 1000 ? Math.floor(even / 100) * 100 : even
  return Array.from({ length: count }, (_, i) => ({
    n: i + 1,
    due: nextWorkingDayOnOrAfter(nominalDue(firstDue, i)),
    amountCents: i < count - 1 ? base : debtCents - base * (count - 1),
  }))
}

export interface PlanPayment {
  on: IsoDate
  amountCents: number
}

export type InstalmentStatus = 'paid' | 'part-paid' | 'due' | 'overdue'

export interface InstalmentState extends PlannedInstalment {
  paidCents: number
  remainingCents: number
  status: InstalmentStatus
  /** When the instalment was paid in full. */
  paidOn: IsoDate | null
}

export interface PlanState {
  instalments: InstalmentState[]
  paidCents: number
  remainingCents: number
  /** Paid beyond the plan: a credit for the customer's account. */
  overpaidCents: number
  /** The first instalment not paid in full, or null when the plan is settled. */
  next: InstalmentState | null
}

/**
 * Where a plan stands as payments arrive: each payment, in date order, pays the oldest instalment not
 * yet paid in full (partly, or several at once). Unpaid after its due date is overdue.
 */
export function planStatus(
  plan: readonly PlannedInstalment[],
  payments: readonly PlanPayment[],
  today: IsoDate,
): PlanState {
  if (!isIsoDate(today)) refuse('today must be an ISO calendar date')
  for (const p of payments) {
    if (!isIsoDate(p.on)) refuse(`payment date ${String(p.on)}`)
    if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0)
      refuse(`payment must be whole cents > 0: ${p.amountCents}`)
  }
  const states: InstalmentState[] = plan.map((i) => ({
    ...i,
    paidCents: 0,
    remainingCents: i.amountCents,
    status: 'due',
    paidOn: null,
  }))
  let overpaid = 0
  let k = 0
  for (const p of [...payments].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    let left = p.amountCents
    while (left > 0 && k < states.length) {
      const s = states[k]
      const take = Math.min(left, s.remainingCents)
      s.paidCents += take
      s.remainingCents -= take
      left -= take
      if (s.remainingCents === 0) {
        s.paidOn = p.on
        k++
      }
    }
    overpaid += left
  }
  for (const s of states) {
    s.status =
      s.remainingCents === 0 ? 'paid' : today > s.due ? 'overdue' : s.paidCents > 0 ? 'part-paid' : 'due'
  }
  const paid = states.reduce((a, s) => a + s.paidCents, 0)
  const remaining = states.reduce((a, s) => a + s.remainingCents, 0)
  return {
    instalments: states,
    paidCents: paid,
    remainingCents: remaining,
    overpaidCents: overpaid,
    next: states.find((s) => s.remainingCents > 0) ?? null,
  }
}
