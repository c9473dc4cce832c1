import { createHash } from 'node:crypto'
import type { ReferenceBody, ReferenceDatasetName, ReferenceList } from '../contract/sync'
import { DEFAULT_TARIFFS } from '../core/billing/default-tariffs'
import type { CalendarOptions } from '../core/calendar/holidays'
import { DEFAULT_CALENDAR } from '../core/reference/calendar-default'
import { DEFAULT_CALORIFIC } from '../core/reference/calorific-default'
import type { Sql } from './db/sql'

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(v)
}

/** What this central publishes: the verified 2025-2026 figures of DOMAIN.md that the core carries. */
export const PUBLISHED: Record<ReferenceDatasetName, unknown> = {
  tariffs: DEFAULT_TARIFFS,
  calorific: DEFAULT_CALORIFIC,
  calendar: DEFAULT_CALENDAR,
}

/** The calendar the central judges reading windows by (Cabinet-moved days honoured, as on desks by default). */
export const centralCalendar = (): CalendarOptions => ({
  calendar: DEFAULT_CALENDAR,
  honourMovedWorkingDays: true,
})

/** Replaces a dataset only when its content hash changed (desks compare hashes and fetch whole). */
export async function publishReference(sql: Sql, datasets = PUBLISHED): Promise<void> {
  for (const [name, body] of Object.entries(datasets)) {
    const text = canonicalJson(body)
    const hash = createHash('sha256').update(text).digest('hex')
    await sql.query(
      `INSERT INTO reference_datasets (name, hash, body, bytes) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (name) DO UPDATE SET hash = EXCLUDED.hash, body = EXCLUDED.body, bytes = EXCLUDED.bytes,
         published_at = now() WHERE reference_datasets.hash <> EXCLUDED.hash`,
      [name, hash, text, Buffer.byteLength(text)],
    )
  }
}

export async function listReference(sql: Sql, now: string): Promise<ReferenceList> {
  const rows = await sql.query<{
    name: ReferenceDatasetName
    hash: string
    published_at: string
    bytes: number
  }>('SELECT name, hash, published_at, bytes FROM reference_datasets ORDER BY name')
  return {
    datasets: rows.map((r) => ({ name: r.name, hash: r.hash, publishedAt: r.published_at, bytes: r.bytes })),
    serverTime: now,
  }
}

export async function getReference(sql: Sql, name: string): Promise<ReferenceBody | null> {
  const rows = await sql.query<{
    name: ReferenceDatasetName
    hash: string
    published_at: string
    body: unknown
  }>('SELECT name, hash, published_at, body FROM reference_datasets WHERE name = $1', [name])
  const r = rows[0]
  return r ? { name: r.name, hash: r.hash, publishedAt: r.published_at, body: r.body } : null
}
