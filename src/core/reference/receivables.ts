/**
 * Receivables policy as a versioned reference dataset (JSON-safe), like the calendar: reminder levels with
 * their day and amount thresholds, the age buckets of overdue amounts, the limits of a payment plan and of
 * a refund. The central system sends newer versions; `datasetInForce` picks the one in force on a date.
 */
import { isIsoDate, type IsoDate } from '../calendar/dates'
import {
  checkArray,
  checkString,
  isInt,
  isRec,
  type DatasetCheck,
  type DatasetIssue,
  type Rec,
} from './calendar'

export const RECEIVABLES_DATASET_KIND = 'gasdesk.receivables.lv'

export interface ReminderLevel {
  /** 1, 2, 3 … in ascending order; 0 means no reminder and is not listed. */
  level: number
  /** Locale key suffix: `receivables.reminder.<key>`. */
  key: string
  /** Reached when the oldest overdue item is at least this many days past its due date … */
  minDaysOverdue: number
  /** … and the overdue total is at least this much (no letters about a few cents). */
  minOverdueCents: number
}

/** Days past due, both ends inclusive; `maxDays: null` is open-ended. Buckets start at 1 and touch. */
export interface AgeBucket {
  key: string
  minDays: number
  maxDays: number | null
}

export interface PaymentPlanRules {
  minInstalments: number
  maxInstalments: number
  /** No instalment smaller than this (a small debt gets fewer instalments). */
  minInstalmentCents: number
  /** Instalments fall due on this day of the month (clamped to the month’s length) … */
  dueDayOfMonth: number
  /** … moved to the next working day when that day is not one. */
  dueOnWorkingDays: boolean
  /** The first instalment falls due between these many days after the agreement. */
  minDaysToFirstDue: number
  maxDaysToFirstDue: number
  /** An instalment this many days overdue breaks the plan (the rest of the debt falls due). */
  breachAfterDaysOverdue: number
}

export interface RefundRules {
  /** Smaller credits stay on the account as an advance. */
  minRefundCents: number
  /** SEPA limit for the account holder's name. */
  maxHolderNameLength: number
}

export interface ReceivablesDataset {
  kind: typeof RECEIVABLES_DATASET_KIND
  version: string
  effectiveFrom: IsoDate
  reminderLevels: ReminderLevel[]
  ageBuckets: AgeBucket[]
  paymentPlan: PaymentPlanRules
  refund: RefundRules
  source: string
  notes?: string
}

const PLAN_FIELDS: ReadonlyArray<[keyof PaymentPlanRules, number, number]> = [
  ['minInstalments', 1, 120],
  ['maxInstalments', 1, 120],
  ['minInstalmentCents', 0, 10_000_000],
  ['dueDayOfMonth', 1, 31],
  ['minDaysToFirstDue', 0, 366],
  ['maxDaysToFirstDue', 0, 366],
  ['breachAfterDaysOverdue', 1, 366],
]

function intIn(o: Rec, field: string, path: string, min: number, max: number, issues: DatasetIssue[]): void {
  const v = o[field]
  const where = path ? `${path}.${field}` : field
  if (v === undefined) issues.push({ path: where, code: 'missing' })
  else if (!isInt(v)) issues.push({ path: where, code: 'wrong-type' })
  else if (v < min || v > max) issues.push({ path: where, code: 'out-of-range' })
}

/** Shape and consistency of a receivables dataset from an untrusted source; every problem is reported. */
export function validateReceivablesDataset(input: unknown): DatasetCheck<ReceivablesDataset> {
  const issues: DatasetIssue[] = []
  if (!isRec(input)) return { ok: false, issues: [{ path: '', code: 'not-object' }] }
  if (input.kind !== RECEIVABLES_DATASET_KIND) issues.push({ path: 'kind', code: 'wrong-kind' })
  checkString(input, 'version', '', issues)
  checkString(input, 'source', '', issues)
  if (!isIsoDate(input.effectiveFrom)) issues.push({ path: 'effectiveFrom', code: 'bad-date' })

  let previous: Rec | null = null
  checkArray(input, 'reminderLevels', issues, (v, path) => {
    intIn(v, 'level', path, 1, 9, issues)
    checkString(v, 'key', path, issues)
    intIn(v, 'minDaysOverdue', path, 1, 3650, issues)
    intIn(v, 'minOverdueCents', path, 0, 100_000_000, issues)
    // A higher level is never reached before a lower one.
    if (previous)
      for (const f of ['level', 'minDaysOverdue'] as const)
        if (isInt(previous[f]) && isInt(v[f]) && !(v[f] > previous[f]))
          issues.push({ path: `${path}.${f}`, code: 'not-ascending' })
    if (previous && isInt(previous.minOverdueCents) && isInt(v.minOverdueCents))
      if (v.minOverdueCents < previous.minOverdueCents)
        issues.push({ path: `${path}.minOverdueCents`, code: 'not-ascending' })
    previous = v
  })

  let expectedMin = 1
  let open = false
  checkArray(input, 'ageBuckets', issues, (v, path) => {
    checkString(v, 'key', path, issues)
    if (open) issues.push({ path, code: 'out-of-range' })
    if (v.minDays !== expectedMin) issues.push({ path: `${path}.minDays`, code: 'not-ascending' })
    if (v.maxDays === null) open = true
    else if (!isInt(v.maxDays) || !isInt(v.minDays) || v.maxDays < v.minDays)
      issues.push({ path: `${path}.maxDays`, code: 'wrong-type' })
    else expectedMin = v.maxDays + 1
  })
  if (Array.isArray(input.ageBuckets) && !open) issues.push({ path: 'ageBuckets', code: 'missing' })

  if (!isRec(input.paymentPlan)) issues.push({ path: 'paymentPlan', code: 'missing' })
  else {
    const p = input.paymentPlan
    for (const [f, min, max] of PLAN_FIELDS) intIn(p, f, 'paymentPlan', min, max, issues)
    if (typeof p.dueOnWorkingDays !== 'boolean')
      issues.push({ path: 'paymentPlan.dueOnWorkingDays', code: 'wrong-type' })
    if (isInt(p.minInstalments) && isInt(p.maxInstalments) && p.maxInstalments < p.minInstalments)
      issues.push({ path: 'paymentPlan.maxInstalments', code: 'not-ascending' })
    if (isInt(p.minDaysToFirstDue) && isInt(p.maxDaysToFirstDue) && p.maxDaysToFirstDue < p.minDaysToFirstDue)
      issues.push({ path: 'paymentPlan.maxDaysToFirstDue', code: 'not-ascending' })
  }
  if (!isRec(input.refund)) issues.push({ path: 'refund', code: 'missing' })
  else {
    intIn(input.refund, 'minRefundCents', 'refund', 1, 100_000_000, issues)
    intIn(input.refund, 'maxHolderNameLength', 'refund', 1, 140, issues)
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: input as unknown as ReceivablesDataset }
}
