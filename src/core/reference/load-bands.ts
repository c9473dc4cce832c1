/**
 * The distribution load band a meter is stored with (`meters.load_band`) and the permitted load (m³/h) it
 * stands for: the tariff tables key the distribution fixed part by permitted load (DOMAIN.md "Billing").
 * 'upto4' and '4to6' are the 2026 split of 'upto6'; 'over10' has no upper bound, so such a meter's own
 * maximum flow is its permitted load.
 */
export const METER_LOAD_BANDS = ['upto4', '4to6', 'upto6', '6to10', 'over10'] as const
export type MeterLoadBand = (typeof METER_LOAD_BANDS)[number]

const PERMITTED_LOAD: Record<MeterLoadBand, string | null> = {
  upto4: '4',
  '4to6': '6',
  upto6: '6',
  '6to10': '10',
  over10: null,
}

export function isMeterLoadBand(s: unknown): s is MeterLoadBand {
  return typeof s === 'string' && (METER_LOAD_BANDS as readonly string[]).includes(s)
}

/** The permitted load (decimal m³/h, as the tariff tables write it) of a meter in `band`. */
export function permittedLoadM3h(band: MeterLoadBand, maxFlowM3h: number): string {
  return PERMITTED_LOAD[band] ?? String(maxFlowM3h)
}

/** The band a new meter gets from its maximum flow. */
export function loadBandOf(maxFlowM3h: number): 'upto6' | '6to10' | 'over10' {
  if (maxFlowM3h <= 6) return 'upto6'
  if (maxFlowM3h <= 10) return '6to10'
  return 'over10'
}
