/**
 * The working-day calendar as a versioned reference dataset (JSON-safe). The desk ships a built-in
 * default (calendar-default.ts); the sync work replaces it with versions from the central system, so a
 * received dataset is checked with `validateCalendarDataset` before use. Dates are ISO `YYYY-MM-DD`.
 */
import { isIsoDate, parseDate, weekday, type IsoDate } from '../calendar/dates'

export const CALENDAR_DATASET_KIND = 'gasdesk.calendar.lv'

export interface FixedHoliday {
  /** Stable key; the name is `calendar.holiday.<key>` in locales. */
  key: string
  month: number
  day: number
  /** First date the law made this a holiday (inclusive); absent = always. */
  from?: IsoDate
  /** Last date it was a holiday (inclusive); absent = still in force. */
  until?: IsoDate
}

export interface EasterHoliday {
  key: string
  /** Days from Easter Sunday: -2 Good Friday, 0 Easter Sunday, 1 Easter Monday. */
  offsetDays: number
}

/** "If <holiday> falls on a Saturday or Sunday, the next working day is a holiday." */
export interface WeekendTransferRule {
  /** A fixed-holiday key, or `festivalClosingDay`. */
  holiday: string
  from?: IsoDate
  until?: IsoDate
}

export interface DatedHoliday {
  date: IsoDate
  key: string
  note?: string
}

/** A Cabinet-order swap: `dayOff` (a weekday) is worked instead on `workedSaturday`. */
export interface MovedWorkingDay {
  year: number
  dayOff: IsoDate
  workedSaturday: IsoDate
}

export interface CalendarDataset {
  kind: typeof CALENDAR_DATASET_KIND
  /** Monotonic version label, e.g. `2025.2`; compared by `effectiveFrom`, shown to agents. */
  version: string
  /** The date from which this version is in force (a newer version replaces it from its own date). */
  effectiveFrom: IsoDate
  fixedHolidays: FixedHoliday[]
  easterHolidays: EasterHoliday[]
  weekendTransferRules: WeekendTransferRule[]
  festivalClosingDays: DatedHoliday[]
  oneOffHolidays: DatedHoliday[]
  movedWorkingDays: MovedWorkingDay[]
  /** Years for which the Cabinet-moved days are known (published each summer for the next year). */
  movedWorkingDaysKnownThrough: number
  source: string
  notes?: string
}

export const FESTIVAL_CLOSING_DAY = 'festivalClosingDay'

export interface DatasetIssue {
  /** JSON path of the offending value, e.g. `movedWorkingDays[1].workedSaturday`. */
  path: string
  code:
    | 'not-object'
    | 'missing'
    | 'wrong-type'
    | 'bad-date'
    | 'bad-month-day'
    | 'not-saturday'
    | 'not-weekday'
    | 'year-mismatch'
    | 'unknown-holiday'
    | 'duplicate'
    | 'wrong-kind'
    | 'out-of-range'
    | 'not-ascending'
}

export type DatasetCheck<T> = { ok: true; value: T } | { ok: false; issues: DatasetIssue[] }

export type Rec = Record<string, unknown>
const at = (path: string, field: string): string => (path ? `${path}.${field}` : field)
export const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v)
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function checkOptionalDate(o: Rec, field: string, path: string, issues: DatasetIssue[]): void {
  if (o[field] !== undefined && !isIsoDate(o[field])) issues.push({ path: at(path, field), code: 'bad-date' })
}

export function checkString(o: Rec, field: string, path: string, issues: DatasetIssue[]): void {
  if (o[field] === undefined) issues.push({ path: at(path, field), code: 'missing' })
  else if (typeof o[field] !== 'string' || o[field] === '')
    issues.push({ path: at(path, field), code: 'wrong-type' })
}

export function checkArray(
  o: Rec,
  field: string,
  issues: DatasetIssue[],
  each: (v: Rec, path: string) => void,
): void {
  const list = o[field]
  if (list === undefined) return void issues.push({ path: field, code: 'missing' })
  if (!Array.isArray(list)) return void issues.push({ path: field, code: 'wrong-type' })
  list.forEach((v, i) => {
    const path = `${field}[${i}]`
    if (!isRec(v)) issues.push({ path, code: 'not-object' })
    else each(v, path)
  })
}

function checkDatedHoliday(v: Rec, path: string, issues: DatasetIssue[]): void {
  checkString(v, 'key', path, issues)
  if (!isIsoDate(v.date)) issues.push({ path: `${path}.date`, code: 'bad-date' })
}

