/**
 * Follow-up due-date policy as a versioned reference dataset: how many working days an agent has to come
 * back to a customer, by interaction topic, and how far ahead a follow-up may be set.
 */
import { isIsoDate, type IsoDate } from '../calendar/dates'
import { checkString, isInt, isRec, type DatasetCheck, type DatasetIssue } from './calendar'

export const FOLLOW_UP_DATASET_KIND = 'gasdesk.followups.lv'

export interface FollowUpDataset {
  kind: typeof FOLLOW_UP_DATASET_KIND
  version: string
  effectiveFrom: IsoDate
  /** Working days from the interaction to the default due date, by topic (lifecycle/interactions). */
  workingDaysByTopic: Record<string, number>
  /** For a topic not listed. */
  defaultWorkingDays: number
  /** A due date further ahead than this many working days is refused: a follow-up is not a diary. */
  maxWorkingDaysAhead: number
  source: string
}

export function validateFollowUpDataset(input: unknown): DatasetCheck<FollowUpDataset> {
  const issues: DatasetIssue[] = []
  if (!isRec(input)) return { ok: false, issues: [{ path: '', code: 'not-object' }] }
  if (input.kind !== FOLLOW_UP_DATASET_KIND) issues.push({ path: 'kind', code: 'wrong-kind' })
  checkString(input, 'version', '', issues)
  checkString(input, 'source', '', issues)
  if (!isIsoDate(input.effectiveFrom)) issues.push({ path: 'effectiveFrom', code: 'bad-date' })
  const max = input.maxWorkingDaysAhead
  if (!isInt(max) || max < 1 || max > 260) issues.push({ path: 'maxWorkingDaysAhead', code: 'out-of-range' })
  const limit = isInt(max) ? max : 260
  const days = (v: unknown, path: string): void => {
    if (!isInt(v)) issues.push({ path, code: 'wrong-type' })
    else if (v < 0 || v > limit) issues.push({ path, code: 'out-of-range' })
  }
  days(input.defaultWorkingDays, 'defaultWorkingDays')
  if (!isRec(input.workingDaysByTopic)) issues.push({ path: 'workingDaysByTopic', code: 'wrong-type' })
  else
    for (const [topic, v] of Object.entries(input.workingDaysByTopic)) days(v, `workingDaysByTopic.${topic}`)
  return issues.length ? { ok: false, issues } : { ok: true, value: input as unknown as FollowUpDataset }
}
