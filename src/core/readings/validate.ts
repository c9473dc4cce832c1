/**
 * The checks a careful desk makes on a meter reading (DOMAIN.md "Readings: what a careful desk checks").
 * Pure: the caller passes the meter, its readings and the calendar setting; the result lists findings
 * that block, warn (the agent must confirm) or inform, plus what saving would record.
 */
import { addMonths, daysBetween, type IsoDate, type IsoMonth } from '../calendar/dates'
import { rigaToday } from '../calendar/riga-time'
import {
  currentOrNextWindow,
  outOfWindowPeriod,
  windowContainingDate,
  type ReadingWindow,
} from '../calendar/window'
import { finding } from './findings'
import { plausibilityFindings, ZERO_STREAK_MONTHS, zeroMonthsBefore } from './plausibility'
import { chronological, consumptionBetween, effectiveReadings, monthlyConsumptionSeries } from './series'
import {
  OUT_OF_WINDOW_REASONS,
  type Finding,
  type FindingCode,
  type ReadingCandidate,
  type ReadingRecord,
  type ValidationContext,
} from './types'

export interface ReadingValidation {
  findings: Finding[]
  /** Any finding blocks saving. */
  blocked: boolean
  /** Warnings not yet confirmed by the agent. */
  needsConfirmation: FindingCode[]
  canSave: boolean
  /** Riga date of the reading. */
  date: IsoDate
  /** The window period it counts for; null when taken outside a window. */
  period: IsoMonth | null
  /**
   * The month the reading closes: `period`, or outside a window (and for an event reading) the month
   * `outOfWindowPeriod` anchors it to. The plausibility checks compare against it and a stored reading
   * takes it as its period.
   */
  anchorPeriod: IsoMonth
  outOfWindow: boolean
  window: ReadingWindow | null
  /** m³ since the last actual reading (or the last estimate if none), across a rollover; null if unknown. */
  consumptionM3: number | null
  /** The reading `consumptionM3` is measured from. */
  baseline: ReadingRecord | null
  /** The earlier reading for the same period that this one corrects. */
  replaces: ReadingRecord | null
  /** The estimate the operator should re-assess (the reading came in below it). */
  estimateToReassess: ReadingRecord | null
}

const isActual = (r: ReadingRecord): boolean => r.status === 'actual' || r.status === 'corrected'

function formatFindings(value: number, digits: number): Finding[] {
  if (!Number.isInteger(value)) return [finding('not-integer', { value: String(value) })]
  if (value < 0) return [finding('negative', { value })]
  if (value >= 10 ** digits) return [finding('too-many-digits', { value, digits })]
  return []
}

