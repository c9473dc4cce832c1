import {
  BillingError,
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  type TariffDataset,
} from '../../../core/billing'
import { lastDayOfMonth, monthOf } from '../../../core/calendar'
import { isMeterLoadBand, permittedLoadM3h } from '../../../core/reference/load-bands'
import type { Db } from '../../db/open'

export interface CostEstimate {
  period: { from: string; to: string }
  netCents: number
  vatCents: number
  totalCents: number
}

/**
 * What `kWh` would cost on this meter's premise as one month's invoice at the current tariffs and
 * product price (the calendar month of `date`): the same core computeInvoice the billing run uses.
 * Null when the meter is unknown or the tariffs in force have no distribution band for its permitted load
 * (the household tariffs end at 10 m³/h).
 */
export function estimateCost(
  db: Db,
  meterId: string,
  kWh: number,
  date: string,
  tariffs: TariffDataset = DEFAULT_TARIFFS,
): CostEstimate | null {
  const row = db
    .prepare(
      `SELECT m.load_band AS band, m.max_flow_m3h AS maxFlow, p.consumption_group AS grp
         FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.id = ?`,
    )
    .get(meterId) as { band: string; maxFlow: number; grp: number } | undefined
  if (!row || !isMeterLoadBand(row.band)) return null
  const month = monthOf(date)
  let calc
  try {
    calc = computeInvoice({
      period: { from: `${month}-01`, to: lastDayOfMonth(month) },
      consumption: { kWh },
      permittedLoadM3h: permittedLoadM3h(row.band, row.maxFlow),
      consumptionGroup: row.grp === 2 ? 2 : 1,
      tariffs,
      prices: DEFAULT_PRICE_LIST,
    })
  } catch (e) {
    if (e instanceof BillingError && e.reason === 'load-band') return null
    throw e
  }
  return {
    period: calc.period,
    netCents: calc.netCents,
    vatCents: calc.vatCents,
    totalCents: calc.totalCents,
  }
}
