import { isIsoDate } from '../calendar/dates'
import { toRigaWallTime } from '../calendar/riga-time'
import type { DisplayLanguage } from './language'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** Every date and time the desk shows is Riga time, whatever the workstation's zone. */
export const RIGA = 'Europe/Riga'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar date `YYYY-MM-DD` as people write it: LV `26.11.2026.`, RU `26.11.2026`, EN `26/11/2026`. */
export function formatDate(isoDate: string, language: DisplayLanguage): string {
  const m = ISO_DATE.exec(isoDate)
  if (!m) throw new RangeError(`not an ISO calendar date: ${isoDate}`)
  const [, y, mo, d] = m
  if (language === 'en') return `${d}/${mo}/${y}`
  return language === 'lv' ? `${d}.${mo}.${y}.` : `${d}.${mo}.${y}`
}

/** An instant as Riga date and time: LV `26.11.2026. 14:05`, RU `26.11.2026 14:05`, EN `26/11/2026 14:05`. */
export function formatDateTime(instant: string | number | Date, language: DisplayLanguage): string {
  // Parsed as before (`new Date`), then placed on the Riga wall clock by the calendar module.
  const at = instant instanceof Date ? instant.getTime() : new Date(instant).getTime()
  if (Number.isNaN(at)) throw new RangeError(`not a time: ${String(instant)}`)
  const { date, hour, minute } = toRigaWallTime(at)
  return `${formatDate(date, language)} ${pad2(hour)}:${pad2(minute)}`
}

/** Whole minutes from `from` to `now` (never negative: a clock slightly behind reads as "just now"). */
export function minutesBetween(from: string | number | Date, now: number): number {
  const start = (from instanceof Date ? from : new Date(from)).getTime()
  return Math.max(0, Math.floor((now - start) / 60_000))
}

const ISO_MONTH = /^(\d{4})-(\d{2})$/

/** A calendar month `YYYY-MM` as the date forms write it: LV `11.2026.`, RU `11.2026`, EN `11/2026`. */
export function formatMonth(isoMonth: string, language: DisplayLanguage): string {
  const m = ISO_MONTH.exec(isoMonth)
  if (!m) throw new RangeError(`not an ISO month: ${isoMonth}`)
  const [, y, mo] = m
  if (language === 'en') return `${mo}/${y}`
  return language === 'lv' ? `${mo}.${y}.` : `${mo}.${y}`
}

/**
 * A date as an agent types it, forgiving the forms people use: `27.11.2026.`, `27.11.2026`, `7.1.2026`,
 * `27/11/2026`, `2026-11-27`. The calendar date `YYYY-MM-DD`, or null when it is not a real date.
 */
export function parseDateInput(text: string): string | null {
  const s = text.trim()
  let y: number, mo: number, d: number
  const dmy = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})\.?$/u.exec(s)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s)
  if (dmy) [d, mo, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])]
  else if (iso) [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else return null
  const date = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`
  return isIsoDate(date) ? date : null
}

/** A month as typed: `11.2026.`, `11.2026`, `11/2026`, `2026-11`; `YYYY-MM` or null. */
export function parseMonthInput(text: string): string | null {
  const s = text.trim()
  const my = /^(\d{1,2})[./](\d{4})\.?$/u.exec(s)
  const iso = /^(\d{4})-(\d{2})$/u.exec(s)
  const [y, mo] = my ? [Number(my[2]), Number(my[1])] : iso ? [Number(iso[1]), Number(iso[2])] : [0, 0]
  if (!y || mo < 1 || mo > 12) return null
  return `${y}-${String(mo).padStart(2, '0')}`
}
