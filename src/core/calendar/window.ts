/**
 * The reading window (DOMAIN.md): from 00:00 Riga time on the 27th of month M until 24:00 Riga time of the
 * first working day of month M+1. Readings taken in it are the readings for period M.
 */
import {
  addDays,
  addMonths,
  formatDate,
  monthOf,
  parseDate,
  parseMonth,
  type IsoDate,
  type IsoMonth,
} from './dates'
import { nextWorkingDayOnOrAfter, type CalendarOptions } from './holidays'
import { rigaToday, rigaStartOfDay, toEpochMs, toIsoInstant, type Instant } from './riga-time'

export const WINDOW_OPENING_DAY = 27

export interface ReadingWindow {
  /** The period the window's readings belong to. */
  month: IsoMonth
  /** First day (Riga calendar date). */
  opens: IsoDate
  /** Last day, inclusive until 24:00 Riga time: the first working day of the next month. */
  closesEndOf: IsoDate
  /** UTC ISO instant of 00:00 Riga time on `opens`. */
  opensAt: string
  /** UTC ISO instant of 24:00 Riga time on `closesEndOf` (exclusive end). */
  closesAt: string
}

function mustMonth(month: IsoMonth): { y: number; m: number } {
  const p = parseMonth(month)
  if (!p) throw new RangeError(`Not an ISO month: ${month}`)
  return p
}

export function firstWorkingDayOfMonth(month: IsoMonth, options: CalendarOptions = {}): IsoDate {
  const { y, m } = mustMonth(month)
  return nextWorkingDayOnOrAfter(formatDate(y, m, 1), options)
}

export function windowFor(month: IsoMonth, options: CalendarOptions = {}): ReadingWindow {
  const { y, m } = mustMonth(month)
  const opens = formatDate(y, m, WINDOW_OPENING_DAY)
  const closesEndOf = firstWorkingDayOfMonth(addMonths(month, 1), options)
  return {
    month,
    opens,
    closesEndOf,
    opensAt: toIsoInstant(rigaStartOfDay(opens)),
    closesAt: toIsoInstant(rigaStartOfDay(addDays(closesEndOf, 1))),
  }
}

/** The window that a Riga calendar date falls in, or null between windows. */
export function windowContainingDate(date: IsoDate, options: CalendarOptions = {}): ReadingWindow | null {
  const p = parseDate(date)
  if (!p) throw new RangeError(`Not an ISO calendar date: ${date}`)
  const month = formatDate(p.y, p.m, 1).slice(0, 7)
  if (p.d >= WINDOW_OPENING_DAY) return windowFor(month, options)
  const previous = windowFor(addMonths(month, -1), options)
  return date <= previous.closesEndOf ? previous : null
}

export function windowContaining(instant: Instant, options: CalendarOptions = {}): ReadingWindow | null {
  return windowContainingDate(rigaToday(instant), options)
}

export function isInWindow(instant: Instant, options: CalendarOptions = {}): boolean {
  return windowContaining(instant, options) !== null
}

/** The window open at `instant`, or else the next one to open. */
export function currentOrNextWindow(instant: Instant, options: CalendarOptions = {}): ReadingWindow {
  const open = windowContaining(instant, options)
  if (open) return open
  return windowFor(rigaToday(instant).slice(0, 7), options)
}

/**
 * The month a reading taken outside every window closes (an event reading too): the previous month when
 * taken up to the 15th, else its own month. The one statement of the rule: validation, the consumption
 * series and the stored reading's period all take it from here.
 */
export function outOfWindowPeriod(date: IsoDate): IsoMonth {
  const p = parseDate(date)
  if (!p) throw new RangeError(`Not an ISO calendar date: ${date}`)
  return p.d <= 15 ? addMonths(monthOf(date), -1) : monthOf(date)
}

/** Whether an instant lies in a given window, by instants (the same answer as by Riga dates). */
export function windowHolds(window: ReadingWindow, instant: Instant): boolean {
  const ms = toEpochMs(instant)
  return ms >= Date.parse(window.opensAt) && ms < Date.parse(window.closesAt)
}
