/** Gas-quality zones: calorific values (kWh per m³) are published per zone and month. */
export const GAS_ZONES = ['riga', 'kurzeme', 'zemgale', 'vidzeme', 'latgale'] as const
export type GasZone = (typeof GAS_ZONES)[number]

// Latvian postal districts (the NN of LV-NN..) and the region they lie in; a few three-digit areas
// differ from their district (Sigulda, LV-215., lies in Vidzeme).
// prettier-ignore
const BY_DISTRICT: Record<string, GasZone> = {
  '10': 'riga', '11': 'riga', '12': 'riga', '13': 'riga', '14': 'riga', '15': 'riga', '16': 'riga',
  '17': 'riga', '18': 'riga', '19': 'riga', '20': 'riga', '21': 'riga',
  '30': 'zemgale', '31': 'kurzeme', '32': 'kurzeme', '33': 'kurzeme', '34': 'kurzeme', '35': 'kurzeme',
  '36': 'kurzeme', '37': 'zemgale', '38': 'kurzeme', '39': 'zemgale',
  '40': 'vidzeme', '41': 'vidzeme', '42': 'vidzeme', '43': 'vidzeme', '44': 'vidzeme', '45': 'latgale',
  '46': 'latgale', '47': 'vidzeme', '48': 'vidzeme',
  '50': 'vidzeme', '51': 'vidzeme', '52': 'zemgale', '53': 'latgale', '54': 'latgale', '55': 'latgale',
  '56': 'latgale', '57': 'latgale',
}
const BY_AREA: Record<string, GasZone> = { '215': 'vidzeme' }

/**
 * The zone a postal code most likely lies in, offered as the default in the new-customer form; the agent
 * can choose another, and the central system corrects it on sync. Null when the district is unknown.
 */
export function suggestGasZone(postalCode: string): GasZone | null {
  const m = /^LV-(\d{4})$/u.exec(postalCode)
  if (!m) return null
  return BY_AREA[m[1].slice(0, 3)] ?? BY_DISTRICT[m[1].slice(0, 2)] ?? null
}