export function validateReading(candidate: ReadingCandidate, context: ValidationContext): ReadingValidation {
  const { meter } = context
  const calendar = context.calendar ?? {}
  const date = rigaToday(candidate.at)
  const window = windowContainingDate(date, calendar)
  const period = candidate.event ? null : (window?.month ?? null)
  const anchorPeriod = period ?? outOfWindowPeriod(date)
  const findings: Finding[] = []
  let consumption: number | null = null
  let baseline: ReadingRecord | null = null
  let replaces: ReadingRecord | null = null
  let estimateToReassess: ReadingRecord | null = null

  const done = (): ReadingValidation => {
    const blocked = findings.some((f) => f.severity === 'block')
    const confirmed = new Set(candidate.confirmed ?? [])
    const needsConfirmation = findings
      .filter((f) => f.severity === 'warn' && !confirmed.has(f.code))
      .map((f) => f.code)
    return {
      findings,
      blocked,
      needsConfirmation: [...new Set(needsConfirmation)],
      canSave: !blocked && needsConfirmation.length === 0,
      date,
      period,
      anchorPeriod,
      outOfWindow: window === null,
      window,
      consumptionM3: consumption,
      baseline,
      replaces,
      estimateToReassess,
    }
  }

  findings.push(...formatFindings(candidate.value, meter.digits))

  // The window: outside it a reading needs one of the listed reasons, and is marked out of window. An
  // event reading names its event wherever it is taken.
  if (!window || candidate.event) {
    const reason = candidate.outOfWindowReason
    if (reason && (OUT_OF_WINDOW_REASONS as readonly string[]).includes(reason)) {
      if (!window) findings.push(finding('out-of-window', { reason }))
    } else
      findings.push(
        finding('out-of-window-reason-required', {
          nextOpens: currentOrNextWindow(candidate.at, calendar).opens,
        }),
      )
  }
  if (findings.some((f) => f.severity === 'block' && f.code !== 'out-of-window-reason-required'))
    return done()

  const effective = effectiveReadings(context.readings)

  // A second reading for the period never silently replaces the first: it is a correction with a reason.
  if (period) {
    const first = effective.find((r) => r.period === period)
    if (first) {
      const params = {
        firstId: first.id,
        firstValue: first.value,
        firstDate: first.date,
        firstStatus: first.status,
      }
      if (candidate.correctionReason?.trim()) {
        replaces = first
        findings.push(finding('correction', params))
      } else findings.push(finding('duplicate-period', params))
    }
  }

  const before = () => effective.filter((r) => r !== replaces && r.date <= date).sort(chronological)
  let previous = before()
  if (previous.length === 0) {
    findings.push(finding('first-reading'))
    return done()
  }
  let lastActual = [...previous].reverse().find(isActual) ?? null
  if (lastActual && candidate.value < lastActual.value && !replaces && candidate.correctionReason?.trim()) {
    if (context.mayCorrect) {
      // The last actual reading was wrong (misread, mistyped): this one replaces it, with the reason; the
      // replaced one stays in history. Consumption is then measured from the reading before it.
      replaces = lastActual
      findings.push(
        finding('correction', {
          firstId: lastActual.id,
          firstValue: lastActual.value,
          firstDate: lastActual.date,
          firstStatus: lastActual.status,
        }),
      )
      previous = before()
      if (previous.length === 0) return done()
      lastActual = [...previous].reverse().find(isActual) ?? null
    } else findings.push(finding('correction-not-allowed', { lastValue: lastActual.value }))
  }
  const last = previous[previous.length - 1]
  const days = (from: ReadingRecord): number => Math.max(1, daysBetween(from.date, date))
  const maxFor = (from: ReadingRecord): number => meter.maxFlowM3h * 24 * days(from)

  if (lastActual && candidate.value < lastActual.value) {
    // Lower than the last actual reading: a register rollover can explain it, if physically possible;
    // otherwise the last reading was wrong, which an agent with the right corrects (with a reason).
    const across = consumptionBetween(lastActual.value, candidate.value, meter.digits)
    if (across <= maxFor(lastActual)) {
      findings.push(
        finding('rollover', { lastValue: lastActual.value, lastDate: lastActual.date, consumption: across }),
      )
      consumption = across
      baseline = lastActual
    } else
      findings.push(
        finding(
          'lower-than-last-actual',
          { lastValue: lastActual.value, lastDate: lastActual.date },
          context.mayCorrect ? 'correctable' : 'askSupervisor',
        ),
      )
  } else {
    baseline = lastActual ?? last
    if (last.status === 'estimated' && candidate.value < last.value) {
      // Below a later estimate: accepted; the estimate was too high and goes back to the operator.
      estimateToReassess = last
      findings.push(finding('estimate-reassess', { estimateValue: last.value, estimateDate: last.date }))
      if (!lastActual) baseline = null
    }
    if (baseline) consumption = candidate.value - baseline.value
  }

  if (consumption === null || !baseline) return done()
  if (consumption > maxFor(baseline)) {
    findings.push(
      finding('exceeds-max-flow', {
        consumption,
        max: maxFor(baseline),
        days: days(baseline),
        maxFlow: meter.maxFlowM3h,
      }),
    )
    return done()
  }

  const basisPeriod = anchorPeriod
  const history = monthlyConsumptionSeries(
    effective.filter((r) => r !== replaces),
    { endMonth: addMonths(basisPeriod, -1), months: 24, digits: meter.digits },
  )
  if (consumption === 0) {
    findings.push(finding('zero-consumption'))
    const streak = zeroMonthsBefore(basisPeriod, history) + 1
    if (streak >= ZERO_STREAK_MONTHS) findings.push(finding('zero-streak', { months: streak }))
  } else findings.push(...plausibilityFindings(consumption, days(baseline), basisPeriod, history))
  return done()
}
