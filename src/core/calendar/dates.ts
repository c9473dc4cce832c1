/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings — the only date arithmetic in src (billing, readings,
 * the seeder and the central system all use it). Dates are civil dates (no time zone); they are
 * mapped to a day number (days since 1970-01-01) with Howard Hinnant's proleptic-Gregorian formulas, so
 * nothing here depends on the host's time zone or on `Date` parsing quirks.
 */
export type IsoDate = string
/** `YYYY-MM` */
export type IsoMonth = string

const MONTH_RE = /^(\d{4})-(\d{2})$/

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

/** Days since 1970-01-01 of a proleptic Gregorian date given as numbers (month 1-12). */
export function civilDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

export function civilFromDayNumber(n: number): { y: number; m: number; d: number } {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

export function formatDate(y: number, m: number, d: number): IsoDate {
  return `${y >= 1000 ? String(y) : pad(y, 4)}-${pad2(m)}-${pad2(d)}`
}

export function formatMonth(y: number, m: number): IsoMonth {
  return `${pad(y, 4)}-${pad2(m)}`
}

/*
 * Parsed digit by digit rather than with a regular expression or `Date`: the seeder does day arithmetic
 * millions of times and parsing dominated it.
 */
const digitAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : NaN
}

/** Parses a real calendar date; returns null for anything else (bad shape, 2023-02-29, ...). */
export function parseDate(s: string): { y: number; m: number; d: number } | null {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return null
  const y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3)
  const m = digitAt(s, 5) * 10 + digitAt(s, 6)
  const d = digitAt(s, 8) * 10 + digitAt(s, 9)
  if (Number.isNaN(y + m + d) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return { y, m, d }
}

export function parseMonth(s: string): { y: number; m: number } | null {
  const match = MONTH_RE.exec(s)
  if (!match) return null
  const y = Number(match[1])
  const m = Number(match[2])
  return m >= 1 && m <= 12 ? { y, m } : null
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseDate(s) !== null
}

export function isIsoMonth(s: unknown): s is IsoMonth {
  return typeof s === 'string' && parseMonth(s) !== null
}

/** Throws a RangeError naming `what` unless `s` is a real calendar date. */
export function assertIsoDate(s: string, what = 'date'): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} is not an ISO calendar date: ${JSON.stringify(s)}`)
}

function mustDate(s: IsoDate): { y: number; m: number; d: number } {
  const p = parseDate(s)
  if (!p) throw new RangeError(`Not an ISO calendar date: ${s}`)
  return p
}

function mustMonth(s: IsoMonth): { y: number; m: number } {
  const p = parseMonth(s)
  if (!p) throw new RangeError(`Not an ISO month: ${s}`)
  return p
}

/** Days since 1970-01-01 of a calendar date (negative before it). */
export function dayNumber(date: IsoDate): number {
  const { y, m, d } = mustDate(date)
  return civilDayNumber(y, m, d)
}

export function fromDayNumber(n: number): IsoDate {
  const { y, m, d } = civilFromDayNumber(n)
  return formatDate(y, m, d)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days)
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a)
}

/** Days from `from` to `to`, both counted (a supply period's length). */
export function daysInclusive(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7
}

export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date)
  return w === 0 || w === 6
}

export function addMonths(month: IsoMonth, n: number): IsoMonth {
  const { y, m } = mustMonth(month)
  const idx = y * 12 + (m - 1) + n
  return formatMonth(Math.floor(idx / 12), (((idx % 12) + 12) % 12) + 1)
}

/** Months from `a` to `b` (positive when b is later). */
export function monthsBetween(a: IsoMonth, b: IsoMonth): number {
  const pa = mustMonth(a)
  const pb = mustMonth(b)
  return pb.y * 12 + pb.m - (pa.y * 12 + pa.m)
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7)
}

/** 1 (January) ... 12 (December). */
export function monthOfYear(month: IsoMonth): number {
  return mustMonth(month).m
}

export function yearOf(date: IsoDate): number {
  return mustDate(date).y
}

export function daysInIsoMonth(month: IsoMonth): number {
  const { y, m } = mustMonth(month)
  return daysInMonth(y, m)
}

export function lastDayOfMonth(month: IsoMonth): IsoDate {
  const { y, m } = mustMonth(month)
  return formatDate(y, m, daysInMonth(y, m))
}

/** Every date of a year, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const first = civilDayNumber(year, 1, 1)
  const last = civilDayNumber(year, 12, 31)
  const out: IsoDate[] = []
  for (let n = first; n <= last; n++) out.push(fromDayNumber(n))
  return out
}
