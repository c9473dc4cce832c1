/**
 * Change of occupant (lietotāja maiņa): the outgoing customer's final reading ends their supply, the
 * incoming customer's opening reading starts theirs.
 *
 * Day rule (end-of-day readings, like the 31 December reading): a reading dated D is the register at the
 * end of day D. The outgoing customer is supplied up to and including the final reading's day; the
 * incoming customer from the day after the opening reading's day. On a same-day handover both readings
 * are one reading, so nothing is used between them and no day belongs to both; when the incoming customer
 * arrives later, the days and m³ in between are a vacancy, shown, never given to either of them.
 */
import { computeInvoice, type InvoiceCalculation, type InvoiceInput } from '../billing/invoice'
import { energyKWhParts } from '../billing/energy'
import { addDays, daysBetween, isIsoDate, type IsoDate } from '../calendar/dates'
import { consumptionBetween } from '../readings/series'
import { estimateReadingAt, type ReadingEstimate } from '../readings/estimate'
import type { MeterSpec, ReadingRecord } from '../readings/types'
import { checked, problem, type Checked, type Problem } from './problems'
import {
  consumptionOnChain,
  loadChangesWithin,
  type ChainConsumption,
  type MeterSpan,
  type RegisterPoint,
} from './register-chain'

export interface MoveReading {
  date: IsoDate
  value: number
  estimated: boolean
}

export interface OccupantChangeInput {
  today: IsoDate
  meter: MeterSpec
  /** The outgoing customer's final reading (an estimate when no one could read the meter). */
  moveOut: MoveReading
  /**
   * The incoming customer's opening reading; `value: null` on the final reading's day means "the same
   * reading". Absent when no one moves in yet (contract end, vacant premise).
   */
  moveIn?: { date: IsoDate; value: number | null } | null
}

export interface OccupantChange {
  outgoing: { lastSupplyDay: IsoDate; finalReading: MoveReading }
  incoming: { firstSupplyDay: IsoDate; openingReading: MoveReading; sameReading: boolean } | null
  /** Days nobody is supplied; `to`, `days` and `m3` are null while no one has moved in. */
  vacancy: { from: IsoDate; to: IsoDate | null; days: number | null; m3: number | null } | null
  /** The incoming customer's actual reading of the same day replaced the outgoing customer's estimate. */
  estimateReplaced: boolean
  /** The opening reading came in below an estimated final reading: that estimate goes back for re-assessment. */
  finalEstimateTooHigh: boolean
}

export function planOccupantChange(input: OccupantChangeInput): Checked<OccupantChange> {
  const { moveOut, moveIn, meter } = input
  if (!isIsoDate(moveOut.date) || (moveIn && !isIsoDate(moveIn.date)))
    throw new RangeError('move dates must be ISO calendar dates')
  const problems: Problem[] = []
  if (moveOut.date > input.today) problems.push(problem('reading-in-future', 'moveOut.date'))
  if (!moveIn)
    return checked(problems, () => ({
      outgoing: { lastSupplyDay: moveOut.date, finalReading: moveOut },
      incoming: null,
      vacancy: { from: addDays(moveOut.date, 1), to: null, days: null, m3: null },
      estimateReplaced: false,
      finalEstimateTooHigh: false,
    }))
  if (moveIn.date > input.today) problems.push(problem('reading-in-future', 'moveIn.date'))
  if (moveIn.date < moveOut.date) problems.push(problem('move-in-before-move-out', 'moveIn.date'))

  let final = moveOut
  let opening: MoveReading
  let estimateReplaced = false
  let finalEstimateTooHigh = false
  if (moveIn.date === moveOut.date) {
    // One handover, one reading.
    if (moveIn.value === null || moveIn.value === moveOut.value) opening = moveOut
    else if (moveOut.estimated) {
      final = { ...moveOut, value: moveIn.value, estimated: false }
      opening = final
      estimateReplaced = true
    } else {
      problems.push(problem('opening-differs-from-final', 'moveIn.value', { final: moveOut.value }))
      opening = moveOut
    }
  } else {
    if (moveIn.value === null) {
      problems.push(problem('opening-required', 'moveIn.value'))
      return { ok: false, problems }
    }
    opening = { date: moveIn.date, value: moveIn.value, estimated: false }
    if (opening.value < final.value) {
      const days = daysBetween(final.date, opening.date)
      if (final.estimated) finalEstimateTooHigh = true
      else if (consumptionBetween(final.value, opening.value, meter.digits) > meter.maxFlowM3h * 24 * days)
        problems.push(problem('opening-below-final', 'moveIn.value', { final: final.value }))
    }
  }
  return checked(problems, () => {
    const same = opening === final
    const vacancyDays = daysBetween(final.date, opening.date)
    return {
      outgoing: { lastSupplyDay: final.date, finalReading: final },
      incoming: { firstSupplyDay: addDays(opening.date, 1), openingReading: opening, sameReading: same },
      vacancy:
        vacancyDays === 0
          ? null
          : {
              from: addDays(final.date, 1),
              to: opening.date,
              days: vacancyDays,
              m3: finalEstimateTooHigh
                ? opening.value - final.value
                : consumptionBetween(final.value, opening.value, meter.digits),
            },
      estimateReplaced,
      finalEstimateTooHigh,
    }
  })
}

