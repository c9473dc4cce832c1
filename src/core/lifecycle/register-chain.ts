/**
 * A premise's meters over time: one meter until it is exchanged, then the next. Consumption between two
 * readings on different meters is the old meter's part (up to its removal reading) plus the new meter's
 * part (from its installation reading): no m³ is counted twice or dropped, and the jump from the old
 * register to the new one is never read as a drop or a rollover.
 *
 * Dates follow the end-of-day convention of readings (a reading dated D is the register at the end of
 * day D, like the 31 December reading): the old meter runs to its removal on day X, the new one from its
 * installation on the same day X.
 */
import { addDays, dayNumber, type IsoDate, type IsoMonth } from '../calendar/dates'
import {
  consumptionBetween,
  effectiveReadings,
  monthlyConsumptionSeries,
  type MonthlyConsumption,
} from '../readings/series'
import type { ReadingRecord } from '../readings/types'

export interface RegisterValue {
  date: IsoDate
  /** Whole m³ on the register. */
  value: number
}

export interface MeterSpan {
  meterId: string
  serial: string
  /** Black digits of the register (rollover at 10^digits). */
  digits: number
  /** Permitted load of the meter in m³/h, for the distribution fixed part; absent = the premise's. */
  permittedLoadM3h?: string
  installed: RegisterValue
  /** Null while the meter is in place. */
  removed: RegisterValue | null
}

/** A reading used for billing: on which meter, when, what value. */
export interface RegisterPoint extends RegisterValue {
  meterId: string
  estimated?: boolean
}

export interface ConsumptionPart {
  meterId: string
  serial: string
  from: RegisterValue
  to: RegisterValue
  m3: number
  /** The register passed 10^digits - 1 -> 0 inside this part. */
  rolledOver: boolean
}

export interface ChainConsumption {
  m3: number
  parts: ConsumptionPart[]
}

const isRegisterValue = (v: number, digits: number): boolean =>
  Number.isSafeInteger(v) && v >= 0 && v < 10 ** digits

/** Throws unless the spans follow each other: each removal is the next installation's day. */
export function assertMeterChain(chain: readonly MeterSpan[]): void {
  if (chain.length === 0) throw new RangeError('a premise needs at least one meter span')
  chain.forEach((s, i) => {
    dayNumber(s.installed.date)
    if (!Number.isInteger(s.digits) || s.digits < 1 || s.digits > 12)
      throw new RangeError(`${s.meterId}: digits must be 1..12`)
    if (!isRegisterValue(s.installed.value, s.digits))
      throw new RangeError(`${s.meterId}: installation value does not fit the register`)
    if (s.removed) {
      if (s.removed.date < s.installed.date) throw new RangeError(`${s.meterId}: removed before installed`)
      if (!isRegisterValue(s.removed.value, s.digits))
        throw new RangeError(`${s.meterId}: removal value does not fit the register`)
    }
    const next = chain[i + 1]
    if (next && (!s.removed || s.removed.date !== next.installed.date))
      throw new RangeError(`${s.meterId} is not removed on the day ${next.meterId} is installed`)
  })
}

function spanIndex(chain: readonly MeterSpan[], p: RegisterPoint): number {
  const i = chain.findIndex((s) => s.meterId === p.meterId)
  if (i < 0) throw new RangeError(`meter ${p.meterId} is not on this premise`)
  const s = chain[i]
  if (p.date < s.installed.date || (s.removed && p.date > s.removed.date))
    throw new RangeError(`a reading of ${p.date} is outside the time meter ${s.serial} was in place`)
  if (!isRegisterValue(p.value, s.digits)) throw new RangeError(`${p.value} does not fit meter ${s.serial}`)
  return i
}

/**
 * m³ between two billing readings, possibly on different meters of the chain. A part ending lower than it
 * started is a rollover, except where an estimate is involved: then it is the estimate being corrected
 * (a negative part), the same rule as the history series.
 */
export function consumptionOnChain(
  chain: readonly MeterSpan[],
  from: RegisterPoint,
  to: RegisterPoint,
): ChainConsumption {
  assertMeterChain(chain)
  const first = spanIndex(chain, from)
  const last = spanIndex(chain, to)
  if (to.date < from.date || last < first)
    throw new RangeError(`reading of ${to.date} is before the reading of ${from.date}`)
  const parts: ConsumptionPart[] = []
  for (let i = first; i <= last; i++) {
    const s = chain[i]
    const a = i === first ? from : s.installed
    // assertMeterChain guarantees `removed` on every span but the last one used.
    const b = i === last ? to : (s.removed as RegisterValue)
    const estimated = (i === first && from.estimated) || (i === last && to.estimated)
    const lower = b.value < a.value
    const m3 = lower && estimated ? b.value - a.value : consumptionBetween(a.value, b.value, s.digits)
    parts.push({
      meterId: s.meterId,
      serial: s.serial,
      from: { date: a.date, value: a.value },
      to: { date: b.date, value: b.value },
      m3,
      rolledOver: lower && !estimated,
    })
  }
  return { m3: parts.reduce((sum, p) => sum + p.m3, 0), parts }
}

