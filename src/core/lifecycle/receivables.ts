/**
 * Receivables of one customer: what is open, how old, which reminder level it has reached and how much
 * late interest has accrued to date. Payments settle the debit they name (the invoice's reference) and
 * otherwise the oldest debit first (earliest due date), which is also how payment-plan instalments are
 * settled. Pure over rows: the caller passes the debits and payments it has.
 */
import { DEFAULT_PAYMENT_RULES, type PaymentRules } from '../billing/default-tariffs'
import { daysLate, lateInterestCents } from '../billing/due'
import { isIsoDate, type IsoDate } from '../calendar/dates'
import { DEFAULT_RECEIVABLES } from '../reference/receivables-default'
import type { ReceivablesDataset } from '../reference/receivables'

export type DebitKind = 'invoice' | 'statement' | 'interest' | 'plan-instalment' | 'other'

export interface Debit {
  id: string
  kind: DebitKind
  dueDate: IsoDate
  amountCents: number
  /** Default: every kind but `interest` (no interest on interest). */
  accruesInterest?: boolean
  /** Taken over by an active payment plan: its instalments are the receivables now. */
  inPlan?: boolean
}

export interface Payment {
  id: string
  date: IsoDate
  amountCents: number
  /** The debit the payment names; anything beyond it goes oldest-first. */
  debitId?: string | null
}

export interface Allocation {
  paymentId: string
  date: IsoDate
  amountCents: number
}

export interface DebitState {
  debit: Debit
  allocations: Allocation[]
  paidCents: number
  openCents: number
  /** The day the last cent was paid; null while open. */
  settledOn: IsoDate | null
}

export interface AllocationResult {
  debits: DebitState[]
  /** Payments beyond every debit: a credit balance. */
  creditCents: number
}

const byDueDate = (a: Debit, b: Debit): number =>
  a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

function assertRows(debits: readonly Debit[], payments: readonly Payment[]): void {
  for (const d of debits)
    if (!isIsoDate(d.dueDate) || !Number.isSafeInteger(d.amountCents) || d.amountCents <= 0)
      throw new RangeError(`debit ${d.id}: due date and a positive amount in cents are required`)
  for (const p of payments)
    if (!isIsoDate(p.date) || !Number.isSafeInteger(p.amountCents) || p.amountCents <= 0)
      throw new RangeError(`payment ${p.id}: date and a positive amount in cents are required`)
}

/** Settles debits with payments in date order: the named debit first, then the oldest open one. */
export function allocatePayments(debits: readonly Debit[], payments: readonly Payment[]): AllocationResult {
  assertRows(debits, payments)
  const states: DebitState[] = [...debits]
    .sort(byDueDate)
    .map((debit) => ({ debit, allocations: [], paidCents: 0, openCents: debit.amountCents, settledOn: null }))
  const byId = new Map(states.map((s) => [s.debit.id, s]))
  let creditCents = 0
  const ordered = [...payments].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1,
  )
  for (const p of ordered) {
    let left = p.amountCents
    const pay = (s: DebitState): void => {
      const take = Math.min(left, s.openCents)
      if (take === 0) return
      s.allocations.push({ paymentId: p.id, date: p.date, amountCents: take })
      s.paidCents += take
      s.openCents -= take
      if (s.openCents === 0) s.settledOn = p.date
      left -= take
    }
    const named = p.debitId ? byId.get(p.debitId) : undefined
    if (named) pay(named)
    // Debits a plan took over are paid through its instalments, never oldest-first.
    for (const s of states) {
      if (left === 0) break
      if (!s.debit.inPlan) pay(s)
    }
    creditCents += left
  }
  return { debits: states, creditCents }
}

/**
 * Late interest on one debit up to `today`: each paid piece for the days it was late, the open rest for
 * the days until today — the pieces billing/due's lateInterestCents is defined on.
 */
