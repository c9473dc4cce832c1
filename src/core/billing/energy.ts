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

/**
 * kWh of consecutive volumes of one month (before and after a move, a vacancy, a final reading), shared by
 * cumulative rounding: part i is round(cv x (v_1 + … + v_i)) - round(cv x (v_1 + … + v_(i-1))). The parts
 * add up exactly to `energyKWh` of the total volume, so no kWh is lost or billed twice; the first part is
 * `energyKWh` of itself and each is within 1 kWh of its exact energy.
 */
export function energyKWhParts(volumesM3: readonly number[], calorificValueKWhPerM3: string): number[] {
  let volume = 0
  let billed = 0
  return volumesM3.map((v) => {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new BillingError('quantity', `volume must be whole non-negative m³: ${v}`)
    volume += v
    const upTo = energyKWh(volume, calorificValueKWhPerM3)
    const part = upTo - billed
    billed = upTo
    return part
  })
}
