import { createRng } from './prng'

export type GasUse = 'heating' | 'water' | 'cooking'

export interface HouseholdProfile {
  use: GasUse
  /** Typical yearly consumption in m3. */
  annualM3: number
}

/**
 * How a premise uses gas, derived from (seed, subscriber number) alone so the premises step (meter
 * size, instalment) and the readings step (consumption) agree without storing it.
 */
export function householdProfile(seed: string, subscriberNumber: string, flat: boolean): HouseholdProfile {
  const rng = createRng('gasdesk-seed-profile', seed, subscriberNumber)
  const use = rng.weighted<GasUse>(
    flat
      ? [
          ['heating', 30],
          ['water', 20],
          ['cooking', 50],
        ]
      : [
          ['heating', 75],
          ['water', 10],
          ['cooking', 15],
        ],
  )
  const annualM3 =
    use === 'heating'
      ? flat
        ? rng.int(450, 1200)
        : rng.int(900, 3200)
      : use === 'water'
        ? rng.int(220, 600)
        : rng.int(50, 220)
  return { use, annualM3 }
}

/** Share of the year's consumption per calendar month (index 0 = January); each sums to 1. */
const HEATING = [0.17, 0.15, 0.13, 0.08, 0.04, 0.02, 0.015, 0.015, 0.03, 0.08, 0.12, 0.15]
const FLAT = Array.from({ length: 12 }, () => 1 / 12)

export function monthlyShare(use: GasUse, month: number): number {
  const i = month - 1
  if (use === 'heating') return HEATING[i]
  if (use === 'water') return 0.5 * FLAT[i] + 0.5 * HEATING[i]
  return FLAT[i]
}

/** Expected monthly balanced-payment instalment in cents, rounded to whole euros (~0.75 EUR/m3 incl. VAT). */
export function instalmentCents(annualM3: number): number {
  return Math.max(500, Math.round((annualM3 * 75) / 12 / 100) * 100)
}
