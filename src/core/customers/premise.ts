/**
 * Rules a new premise and meter get when the central system creates them: the rough gas-quality zone from
 * the postal code (the operator assigns the definitive one) and the load band from the reference data.
 */
export { loadBandOf } from '../reference/load-bands'

export function zoneOfPostalCode(postalCode: string): string {
  const n = Number(postalCode.slice(3, 5))
  if (n < 30) return 'riga'
  if (n < 34) return 'zemgale'
  if (n < 40) return 'kurzeme'
  if (n < 46 || (n >= 48 && n < 50)) return 'vidzeme'
  return 'latgale'
}