/**
 * The final reading when nobody can read the meter at the move-out: an estimate from the premise's own
 * history (readings/estimate), flagged as estimated so the next actual reading corrects it. Without enough
 * history there is no estimate and the desk needs an actual reading.
 */
export function estimatedFinalReading(
  readings: readonly ReadingRecord[],
  date: IsoDate,
  meter: MeterSpec,
): Checked<MoveReading & { basis: ReadingEstimate }> {
  const e = estimateReadingAt(readings, date, meter)
  if (!e) return { ok: false, problems: [problem('no-history-for-estimate', 'moveOut.value')] }
  return { ok: true, value: { date, value: e.value, estimated: true, basis: e } }
}

export type OccupantRole = 'outgoing' | 'vacant' | 'incoming'

export interface SharedPeriodPart {
  role: OccupantRole
  period: { from: IsoDate; to: IsoDate }
  consumption: ChainConsumption
  kWh: number
  invoice: InvoiceCalculation
}

export interface SharedPeriodInput {
  /** The billing period the change falls in (usually a calendar month). */
  period: { from: IsoDate; to: IsoDate }
  chain: readonly MeterSpan[]
  /** The reading the period starts from and the one that closes it. */
  opening: RegisterPoint
  closing: RegisterPoint
  /** The outgoing customer's final reading and the incoming customer's opening reading (the same on one day). */
  finalReading: RegisterPoint
  openingReading: RegisterPoint
  calorificValue: string
  pricing: Pick<InvoiceInput, 'permittedLoadM3h' | 'consumptionGroup' | 'tariffs' | 'prices'>
}

/**
 * One billing period shared between the outgoing customer, a vacancy (if any) and the incoming customer:
 * days by the day rule above, m³ by readings (across meter exchanges), kWh from the m³ by cumulative
 * rounding (energyKWhParts), one invoice calculation per part. The parts' m³ and kWh add up exactly to
 * the period's, and their distribution fixed parts exactly to the period's fixed part (computeInvoice
 * rounds a month's fixed fee cumulatively from its 1st).
 */
export function splitSharedPeriod(input: SharedPeriodInput): SharedPeriodPart[] {
  const { period, finalReading: fin, openingReading: open } = input
  if (!(input.opening.date <= fin.date && fin.date <= open.date && open.date <= input.closing.date))
    throw new RangeError('readings must be in order: period opening, final, opening, period closing')
  if (fin.date < addDays(period.from, -1) || open.date > period.to)
    throw new RangeError('the change must fall inside the period')
  const sameReading = fin.date === open.date && fin.meterId === open.meterId && fin.value === open.value
  if (fin.date === open.date && !sameReading) throw new RangeError('a same-day handover has one reading')
  const raw: Array<{ role: OccupantRole; from: IsoDate; to: IsoDate; a: RegisterPoint; b: RegisterPoint }> = [
    { role: 'outgoing', from: period.from, to: fin.date, a: input.opening, b: fin },
    { role: 'vacant', from: addDays(fin.date, 1), to: open.date, a: fin, b: open },
    { role: 'incoming', from: addDays(open.date, 1), to: period.to, a: open, b: input.closing },
  ]
  const withM3 = raw.map((p) => ({ ...p, consumption: consumptionOnChain(input.chain, p.a, p.b) }))
  // A part without days (a handover on the period's last day, one reading for both) must have no m³ either.
  for (const p of withM3)
    if (p.from > p.to && p.consumption.m3 !== 0)
      throw new RangeError(`${p.consumption.m3} m³ of the ${p.role} customer fall outside the period`)
  const parts = withM3.filter((p) => p.from <= p.to)
  const consumption = parts.map((p) => p.consumption)
  const kWh = energyKWhParts(
    consumption.map((c) => c.m3),
    input.calorificValue,
  )
  return parts.map((p, i) => ({
    role: p.role,
    period: { from: p.from, to: p.to },
    consumption: consumption[i],
    kWh: kWh[i],
    invoice: computeInvoice({
      ...input.pricing,
      period: { from: p.from, to: p.to },
      consumption: { kWh: kWh[i] },
      loadChanges: loadChangesWithin(input.chain, p.from, p.to),
    }),
  }))
}
