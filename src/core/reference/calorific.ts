/**
 * Gross calorific values (kWh per m³) by gas zone and month, published monthly by the distribution
 * operator; a versioned reference dataset like the calendar. JSON-safe.
 */
import { isIsoDate, isIsoMonth, type IsoDate, type IsoMonth } from '../calendar/dates'
import type { DatasetCheck, DatasetIssue } from './calendar'

export const CALORIFIC_DATASET_KIND = 'gasdesk.calorific.lv'

export interface CalorificValue {
  zone: string
  month: IsoMonth
  /** kWh/m³, at most 4 decimals. */
  kwhPerM3: number
}

export interface CalorificDataset {
  kind: typeof CALORIFIC_DATASET_KIND
  version: string
  effectiveFrom: IsoDate
  /** Used when no value is published for the zone and month (DOMAIN.md: 10.538). */
  fallbackKwhPerM3: number
  values: CalorificValue[]
  source: string
}

/** Calorific values are handled in ten-thousandths to keep the kWh rounding exact. */
export const CALORIFIC_SCALE = 10_000

export function isValidCalorific(v: unknown): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 100) return false
  return Math.abs(v * CALORIFIC_SCALE - Math.round(v * CALORIFIC_SCALE)) < 1e-6
}

export function validateCalorificDataset(input: unknown): DatasetCheck<CalorificDataset> {
  const issues: DatasetIssue[] = []
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: [{ path: '', code: 'not-object' }] }
  const o = input as Record<string, unknown>
  if (o.kind !== CALORIFIC_DATASET_KIND) issues.push({ path: 'kind', code: 'wrong-kind' })
  for (const f of ['version', 'source'])
    if (typeof o[f] !== 'string' || o[f] === '')
      issues.push({ path: f, code: o[f] === undefined ? 'missing' : 'wrong-type' })
  if (!isIsoDate(o.effectiveFrom)) issues.push({ path: 'effectiveFrom', code: 'bad-date' })
  if (!isValidCalorific(o.fallbackKwhPerM3)) issues.push({ path: 'fallbackKwhPerM3', code: 'wrong-type' })
  if (!Array.isArray(o.values))
    issues.push({ path: 'values', code: o.values === undefined ? 'missing' : 'wrong-type' })
  else {
    const seen = new Set<string>()
    o.values.forEach((v: unknown, i) => {
      const path = `values[${i}]`
      if (typeof v !== 'object' || v === null) return void issues.push({ path, code: 'not-object' })
      const r = v as Record<string, unknown>
      if (typeof r.zone !== 'string' || r.zone === '')
        issues.push({ path: `${path}.zone`, code: 'wrong-type' })
      if (!isIsoMonth(r.month)) issues.push({ path: `${path}.month`, code: 'bad-date' })
      if (!isValidCalorific(r.kwhPerM3)) issues.push({ path: `${path}.kwhPerM3`, code: 'wrong-type' })
      const key = `${String(r.zone)}|${String(r.month)}`
      if (seen.has(key)) issues.push({ path, code: 'duplicate' })
      seen.add(key)
    })
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: input as CalorificDataset }
}
