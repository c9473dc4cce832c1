/**
 * Rules a new premise and meter get when they are created: the rough gas-quality zone from the postal code
 * (the operator assigns the definitive one) and the distribution load band from the meter's maximum flow.
 */
export function zoneOfPostalCode(postalCode: string): string {
  const n = Number(postalCode.slice(3, 5))
  if (n < 30) return 'riga'
  if (n < 34) return 'zemgale'
  if (n < 40) return 'kurzeme'
  if (n < 46 || (n >= 48 && n < 50)) return 'vidzeme'
  return 'latgale'
}

export function loadBandOf(maxFlowM3h: number): 'upto6' | '6to10' | 'over10' {
  if (maxFlowM3h <= 6) return 'upto6'
  if (maxFlowM3h <= 10) return '6to10'
  return 'over10'
}
