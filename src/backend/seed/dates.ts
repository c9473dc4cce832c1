import { civilFromDayNumber, dayNumber } from '../../core/calendar/dates'

/** Calendar arithmetic on ISO dates ('YYYY-MM-DD') and months ('YYYY-MM'), done in UTC to avoid DST. */

export function todayInRiga(nowMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date(nowMs))
}

export const isoToMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)
export const msToIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/*
 * Day arithmetic in plain integers (days since 1970-01-01, the civil-date algorithms in
 * src/core/calendar/dates.ts): the generator does it millions of times, and Date parsing and formatting
 * dominated. Valid 'YYYY-MM-DD' input (years 1000-9999) only.
 */
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48

export function dayOf(iso: string): number {
  const y = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3)
  return dayNumber(y, digit(iso, 5) * 10 + digit(iso, 6), digit(iso, 8) * 10 + digit(iso, 9))
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

export function isoOfDay(day: number): string {
  const { y, m, d } = civilFromDayNumber(day)
  return `${y}-${pad2(m)}-${pad2(d)}`
}

export const addDays = (iso: string, days: number): string => isoOfDay(dayOf(iso) + days)
export const daysBetween = (from: string, to: string): number => dayOf(to) - dayOf(from)

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

/** An ISO instant on a calendar day at a given minute of the day (UTC, good enough for demo data). */
export const instantOn = (iso: string, minuteOfDay: number): string =>
  `${iso}T${pad2(Math.floor(minuteOfDay / 60) % 24)}:${pad2(minuteOfDay % 60)}:00.000Z`
