import type { MeterCard } from '../../../contract/methods/readings'
import { addMonths } from '../../../core/calendar'
import {
  calorificValueFor,
  effectiveReadings,
  m3ToKwh,
  monthlyConsumptionSeries,
} from '../../../core/readings'
import type { Db } from '../../db/open'
import { requireMeter, windowState } from './candidate'
import { calorificDataset } from './reference'
import { metersByIdentifier, readingsOfMeter, toCard, toRecord, toRows, type MeterRow } from './repo'

export { evaluate, windowState, type CandidateInput } from './candidate'
export { recordReading, type RecordInput } from './record'
export { HONOUR_MOVED_WORKING_DAYS_KEY } from './reference'

const LAST_READINGS = 6

function cardOf(db: Db, meter: MeterRow): MeterCard {
  const stored = readingsOfMeter(db, meter.id)
  const effective = new Set(effectiveReadings(stored.map(toRecord)).map((r) => r.id))
  return toCard(meter, toRows(stored, effective).reverse().slice(0, LAST_READINGS))
}

export function lookupMeters(db: Db, identifier: string, nowMs: number) {
  return {
    matches: metersByIdentifier(db, identifier).map((m) => cardOf(db, m)),
    windowState: windowState(db, nowMs),
  }
}

export function meterCard(db: Db, meterId: string, nowMs: number) {
  return { card: cardOf(db, requireMeter(db, meterId)), windowState: windowState(db, nowMs) }
}

/**
 * The history view's data: 24 months of consumption (with kWh per month) ending with the open window's
 * period, or else the last period whose window has closed; and every reading of the meter, newest first.
 */
export function meterHistory(db: Db, meterId: string, nowMs: number, endMonth?: string) {
  const meter = requireMeter(db, meterId)
  const state = windowState(db, nowMs)
  const end = endMonth ?? (state.open ? state.window.month : addMonths(state.window.month, -1))
  const stored = readingsOfMeter(db, meter.id)
  const records = stored.map(toRecord)
  const effective = new Set(effectiveReadings(records).map((r) => r.id))
  const rows = toRows(stored, effective).reverse()
  const dataset = calorificDataset(db, state.today)
  const series = monthlyConsumptionSeries(records, { endMonth: end, months: 24, digits: meter.digits }).map(
    (p) => ({
      ...p,
      kwh: p.m3 === null ? null : m3ToKwh(p.m3, calorificValueFor(meter.zone, p.month, dataset).kwhPerM3),
    }),
  )
  return { card: toCard(meter, rows.slice(0, LAST_READINGS)), endMonth: end, series, readings: rows }
}
