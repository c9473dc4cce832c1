import { mul, parseDecimal, rational, roundToInteger } from './decimal'
import { BillingError } from './errors'

/**
 * kWh for the invoice: whole m³ (the black digits of the meter) times the gross calorific value of the
 * zone and month, rounded to whole kWh as printed on the invoice (5 m³ x 10.55 = 52.75 -> 53 kWh).
 */
export function energyKWh(volumeM3: number, calorificValueKWhPerM3: string): number {
  if (!Number.isSafeInteger(volumeM3) || volumeM3 < 0)
    throw new BillingError('quantity', `volume must be whole non-negative m³: ${volumeM3}`)
  return Number(roundToInteger(mul(rational(volumeM3), parseDecimal(calorificValueKWhPerM3))))
}

/** DOMAIN.md: the fallback gross calorific value when the operator’s monthly value is not known. */
export const FALLBACK_CALORIFIC_VALUE = '10.538'
