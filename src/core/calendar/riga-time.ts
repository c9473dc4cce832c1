/**
 * Europe/Riga wall time without Intl or the host time zone: EET (UTC+2) in winter, EEST (UTC+3) from
 * 01:00 UTC on the last Sunday of March (03:00 -> 04:00 local) to 01:00 UTC on the last Sunday of October
 * (04:00 -> 03:00 local) — the EU rule Latvia has followed since 2001.
 */
import { civilDayNumber, daysInMonth, fromDayNumber, parseDate, type IsoDate } from './dates'

/** An instant: epoch milliseconds, a `Date`, or an ISO string WITH a zone (`Z` or `+03:00`). */
export type Instant = number | string | Date

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i

export function toEpochMs(instant: Instant): number {
  if (typeof instant === 'number') {
    if (!Number.isFinite(instant)) throw new RangeError('Instant is not a finite number')
    return instant
  }
  if (instant instanceof Date) return toEpochMs(instant.getTime())
  // A zoneless string would be read in the host's zone; refuse it rather than guess.
  if (!ZONED_ISO.test(instant)) throw new RangeError(`Not an ISO instant with a zone: ${instant}`)
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${instant}`)
  return ms
}

export function toIsoInstant(instant: Instant): string {
  return new Date(toEpochMs(instant)).toISOString()
}

function lastSundayDayNumber(year: number, month: number): number {
  const last = civilDayNumber(year, month, daysInMonth(year, month))
  const wd = (((last + 4) % 7) + 7) % 7
  return last - wd
}

/** UTC instants (ms) at which summer time starts and ends in a year. */
export function rigaDstBounds(year: number): { start: number; end: number } {
  return {
    start: lastSundayDayNumber(year, 3) * DAY_MS + HOUR_MS,
    end: lastSundayDayNumber(year, 10) * DAY_MS + HOUR_MS,
  }
}

/** Minutes east of UTC in Riga at an instant: 120 or 180. */
export function rigaOffsetMinutes(instant: Instant): number {
  const ms = toEpochMs(instant)
  const year = new Date(ms).getUTCFullYear()
  const { start, end } = rigaDstBounds(year)
  return ms >= start && ms < end ? 180 : 120
}

export interface RigaWallTime {
  date: IsoDate
  hour: number
  minute: number
  second: number
  millisecond: number
  offsetMinutes: number
}

export function toRigaWallTime(instant: Instant): RigaWallTime {
  const ms = toEpochMs(instant)
  const offsetMinutes = rigaOffsetMinutes(ms)
  const local = ms + offsetMinutes * 60_000
  const day = Math.floor(local / DAY_MS)
  let rest = local - day * DAY_MS
  const hour = Math.floor(rest / HOUR_MS)
  rest -= hour * HOUR_MS
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  return { date: fromDayNumber(day), hour, minute, second, millisecond: rest - second * 1000, offsetMinutes }
}

/**
 * The Riga calendar date at an instant: "today" when the instant is now. The one way the desk, the
 * central system and the seeder tell the date, whatever the host's zone.
 */
export function rigaToday(instant: Instant): IsoDate {
  return toRigaWallTime(instant).date
}

/**
 * The UTC instant (ms) of a Riga wall time. In the spring gap (03:00-03:59) the clock reading is taken
 * as the moment after the jump (as if still in winter time); in the autumn overlap the earlier (summer
 * time) instant is chosen.
 */
export function rigaWallTimeToEpochMs(date: IsoDate, hour = 0, minute = 0, second = 0): number {
  const p = parseDate(date)
  if (!p) throw new RangeError(`Not an ISO calendar date: ${date}`)
  const local = civilDayNumber(p.y, p.m, p.d) * DAY_MS + hour * HOUR_MS + minute * 60_000 + second * 1000
  for (const offset of [180, 120]) {
    const utc = local - offset * 60_000
    if (rigaOffsetMinutes(utc) === offset) return utc
  }
  return local - 120 * 60_000
}

/** 00:00 Riga time at the start of `date`, as epoch ms (midnight is never in a DST gap in Riga). */
export function rigaStartOfDay(date: IsoDate): number {
  return rigaWallTimeToEpochMs(date)
}
