import type { IsoMonth } from '../calendar/dates'
import { CALORIFIC_SCALE, isValidCalorific, type CalorificDataset } from '../reference/calorific'
import { DEFAULT_CALORIFIC } from '../reference/calorific-default'

export interface CalorificLookup {
  kwhPerM3: number
  /** True when no value is published for the zone and month and the fallback was used. */
  fallback: boolean
}

export function calorificValueFor(
  zone: string,
  month: IsoMonth,
  dataset: CalorificDataset = DEFAULT_CALORIFIC,
): CalorificLookup {
  const hit = dataset.values.find((v) => v.zone === zone && v.month === month)
  return hit
    ? { kwhPerM3: hit.kwhPerM3, fallback: false }
    : { kwhPerM3: dataset.fallbackKwhPerM3, fallback: true }
}

/**
 * m³ -> kWh rounded to whole kWh, half away from zero (DOMAIN.md: 5 m³ x 10.55 = 52.75 -> 53). Computed
 * in integers (calorific value in ten-thousandths) so binary floating point never tips a .5 the wrong way.
 */
export function m3ToKwh(m3: number, kwhPerM3: number): number {
  if (!Number.isInteger(m3)) throw new RangeError('m³ must be a whole number')
  if (!isValidCalorific(kwhPerM3)) throw new RangeError(`Not a calorific value: ${kwhPerM3}`)
  const scaled = Math.abs(m3) * Math.round(kwhPerM3 * CALORIFIC_SCALE)
  const kwh = Math.floor((scaled + CALORIFIC_SCALE / 2) / CALORIFIC_SCALE)
  return m3 < 0 ? -kwh : kwh
}
