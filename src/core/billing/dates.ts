/**
 * Calendar-date arithmetic on ISO `YYYY-MM-DD` strings. Supply periods and due dates are calendar dates
 * in Europe/Riga, so they are counted as whole days with no clock time involved (UTC day numbers).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

export function assertIsoDate(s: string, what = 'date'): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} is not an ISO calendar date: ${JSON.stringify(s)}`)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number)
  return Date.UTC(y, m - 1, d) / 86_400_000
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10)
}

export const addDays = (iso: string, days: number): string => fromDayNumber(dayNumber(iso) + days)

/** Days from `from` to `to` inclusive of both. */
export const daysInclusive = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1

/** `'2024-03'` -> `'2024-04'`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/u.test(s)

export function monthOf(iso: string): string {
  return iso.slice(0, 7)
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`
}
