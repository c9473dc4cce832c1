import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS } from '../../../core/billing'
import type { Db } from '../../db/open'
import { PERMITTED_LOAD } from '../../seed/steps/billing'

export interface CostEstimate {
  period: { from: string; to: string }
  netCents: number
  vatCents: number
  totalCents: number
}

const monthOf = (date: string): { from: string; to: string } => {
  const [y, m] = date.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` }
}

/**
 * What `kWh` would cost on this meter's premise as one month's invoice at the current tariffs and
 * product price (the calendar month of `date`): the same core computeInvoice the billing run uses.
 * Null when the meter is unknown or its load band has no distribution tariff.
 */
export function estimateCost(db: Db, meterId: string, kWh: number, date: string): CostEstimate | null {
  const row = db
    .prepare(
      `SELECT m.load_band AS band, p.consumption_group AS grp
         FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.id = ?`,
    )
    .get(meterId) as { band: string; grp: number } | undefined
  const load = row ? PERMITTED_LOAD[row.band] : undefined
  if (!row || !load) return null
  const calc = computeInvoice({
    period: monthOf(date),
    consumption: { kWh },
    permittedLoadM3h: load,
    consumptionGroup: row.grp === 2 ? 2 : 1,
    tariffs: DEFAULT_TARIFFS,
    prices: DEFAULT_PRICE_LIST,
  })
  return {
    period: calc.period,
    netCents: calc.netCents,
    vatCents: calc.vatCents,
    totalCents: calc.totalCents,
  }
}
