import { addDays, isWeekend, parseDate, formatDate, yearOf, weekday, type IsoDate } from './dates'
import { easterSunday } from './easter'
import { FESTIVAL_CLOSING_DAY, type CalendarDataset } from '../reference/calendar'
import { DEFAULT_CALENDAR } from '../reference/calendar-default'

export type HolidayKind = 'fixed' | 'easter' | 'festival' | 'one-off' | 'transfer'

export interface Holiday {
  date: IsoDate
  /** Locale key suffix: `calendar.holiday.<key>`; for transfers the key of the holiday that moved. */
  key: string
  kind: HolidayKind
}

export interface DayInfo {
  date: IsoDate
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number
  weekend: boolean
  holidays: Holiday[]
  /** A weekday given off by Cabinet order (worked instead on a Saturday). */
  movedDayOff: boolean
  /** A Saturday worked by Cabinet order. */
  workedSaturday: boolean
}

export interface CalendarOptions {
  calendar?: CalendarDataset
  /**
   * Count Cabinet-moved days off as non-working (default true, DOMAIN.md). Worked Saturdays never make a
   * working day here: for the reading window that would only close it earlier than the law's own calendar.
   */
  honourMovedWorkingDays?: boolean
}

const inForce = (date: IsoDate, from?: IsoDate, until?: IsoDate): boolean =>
  (!from || date >= from) && (!until || date <= until)

interface YearTable {
  holidays: Map<IsoDate, Holiday[]>
  movedOff: Set<IsoDate>
  workedSaturdays: Set<IsoDate>
}

// Holiday tables are derived per (dataset, year) and reused: the CLI and the tests walk whole years.
const cache = new WeakMap<CalendarDataset, Map<number, YearTable>>()

function statutory(year: number, cal: CalendarDataset): Map<IsoDate, Holiday[]> {
  const out = new Map<IsoDate, Holiday[]>()
  const add = (h: Holiday): void => {
    const list = out.get(h.date)
    if (list) list.push(h)
    else out.set(h.date, [h])
  }
  for (const f of cal.fixedHolidays) {
    const date = formatDate(year, f.month, f.day)
    if (parseDate(date) && inForce(date, f.from, f.until)) add({ date, key: f.key, kind: 'fixed' })
  }
  const easter = easterSunday(year)
  for (const e of cal.easterHolidays) add({ date: addDays(easter, e.offsetDays), key: e.key, kind: 'easter' })
  for (const d of cal.festivalClosingDays)
    if (yearOf(d.date) === year) add({ date: d.date, key: d.key, kind: 'festival' })
  for (const d of cal.oneOffHolidays)
    if (yearOf(d.date) === year) add({ date: d.date, key: d.key, kind: 'one-off' })

  // Weekend transfers: the next day that is neither a weekend nor already a holiday.
  const sources: { date: IsoDate; key: string }[] = []
  for (const rule of cal.weekendTransferRules) {
    const dates =
      rule.holiday === FESTIVAL_CLOSING_DAY
        ? cal.festivalClosingDays.filter((d) => yearOf(d.date) === year).map((d) => d.date)
        : cal.fixedHolidays
            .filter((f) => f.key === rule.holiday)
            .map((f) => formatDate(year, f.month, f.day))
            .filter((date) => parseDate(date) !== null)
    for (const date of dates)
      if (inForce(date, rule.from, rule.until) && isWeekend(date)) sources.push({ date, key: rule.holiday })
  }
  sources.sort((a, b) => (a.date < b.date ? -1 : 1))
  for (const s of sources) {
    let target = addDays(s.date, 1)
    while (isWeekend(target) || out.has(target)) target = addDays(target, 1)
    add({ date: target, key: s.key, kind: 'transfer' })
  }
  return out
}

function yearTable(year: number, cal: CalendarDataset): YearTable {
  let byYear = cache.get(cal)
  if (!byYear) cache.set(cal, (byYear = new Map()))
  const hit = byYear.get(year)
  if (hit) return hit
  const holidays = statutory(year, cal)
  // A transfer from late December of the previous year could land in early January.
  for (const [date, list] of statutory(year - 1, cal))
    if (yearOf(date) === year) holidays.set(date, [...(holidays.get(date) ?? []), ...list])
  const table: YearTable = {
    holidays,
    movedOff: new Set(cal.movedWorkingDays.filter((m) => yearOf(m.dayOff) === year).map((m) => m.dayOff)),
    workedSaturdays: new Set(
      cal.movedWorkingDays.filter((m) => yearOf(m.workedSaturday) === year).map((m) => m.workedSaturday),
    ),
  }
  byYear.set(year, table)
  return table
}

export function dayInfo(date: IsoDate, calendar: CalendarDataset = DEFAULT_CALENDAR): DayInfo {
  const t = yearTable(yearOf(date), calendar)
  return {
    date,
    weekday: weekday(date),
    weekend: isWeekend(date),
    holidays: t.holidays.get(date) ?? [],
    movedDayOff: t.movedOff.has(date),
    workedSaturday: t.workedSaturdays.has(date),
  }
}

/** Public holidays (incl. weekend transfers) of a year, by date. */
export function holidaysOfYear(year: number, calendar: CalendarDataset = DEFAULT_CALENDAR): Holiday[] {
  const t = yearTable(year, calendar)
  return [...t.holidays.values()]
    .flat()
    .filter((h) => yearOf(h.date) === year)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

export function isHoliday(date: IsoDate, calendar: CalendarDataset = DEFAULT_CALENDAR): boolean {
  return yearTable(yearOf(date), calendar).holidays.has(date)
}

export function isWorkingDay(date: IsoDate, options: CalendarOptions = {}): boolean {
  const calendar = options.calendar ?? DEFAULT_CALENDAR
  if (isWeekend(date)) return false
  const t = yearTable(yearOf(date), calendar)
  if (t.holidays.has(date)) return false
  return !((options.honourMovedWorkingDays ?? true) && t.movedOff.has(date))
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(date: IsoDate, options: CalendarOptions = {}): IsoDate {
  let d = date
  // Bounded: no run of non-working days in any calendar is anywhere near this long.
  for (let i = 0; i < 60; i++, d = addDays(d, 1)) if (isWorkingDay(d, options)) return d
  throw new RangeError(`No working day within 60 days of ${date}`)
}

/**
 * The `n`-th working day after `date` (n ≥ 1), or for n = 0 the first working day on or after it: a task
 * "due in 2 working days" from Friday is due on Tuesday, or later around holidays.
 */
export function addWorkingDays(date: IsoDate, n: number, options: CalendarOptions = {}): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`)
  let d = nextWorkingDayOnOrAfter(date, options)
  let left = d === date ? n : n - 1
  while (left > 0) {
    d = nextWorkingDayOnOrAfter(addDays(d, 1), options)
    left--
  }
  return d
}

/** Monday-Friday dates of a year that are not working days, in order. */
export function nonWorkingWeekdays(year: number, options: CalendarOptions = {}): IsoDate[] {
  const out: IsoDate[] = []
  for (let d = formatDate(year, 1, 1); yearOf(d) === year; d = addDays(d, 1))
    if (!isWeekend(d) && !isWorkingDay(d, options)) out.push(d)
  return out
}
