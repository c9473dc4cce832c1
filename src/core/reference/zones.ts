/** Gas-quality zones: calorific values (kWh per m³) are published per zone and month. */
export const GAS_ZONES = ['riga', 'kurzeme', 'zemgale', 'vidzeme', 'latgale'] as const
export type GasZone = (typeof GAS_ZONES)[number]

/**
 * The zone a postal code most likely lies in (by its LV-NN.. district prefix), offered as the default in
 * the new-customer form; the agent can choose another, and the central system corrects it on sync.
 */
export function suggestGasZone(postalCode: string): GasZone | null {
  const m = /^LV-(\d{2})\d{2}$/u.exec(postalCode)
  if (!m) return null
  const n = Number(m[1])
  if (n < 30) return 'riga'
  if (n < 34) return 'zemgale'
  if (n < 40) return 'kurzeme'
  if (n < 46 || (n >= 48 && n < 50)) return 'vidzeme'
  return 'latgale'
}
