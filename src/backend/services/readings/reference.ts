import type { CalendarOptions } from '../../../core/calendar'
import {
  CALENDAR_DATASET_KIND,
  datasetInForce,
  validateCalendarDataset,
  type CalendarDataset,
} from '../../../core/reference/calendar'
import { DEFAULT_CALENDAR } from '../../../core/reference/calendar-default'
import {
  CALORIFIC_DATASET_KIND,
  validateCalorificDataset,
  type CalorificDataset,
} from '../../../core/reference/calorific'
import { DEFAULT_CALORIFIC } from '../../../core/reference/calorific-default'
import type { Db } from '../../db/open'

/** Settings key (JSON boolean): whether Cabinet-moved days off close the reading window later. */
export const HONOUR_MOVED_WORKING_DAYS_KEY = 'readings.honourMovedWorkingDays'

interface DatasetRow {
  id: number
  effective_from: string
  content_hash: string
  payload: string
}

interface Cached<T> {
  signature: string
  versions: T[]
}

// Parsed datasets per database and kind; re-read only when the set of stored versions changes, so a
// validation costs one small index query rather than a JSON parse of the whole dataset.
const cache = new WeakMap<Db, Map<string, Cached<unknown>>>()

export function storedVersions<T>(
  db: Db,
  kind: string,
  check: (v: unknown) => { ok: boolean; value?: T },
): T[] {
  const heads = db
    .prepare('SELECT id, content_hash FROM reference_datasets WHERE kind = ? ORDER BY id')
    .all(kind) as Pick<DatasetRow, 'id' | 'content_hash'>[]
  const signature = heads.map((h) => `${h.id}:${h.content_hash}`).join(',')
  let perDb = cache.get(db)
  if (!perDb) cache.set(db, (perDb = new Map()))
  const hit = perDb.get(kind) as Cached<T> | undefined
  if (hit && hit.signature === signature) return hit.versions
  const rows = db
    .prepare('SELECT id, effective_from, content_hash, payload FROM reference_datasets WHERE kind = ?')
    .all(kind) as DatasetRow[]
  const versions: T[] = []
  for (const r of rows) {
    let parsed: unknown
    try {
      parsed = JSON.parse(r.payload)
    } catch {
      continue
    }
    // A stored version that fails its checks is skipped: the built-in default is always safe.
    const checked = check(parsed)
    if (checked.ok && checked.value) versions.push(checked.value)
  }
  perDb.set(kind, { signature, versions })
  return versions
}

export function calendarDataset(db: Db, today: string): CalendarDataset {
  const versions = storedVersions(db, CALENDAR_DATASET_KIND, validateCalendarDataset)
  return datasetInForce([DEFAULT_CALENDAR, ...versions], today) ?? DEFAULT_CALENDAR
}

export function calorificDataset(db: Db, today: string): CalorificDataset {
  const versions = storedVersions(db, CALORIFIC_DATASET_KIND, validateCalorificDataset)
  return datasetInForce([DEFAULT_CALORIFIC, ...versions], today) ?? DEFAULT_CALORIFIC
}

export function honourMovedWorkingDays(db: Db): boolean {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(HONOUR_MOVED_WORKING_DAYS_KEY) as
    { value: string } | undefined
  if (!row) return true
  try {
    return JSON.parse(row.value) !== false
  } catch {
    return true
  }
}

export function calendarOptions(db: Db, today: string): CalendarOptions {
  return { calendar: calendarDataset(db, today), honourMovedWorkingDays: honourMovedWorkingDays(db) }
}