/**
 * Checks the shape and the internal consistency of a calendar dataset from an untrusted source.
 * Core imports no schema library, hence this explicit walk; every problem is reported, not just the first.
 */
export function validateCalendarDataset(input: unknown): DatasetCheck<CalendarDataset> {
  const issues: DatasetIssue[] = []
  if (!isRec(input)) return { ok: false, issues: [{ path: '', code: 'not-object' }] }
  if (input.kind !== CALENDAR_DATASET_KIND) issues.push({ path: 'kind', code: 'wrong-kind' })
  checkString(input, 'version', '', issues)
  checkString(input, 'source', '', issues)
  if (input.notes !== undefined && typeof input.notes !== 'string')
    issues.push({ path: 'notes', code: 'wrong-type' })
  if (!isIsoDate(input.effectiveFrom)) issues.push({ path: 'effectiveFrom', code: 'bad-date' })
  if (!isInt(input.movedWorkingDaysKnownThrough))
    issues.push({ path: 'movedWorkingDaysKnownThrough', code: 'wrong-type' })

  const fixedKeys = new Set<string>()
  checkArray(input, 'fixedHolidays', issues, (v, path) => {
    checkString(v, 'key', path, issues)
    if (typeof v.key === 'string') fixedKeys.add(v.key)
    // 29 Feb is refused: a yearly holiday must exist every year.
    const ok =
      isInt(v.month) &&
      isInt(v.day) &&
      parseDate(`2001-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`)
    if (!ok) issues.push({ path, code: 'bad-month-day' })
    checkOptionalDate(v, 'from', path, issues)
    checkOptionalDate(v, 'until', path, issues)
  })
  checkArray(input, 'easterHolidays', issues, (v, path) => {
    checkString(v, 'key', path, issues)
    if (!isInt(v.offsetDays) || Math.abs(v.offsetDays) > 60)
      issues.push({ path: `${path}.offsetDays`, code: 'wrong-type' })
  })
  checkArray(input, 'weekendTransferRules', issues, (v, path) => {
    if (typeof v.holiday !== 'string') issues.push({ path: `${path}.holiday`, code: 'wrong-type' })
    else if (v.holiday !== FESTIVAL_CLOSING_DAY && !fixedKeys.has(v.holiday))
      issues.push({ path: `${path}.holiday`, code: 'unknown-holiday' })
    checkOptionalDate(v, 'from', path, issues)
    checkOptionalDate(v, 'until', path, issues)
  })
  checkArray(input, 'festivalClosingDays', issues, (v, path) => checkDatedHoliday(v, path, issues))
  checkArray(input, 'oneOffHolidays', issues, (v, path) => checkDatedHoliday(v, path, issues))

  const seen = new Set<string>()
  checkArray(input, 'movedWorkingDays', issues, (v, path) => {
    if (!isInt(v.year)) issues.push({ path: `${path}.year`, code: 'wrong-type' })
    for (const field of ['dayOff', 'workedSaturday'] as const) {
      const date = v[field]
      if (!isIsoDate(date)) {
        issues.push({ path: `${path}.${field}`, code: 'bad-date' })
        continue
      }
      if (isInt(v.year) && Number(date.slice(0, 4)) !== v.year)
        issues.push({ path: `${path}.${field}`, code: 'year-mismatch' })
      if (seen.has(date)) issues.push({ path: `${path}.${field}`, code: 'duplicate' })
      seen.add(date)
    }
    if (isIsoDate(v.workedSaturday) && weekday(v.workedSaturday) !== 6)
      issues.push({ path: `${path}.workedSaturday`, code: 'not-saturday' })
    if (isIsoDate(v.dayOff) && [0, 6].includes(weekday(v.dayOff)))
      issues.push({ path: `${path}.dayOff`, code: 'not-weekday' })
  })

  return issues.length ? { ok: false, issues } : { ok: true, value: input as unknown as CalendarDataset }
}

/** The version in force on `date`: the latest `effectiveFrom` not after it (null if none yet). */
export function datasetInForce<T extends { effectiveFrom: IsoDate }>(
  versions: readonly T[],
  date: IsoDate,
): T | null {
  let best: T | null = null
  for (const v of versions)
    if (v.effectiveFrom <= date && (!best || v.effectiveFrom > best.effectiveFrom)) best = v
  return best
}
