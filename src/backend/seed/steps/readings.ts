import { BulkInsert } from '../bulk'
import type { SeedAgent, SeedContext, SeedStep } from '../context'
import { addDays, daysInIsoMonth, monthOf, monthOfYear } from '../../../core/calendar'
import { instantOn } from '../context'
import type { Rng } from '../prng'
import { householdProfile, monthlyShare } from '../profile'

const HEAD = `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, channel, agent_id,
  on_behalf_of, created_at, out_of_window, reason, corrects_reading_id, flags, version) VALUES`
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, 1)'

interface MeterRow {
  _r: number
  id: string
  digits: number
  installed_at: string
  subscriber_number: string
  apartment: string | null
  customer_id: string
  preferred_language: string
}

/** Calendar facts of one reading period, computed once rather than per meter. */
interface PeriodInfo {
  period: string
  month: number
  /** Candidate report days: the 27th to the month's end, then the 1st and 2nd of the next month. */
  days: string[]
  /** How many of `days` are in the period's own month. */
  inMonth: number
  /** When the operator's estimate is dated; '' when that is not before today. */
  estimateDate: string
}

function periodInfo(period: string, today: string): PeriodInfo {
  const last = daysInIsoMonth(period)
  const days: string[] = []
  for (let d = 27; d <= last; d++) days.push(`${period}-${d}`)
  const end = `${period}-${last}`
  const estimateDate = addDays(end, 5)
  const all = [...days, addDays(end, 1), addDays(end, 2)].filter((d) => d < today)
  return {
    period,
    month: monthOfYear(period),
    days: all,
    inMonth: all.filter((d) => d.startsWith(period)).length,
    estimateDate: estimateDate < today ? estimateDate : '',
  }
}

/** Mostly the 27th to the month's end, ~15 % on the 1st or 2nd of the next month. */
function reportDay(rng: Rng, p: PeriodInfo): string {
  const inMonth = p.inMonth
  const k =
    rng.chance(0.15) && p.days.length > inMonth
      ? rng.int(inMonth, p.days.length - 1)
      : rng.int(0, inMonth - 1)
  return p.days[k]
}

/**
 * 24 monthly readings per meter up to the last window opened before `today`: cumulative register
 * values from seasonal consumption (more in winter), ~8 % operator estimates (which may overshoot the
 * next actual value, as real estimates do), actual readings from the portal, web form, SMS or an agent.
 * No reading is dated on or after `today`. Rows go in multi-row INSERTs of 500 (far fewer calls).
 */
export const readingsStep: SeedStep = {
  name: 'readings',
  summary: '24 months of monthly readings per meter',
  run(ctx: SeedContext) {
    const { db } = ctx
    const periods = ctx.periods.map((p) => periodInfo(p, ctx.options.today))
    const rng = ctx.rng('readings')
    const nextId = ctx.ids('readings')
    const insert = new BulkInsert(db, HEAD, ROW, 500)
    const agentFor = (language: string): SeedAgent =>
      ctx.agents.find((a) => a.language === language) ?? ctx.agents[rng.int(0, ctx.agents.length - 1)]
    let done = 0
    ctx.eachPage<MeterRow>(
      `SELECT m.rowid AS _r, m.id, m.digits, m.installed_at, p.subscriber_number, p.apartment, p.customer_id,
         c.preferred_language
       FROM meters m JOIN premises p ON p.id = m.premise_id JOIN customers c ON c.id = p.customer_id
       WHERE m.removed_at IS NULL`,
      (meters) => {
        for (const m of meters) {
          const profile = householdProfile(ctx.options.seed, m.subscriber_number, m.apartment !== null)
          // Leave room for 24 months so the register never rolls over in demo data.
          let truth = rng.int(0, 10 ** m.digits - 1 - profile.annualM3 * 3)
          // A meter installed late in a month is first read the month after.
          const firstPeriod =
            Number(m.installed_at.slice(8, 10)) <= 20
              ? monthOf(m.installed_at)
              : monthOf(addDays(m.installed_at, 15))
          let lastRecorded = truth
          for (const p of periods) {
            if (p.period < firstPeriod) continue
            const vacant = rng.chance(0.01)
            truth += vacant
              ? 0
              : Math.round(profile.annualM3 * monthlyShare(profile.use, p.month) * (0.8 + rng.next() * 0.4))
            if (p.estimateDate && rng.chance(0.08)) {
              // The operator estimates the month's use from history and adds it to the last value on
              // record: never below it, though it may overshoot the register (the next actual corrects it).
              const usual = profile.annualM3 * monthlyShare(profile.use, p.month)
              const guess = lastRecorded + Math.round(usual * (0.7 + rng.next() * 0.6))
              lastRecorded = guess
              insert.add(
                nextId(),
                m.id,
                guess,
                p.estimateDate,
                p.period,
                'operator_estimate',
                'estimated',
                null,
                null,
                null,
                instantOn(p.estimateDate, 60),
              )
              continue
            }
            const date = reportDay(rng, p)
            const source = rng.weighted(SOURCES)
            const agent = source === 'agent' ? agentFor(m.preferred_language) : null
            const channel = source === 'portal' ? 'portal' : agent ? rng.weighted(AGENT_CHANNELS) : null
            lastRecorded = truth
            insert.add(
              nextId(),
              m.id,
              truth,
              date,
              p.period,
              source,
              'actual',
              channel,
              agent?.id ?? null,
              agent ? m.customer_id : null,
              instantOn(date, rng.int(360, 1260)),
            )
          }
        }
        insert.flush()
        done += meters.length
        ctx.log(`readings for ${done} meters`)
      },
      'm.rowid',
    )
  },
}

const SOURCES = [
  ['portal', 60],
  ['web', 15],
  ['sms', 15],
  ['agent', 10],
] as const
const AGENT_CHANNELS = [
  ['phone', 60],
  ['visit', 30],
  ['email', 10],
] as const
