import { addressLine, customerDisplayName } from '../../../core/customers/display'
/** SQL of the readings area: meters with their premise and customer, and a meter's readings. */
import type { Statement } from 'better-sqlite3'
import type { MeterCard, ReadingRow } from '../../../contract/methods/readings'
import type { ReadingRecord, ReadingSource } from '../../../core/readings'
import type { Db } from '../../db/open'

const statements = new WeakMap<Db, Map<string, Statement>>()

/** A prepared statement, prepared once per database (preparing costs more than running on the hot path). */
export function stmt(db: Db, sql: string): Statement {
  let perDb = statements.get(db)
  if (!perDb) statements.set(db, (perDb = new Map()))
  let s = perDb.get(sql)
  if (!s) perDb.set(sql, (s = db.prepare(sql)))
  return s
}

export interface MeterRow {
  id: string
  metering_point_id: string
  serial: string
  model: string
  digits: number
  max_flow_m3h: number
  installed_at: string
  removed_at: string | null
  premise_id: string
  subscriber_number: string
  street: string
  house: string
  apartment: string | null
  city: string
  zone: string
  customer_id: string
  customer_number: string
  kind: 'person' | 'business'
  first_name: string | null
  last_name: string | null
  company_name: string | null
}

export interface StoredReading {
  id: string
  value: number
  reading_date: string
  period: string
  source: ReadingRow['source']
  status: ReadingRow['status']
  channel: ReadingRow['channel']
  agent_name: string | null
  out_of_window: number
  reason: string | null
  corrects_reading_id: string | null
  flags: string | null
  created_at: string
}

const METER_SELECT = `SELECT m.id, m.metering_point_id, m.serial, m.model, m.digits, m.max_flow_m3h, m.installed_at,
    m.removed_at, p.id AS premise_id, p.subscriber_number, p.street, p.house, p.apartment, p.city, p.zone,
    c.id AS customer_id, c.customer_number, c.kind, c.first_name, c.last_name, c.company_name
  FROM meters m JOIN premises p ON p.id = m.premise_id JOIN customers c ON c.id = p.customer_id`

export function meterById(db: Db, meterId: string): MeterRow | undefined {
  return stmt(db, `${METER_SELECT} WHERE m.id = ?`).get(meterId) as MeterRow | undefined
}

/**
 * Meters an identifier names: a subscriber number (every meter of the premise), a metering point id or a
 * meter serial. Exact matches only: a reading must land on the right meter, so no fuzzy guessing here.
 * Current meters first, then removed ones (a late reading for a replaced meter is still possible).
 */
export function metersByIdentifier(db: Db, identifier: string): MeterRow[] {
  const raw = identifier.trim()
  const upper = raw.toUpperCase()
  return stmt(
    db,
    `${METER_SELECT} WHERE m.id IN (
       SELECT m2.id FROM meters m2 JOIN premises p2 ON p2.id = m2.premise_id WHERE p2.subscriber_number = ?
       UNION SELECT id FROM meters WHERE metering_point_id = ?
       UNION SELECT id FROM meters WHERE serial = ? OR serial = ?)
     ORDER BY m.removed_at IS NOT NULL, m.installed_at DESC LIMIT 20`,
  ).all(raw, upper, raw, upper) as MeterRow[]
}

export function readingsOfMeter(db: Db, meterId: string): StoredReading[] {
  return stmt(
    db,
    `SELECT r.id, r.value, r.reading_date, r.period, r.source, r.status, r.channel, a.display_name AS agent_name,
       r.out_of_window, r.reason, r.corrects_reading_id, r.flags, r.created_at
     FROM readings r LEFT JOIN agents a ON a.id = r.agent_id
     WHERE r.meter_id = ? ORDER BY r.reading_date, r.created_at`,
  ).all(meterId) as StoredReading[]
}

const CORE_SOURCE: Record<ReadingRow['source'], ReadingSource> = {
  agent: 'agent',
  portal: 'portal',
  web: 'web-form',
  sms: 'sms',
  operator_estimate: 'operator-estimate',
}

/** The core's view of a stored reading: a reading outside a window has no period there. */
export function toRecord(r: StoredReading): ReadingRecord {
  return {
    id: r.id,
    value: r.value,
    date: r.reading_date,
    period: r.out_of_window ? null : r.period,
    status: r.status,
    recordedAt: r.created_at,
    replaces: r.corrects_reading_id,
    source: CORE_SOURCE[r.source],
  }
}

function parseFlags(flags: string | null): Record<string, unknown> {
  if (!flags) return {}
  try {
    const v: unknown = JSON.parse(flags)
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

export function toRows(readings: readonly StoredReading[], effectiveIds: ReadonlySet<string>): ReadingRow[] {
  const correctedBy = new Map<string, string>()
  for (const r of readings) if (r.corrects_reading_id) correctedBy.set(r.corrects_reading_id, r.id)
  return readings.map((r) => ({
    id: r.id,
    value: r.value,
    date: r.reading_date,
    period: r.period,
    outOfWindow: r.out_of_window === 1,
    source: r.source,
    status: r.status,
    channel: r.channel,
    agentName: r.agent_name,
    reason: r.reason,
    correctsReadingId: r.corrects_reading_id,
    correctedById: correctedBy.get(r.id) ?? null,
    reassess: parseFlags(r.flags).reassess === true,
    effective: effectiveIds.has(r.id),
    createdAt: r.created_at,
  }))
}

export function premiseAddress(m: MeterRow): string {
  return addressLine({ street: m.street, house: m.house, apartment: m.apartment, town: m.city })
}

export function toCard(m: MeterRow, lastReadings: ReadingRow[]): MeterCard {
  return {
    meter: {
      id: m.id,
      meteringPointId: m.metering_point_id,
      serial: m.serial,
      model: m.model,
      digits: m.digits,
      maxFlowM3h: m.max_flow_m3h,
      removed: m.removed_at !== null,
    },
    premise: {
      id: m.premise_id,
      subscriberNumber: m.subscriber_number,
      address: premiseAddress(m),
      zone: m.zone,
    },
    customer: { id: m.customer_id, customerNumber: m.customer_number, name: customerDisplayName(m) },
    lastReadings,
  }
}
