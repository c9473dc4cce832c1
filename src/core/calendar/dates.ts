/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings. Dates are civil dates (no time zone); they are
 * mapped to a day number (days since 1970-01-01) with Howard Hinnant's proleptic-Gregorian formulas, so
 * nothing here depends on the host's time zone or on `Date` parsing quirks.
 */
export type IsoDate = string
/** `YYYY-MM` */
export type IsoMonth = string

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH_RE = /^(\d{4})-(\d{2})$/

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function dayNumber(y: number, m: number, d: number): number {
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

export function formatDate(y: number, m: number, d: number): IsoDate {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

export function formatMonth(y: number, m: number): IsoMonth {
  return `${pad(y, 4)}-${pad(m)}`
}

/** Parses a real calendar date; returns null for anything else (bad shape, 2023-02-29, ...). */
export function parseDate(s: string): { y: number; m: number; d: number } | null {
  const match = DATE_RE.exec(s)
  if (!match) return null
  const y = Number(match[1])
  const m = Number(match[2])
  const d = Number(match[3])
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
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

export function toDayNumber(date: IsoDate): number {
  const { y, m, d } = mustDate(date)
  return dayNumber(y, m, d)
}

export function fromDayNumber(n: number): IsoDate {
  const { y, m, d } = civilFromDayNumber(n)
  return formatDate(y, m, d)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a)
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7
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

export function yearOf(date: IsoDate): number {
  return mustDate(date).y
}

export function daysInIsoMonth(month: IsoMonth): number {
  const { y, m } = mustMonth(month)
  return daysInMonth(y, m)
}

/** Every date of a year, in order. */
export function datesOfYear(year: number): IsoDate[] {
  const first = dayNumber(year, 1, 1)
  const last = dayNumber(year, 12, 31)
  const out: IsoDate[] = []
  for (let n = first; n <= last; n++) out.push(fromDayNumber(n))
  return out
}