/**
 * Permitted-load changes inside [from, to] for computeInvoice: a meter of another size counts from the
 * day after its installation day (the exchange day is the old meter's day).
 */
export function loadChangesWithin(
  chain: readonly MeterSpan[],
  from: IsoDate,
  to: IsoDate,
): Array<{ from: IsoDate; permittedLoadM3h: string }> {
  const out: Array<{ from: IsoDate; permittedLoadM3h: string }> = []
  for (let i = 1; i < chain.length; i++) {
    const load = chain[i].permittedLoadM3h
    const day = addDays(chain[i].installed.date, 1)
    if (load !== undefined && load !== chain[i - 1].permittedLoadM3h && day > from && day <= to)
      out.push({ from: day, permittedLoadM3h: load })
  }
  return out
}

export interface PremiseMonth extends MonthlyConsumption {
  /** A meter was exchanged in this calendar month: the chart draws a boundary here, never a drop. */
  exchange: boolean
}

export interface MeterSegment {
  meterId: string
  serial: string
  from: IsoDate
  to: IsoDate | null
  /** This meter's readings (effective, inside its span), for a register-value chart line of its own. */
  readings: ReadingRecord[]
}

export interface PremiseSeries {
  months: PremiseMonth[]
  segments: MeterSegment[]
  exchanges: Array<{
    date: IsoDate
    oldMeterId: string
    newMeterId: string
    removal: number
    installation: number
  }>
  /** Readings dated outside their meter's time on the premise (left out; a data error to look at). */
  outsideSpan: string[]
}

/**
 * Monthly consumption of a premise across its meters, for the history chart and the plausibility checks.
 * Every meter's readings are mapped onto one running total (m³ since the first meter's installation,
 * each meter's own rollovers resolved), which the single-meter series then reads as one register that
 * never rolls over: the exchange month gets the old meter's m³ up to the removal plus the new meter's
 * from the installation.
 */
export function premiseConsumptionSeries(
  chain: readonly MeterSpan[],
  readingsByMeter: Readonly<Record<string, readonly ReadingRecord[]>>,
  options: { endMonth: IsoMonth; months?: number },
): PremiseSeries {
  assertMeterChain(chain)
  const mapped: ReadingRecord[] = []
  const segments: MeterSegment[] = []
  const outsideSpan: string[] = []
  // recordedAt only orders readings of the same day: here, chain order (old meter, exchange, new meter).
  const push = (r: ReadingRecord): void => {
    mapped.push({ ...r, recordedAt: String(mapped.length).padStart(12, '0') })
  }
  let total = 0
  chain.forEach((s) => {
    const own = effectiveReadings(readingsByMeter[s.meterId] ?? []).filter((r) => {
      const inside = r.date >= s.installed.date && (!s.removed || r.date <= s.removed.date)
      if (!inside) outsideSpan.push(r.id)
      return inside
    })
    let previous = { value: s.installed.value, estimated: false }
    const step = (value: number, estimated: boolean): void => {
      total +=
        value < previous.value && (estimated || previous.estimated)
          ? value - previous.value
          : consumptionBetween(previous.value, value, s.digits)
      previous = { value, estimated }
    }
    for (const r of own) {
      step(r.value, r.status === 'estimated')
      // Period cleared: two meters' readings for the same window must both count. The series anchors a
      // window reading without its period to the same month by its date.
      push({ ...r, value: total, period: null, replaces: null })
    }
    if (s.removed) {
      step(s.removed.value, false)
      // The exchange itself is a point, whether or not the removal reading is among the readings.
      push({
        id: `removal:${s.meterId}`,
        value: total,
        date: s.removed.date,
        period: null,
        status: 'actual',
        recordedAt: '',
      })
    }
    segments.push({
      meterId: s.meterId,
      serial: s.serial,
      from: s.installed.date,
      to: s.removed?.date ?? null,
      readings: own,
    })
  })
  const exchanges = chain.slice(1).map((s, i) => ({
    date: s.installed.date,
    oldMeterId: chain[i].meterId,
    newMeterId: s.meterId,
    removal: (chain[i].removed as RegisterValue).value,
    installation: s.installed.value,
  }))
  const exchangeMonths = new Set(exchanges.map((e) => e.date.slice(0, 7)))
  const months = monthlyConsumptionSeries(mapped, { ...options, digits: null }).map((m) => ({
    ...m,
    exchange: exchangeMonths.has(m.month),
  }))
  return { months, segments, exchanges, outsideSpan }
}
