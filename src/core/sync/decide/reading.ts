import { rigaToday } from '../../calendar/riga-time'
import type { FindingCode, OutOfWindowReason, ReadingRecord, ReadingSource } from '../../readings/types'
import { validateReading } from '../../readings/validate'
import type { ReadingRow, ReadingRowSource } from '../rows'
import { applied, conflict, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

/** `reading.record` args (latest version): the intent as the desk resolved it. */
export interface ReadingRecordIntent {
  readingId: string
  meterId: string
  value: number
  /** The instant the reading counts as taken, resolved on the desk. */
  takenAt: string
  outOfWindowReason?: OutOfWindowReason | null
  correctionReason?: string | null
  confirmed?: readonly FindingCode[]
  channel: 'visit' | 'phone' | 'email' | 'letter'
}

const CORE_SOURCE: Record<ReadingRowSource, ReadingSource> = {
  agent: 'agent',
  portal: 'portal',
  web: 'web-form',
  sms: 'sms',
  operator_estimate: 'operator-estimate',
}

/** The core's view of a stored reading: a reading outside a window has no period there. */
export function toReadingRecord(r: ReadingRow): ReadingRecord {
  return {
    id: r.id,
    value: r.value,
    date: r.reading_date,
    period: r.out_of_window ? null : r.period,
    status: r.status,
    recordedAt: r.created_at,
    replaces: r.corrects_reading_id,
    source: CORE_SOURCE[r.source],
  }
}

const FORMAT_BLOCKS: readonly FindingCode[] = [
  'not-integer',
  'negative',
  'too-many-digits',
  'out-of-window-reason-required',
  'exceeds-max-flow',
]

/**
 * Readings are append-only submissions with their own ids (SYNC.md): the same id again changes nothing,
 * the same value for an already-read period merges into the reading that stands; a different value, a value
 * lower than the last accepted one, a period already billed, or a reading judged on a suspect clock goes to
 * a person. A reading the rules refuse outright (bad digits, no reason outside the window) is rejected.
 */
export function decideReadingRecord(
  state: SyncStateView,
  args: ReadingRecordIntent,
  ctx: DecideContext,
): Decision {
  const meter = state.meter(args.meterId)
  if (!meter) return rejected('not-found', { meterId: args.meterId })
  const stored = state.readingsOf(meter.id)
  if (stored.some((r) => r.id === args.readingId)) return applied({}, { readingId: args.readingId })
  const premise = state.premise(meter.premise_id)
  if (!premise) return rejected('not-found', { premiseId: meter.premise_id })

  const date = rigaToday(args.takenAt)
  if (ctx.clockSuspect)
    return conflict('clock-suspect', { takenAt: args.takenAt, serverTime: ctx.now, value: args.value })
  if (date > rigaToday(ctx.now)) return rejected('future-date', { date, today: rigaToday(ctx.now) })
  if (date < meter.installed_at)
    return rejected('before-installed', { date, installedAt: meter.installed_at })
  if (meter.removed_at && date > meter.removed_at)
    return rejected('meter-removed', { date, removedAt: meter.removed_at })

  const v = validateReading(
    {
      value: args.value,
      at: args.takenAt,
      outOfWindowReason: args.outOfWindowReason ?? null,
      correctionReason: args.correctionReason ?? null,
      confirmed: args.confirmed ?? [],
    },
    {
      meter: { digits: meter.digits, maxFlowM3h: meter.max_flow_m3h },
      readings: stored.map(toReadingRecord),
      calendar: ctx.calendar,
    },
  )
  const codes = v.findings.map((f) => f.code)
  const formatBlock = codes.filter((c) => FORMAT_BLOCKS.includes(c))
  if (formatBlock.length > 0) return rejected('invalid-reading', { findings: formatBlock })

  const duplicate = v.findings.find((f) => f.code === 'duplicate-period')
  if (duplicate) {
    const firstId = String(duplicate.params.firstId)
    const first = stored.find((r) => r.id === firstId)
    if (first && first.value === args.value)
      return applied({}, { readingId: args.readingId, mergedInto: firstId })
    return conflict('reading-differs', {
      period: v.period,
      mine: { readingId: args.readingId, value: args.value, date },
      theirs: first
        ? { readingId: first.id, value: first.value, date: first.reading_date, source: first.source }
        : null,
    })
  }
  if (codes.includes('lower-than-last-actual')) {
    const f = v.findings.find((x) => x.code === 'lower-than-last-actual')!
    return conflict('lower-than-last', { mine: { value: args.value, date }, last: f.params })
  }

  const period = v.anchorPeriod
  if (premise.billed_through && period <= premise.billed_through)
    return conflict('period-billed', { period, billedThrough: premise.billed_through, value: args.value })

  const reason = v.replaces
    ? (args.correctionReason ?? '').trim()
    : v.outOfWindow
      ? (args.outOfWindowReason ?? null)
      : null
  const confirmed = new Set(args.confirmed ?? [])
  const row: ReadingRow = {
    id: args.readingId,
    meter_id: meter.id,
    value: args.value,
    reading_date: date,
    period,
    source: 'agent',
    status: v.replaces ? 'corrected' : 'actual',
    channel: args.channel,
    agent_id: ctx.agentId,
    on_behalf_of: premise.customer_id,
    out_of_window: v.outOfWindow,
    reason: reason || null,
    corrects_reading_id: v.replaces?.id ?? null,
    flags: {
      findings: codes,
      confirmed: [...confirmed],
      // Warnings the central found that the desk had not (its history differed): kept for a person to see.
      ...(v.needsConfirmation.length > 0 ? { unconfirmedAtCentral: v.needsConfirmation } : {}),
      ...(v.estimateToReassess ? { estimateToReassess: v.estimateToReassess.id } : {}),
    },
    version: 1,
    created_at: ctx.now,
  }
  const readings: ReadingRow[] = [row]
  const estimate = v.estimateToReassess ? stored.find((r) => r.id === v.estimateToReassess?.id) : undefined
  if (estimate)
    readings.push({
      ...estimate,
      flags: { ...(estimate.flags ?? {}), reassess: true, reassessBecause: row.id },
      version: estimate.version + 1,
    })
  return applied({ readings }, { readingId: row.id, period, status: row.status })
}
