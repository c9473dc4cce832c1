/** Calendar arithmetic on ISO dates ('YYYY-MM-DD') and months ('YYYY-MM'), done in UTC to avoid DST. */

const DAY_MS = 86_400_000

export function todayInRiga(nowMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(nowMs))
}

export const isoToMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
export const msToIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
export const addDays = (iso: string, days: number): string => msToIso(isoToMs(iso) + days * DAY_MS)
export const daysBetween = (from: string, to: string): number =>
  Math.round((isoToMs(to) - isoToMs(from)) / DAY_MS)

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const total = y * 12 + (m - 1) + n
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
}

export const monthOf = (iso: string): string => iso.slice(0, 7)
export const monthNumber = (month: string): number => Number(month.slice(5, 7))

/**
 * The last reading period whose window has opened before `today`: windows open on the 27th
 * (DOMAIN.md), so on 2026-03-15 it is 2026-02, on 2026-03-28 it is 2026-03.
 */
export function lastReadingPeriod(today: string): string {
  const month = monthOf(today)
  return Number(today.slice(8, 10)) > 27 ? month : addMonths(month, -1)
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/** An ISO instant on a calendar day at a given minute of the day (UTC, good enough for demo data). */
export const instantOn = (iso: string, minuteOfDay: number): string =>
  `${iso}T${pad2(Math.floor(minuteOfDay / 60) % 24)}:${pad2(minuteOfDay % 60)}:00.000Z`
