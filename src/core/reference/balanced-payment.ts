/**
 * Balanced-payment policy as a versioned reference dataset: how the instalment is derived from history,
 * how it is rounded, the review period and the readings it requires (DOMAIN.md "Billing types").
 */
import { isIsoDate, parseDate, type IsoDate } from '../calendar/dates'
import { checkArray, checkString, isInt, isRec, type DatasetCheck, type DatasetIssue } from './calendar'

export const BALANCED_DATASET_KIND = 'gasdesk.balanced.lv'

export interface BalancedPaymentDataset {
  kind: typeof BALANCED_DATASET_KIND
  version: string
  effectiveFrom: IsoDate
  /** The instalment averages at most this many of the latest months. */
  historyMonths: number
  /** With fewer months of history there is no computed instalment: the agent agrees an amount. */
  minHistoryMonths: number
  /** The average is rounded UP to a multiple of this (100 = whole euros; 1 = no extra rounding). */
  roundUpToCents: number
  /** Length of a review period; the statement closes it. */
  reviewPeriodMonths: number
  /** A first period shorter than this runs on to the review month of the following year. */
  minFirstReviewMonths: number
  /** Readings required inside every review period besides its last day (DOMAIN.md: 30 June, 31 Dec). */
  requiredReadingDays: Array<{ month: number; day: number }>
  /** Cooking-only premises read once a year, at the end of the review period only. */
  cookingOnlyReadsYearly: boolean
  source: string
}

const INT_FIELDS: ReadonlyArray<[keyof BalancedPaymentDataset, number, number]> = [
  // At most 12: billing/balanced monthlyInstalment averages the last 12 months.
  ['historyMonths', 1, 12],
  ['minHistoryMonths', 1, 12],
  ['roundUpToCents', 1, 10_000],
  ['reviewPeriodMonths', 1, 24],
  ['minFirstReviewMonths', 1, 24],
]

export function validateBalancedPaymentDataset(input: unknown): DatasetCheck<BalancedPaymentDataset> {
  const issues: DatasetIssue[] = []
  if (!isRec(input)) return { ok: false, issues: [{ path: '', code: 'not-object' }] }
  if (input.kind !== BALANCED_DATASET_KIND) issues.push({ path: 'kind', code: 'wrong-kind' })
  checkString(input, 'version', '', issues)
  checkString(input, 'source', '', issues)
  if (!isIsoDate(input.effectiveFrom)) issues.push({ path: 'effectiveFrom', code: 'bad-date' })
  for (const [f, min, max] of INT_FIELDS) {
    const v = input[f]
    if (!isInt(v)) issues.push({ path: f, code: v === undefined ? 'missing' : 'wrong-type' })
    else if (v < min || v > max) issues.push({ path: f, code: 'out-of-range' })
  }
  if (
    isInt(input.minHistoryMonths) &&
    isInt(input.historyMonths) &&
    input.minHistoryMonths > input.historyMonths
  )
    issues.push({ path: 'minHistoryMonths', code: 'out-of-range' })
  if (typeof input.cookingOnlyReadsYearly !== 'boolean')
    issues.push({ path: 'cookingOnlyReadsYearly', code: 'wrong-type' })
  checkArray(input, 'requiredReadingDays', issues, (v, path) => {
    // A day that exists every year (no 29 February).
    const ok =
      isInt(v.month) &&
      isInt(v.day) &&
      parseDate(`2001-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`)
    if (!ok) issues.push({ path, code: 'bad-month-day' })
  })
  return issues.length
    ? { ok: false, issues }
    : { ok: true, value: input as unknown as BalancedPaymentDataset }
}