export function interestToDate(
  state: DebitState,
  today: IsoDate,
  rules: PaymentRules = DEFAULT_PAYMENT_RULES,
): number {
  const d = state.debit
  if (!(d.accruesInterest ?? d.kind !== 'interest') || d.inPlan) return 0
  let cents = 0
  for (const a of state.allocations) cents += lateInterestCents(a.amountCents, d.dueDate, a.date, rules)
  if (state.openCents > 0) cents += lateInterestCents(state.openCents, d.dueDate, today, rules)
  return cents
}

export interface ReceivableItem {
  id: string
  kind: DebitKind
  dueDate: IsoDate
  amountCents: number
  paidCents: number
  openCents: number
  /** Days past the due date today (0 when not yet due or settled). */
  daysOverdue: number
  /** The age bucket key while overdue, else null. */
  bucket: string | null
  interestCents: number
  inPlan: boolean
}

export interface ReceivablesOverview {
  items: ReceivableItem[]
  /** Open and past due, not in a plan. */
  overdueCents: number
  /** Open, not yet due, not in a plan. */
  notDueCents: number
  /** Open and taken over by a payment plan. */
  inPlanCents: number
  creditCents: number
  buckets: Array<{ key: string; minDays: number; maxDays: number | null; cents: number; count: number }>
  reminder: { level: number; key: string | null; oldestDaysOverdue: number }
  interestToDateCents: number
}

export function receivablesOverview(input: {
  debits: readonly Debit[]
  payments: readonly Payment[]
  today: IsoDate
  dataset?: ReceivablesDataset
  rules?: PaymentRules
}): ReceivablesOverview {
  const ds = input.dataset ?? DEFAULT_RECEIVABLES
  const { debits, creditCents } = allocatePayments(input.debits, input.payments)
  const bucketOf = (days: number) =>
    ds.ageBuckets.find((b) => days >= b.minDays && (b.maxDays === null || days <= b.maxDays)) ?? null
  const items: ReceivableItem[] = debits.map((s) => {
    const daysOverdue = s.openCents > 0 ? daysLate(s.debit.dueDate, input.today) : 0
    return {
      id: s.debit.id,
      kind: s.debit.kind,
      dueDate: s.debit.dueDate,
      amountCents: s.debit.amountCents,
      paidCents: s.paidCents,
      openCents: s.openCents,
      daysOverdue,
      bucket: daysOverdue > 0 && !s.debit.inPlan ? (bucketOf(daysOverdue)?.key ?? null) : null,
      interestCents: interestToDate(s, input.today, input.rules),
      inPlan: s.debit.inPlan ?? false,
    }
  })
  const overdue = items.filter((i) => i.openCents > 0 && i.daysOverdue > 0 && !i.inPlan)
  const overdueCents = overdue.reduce((s, i) => s + i.openCents, 0)
  const oldest = overdue.reduce((m, i) => Math.max(m, i.daysOverdue), 0)
  let reminder: ReceivablesOverview['reminder'] = { level: 0, key: null, oldestDaysOverdue: oldest }
  for (const l of ds.reminderLevels)
    if (oldest >= l.minDaysOverdue && overdueCents >= l.minOverdueCents)
      reminder = { level: l.level, key: l.key, oldestDaysOverdue: oldest }
  return {
    items,
    overdueCents,
    notDueCents: items
      .filter((i) => i.openCents > 0 && i.daysOverdue === 0 && !i.inPlan)
      .reduce((s, i) => s + i.openCents, 0),
    inPlanCents: items.filter((i) => i.inPlan).reduce((s, i) => s + i.openCents, 0),
    creditCents,
    buckets: ds.ageBuckets.map((b) => {
      const inBucket = overdue.filter((i) => i.bucket === b.key)
      return { ...b, cents: inBucket.reduce((s, i) => s + i.openCents, 0), count: inBucket.length }
    }),
    reminder,
    interestToDateCents: items.reduce((s, i) => s + i.interestCents, 0),
  }
}
