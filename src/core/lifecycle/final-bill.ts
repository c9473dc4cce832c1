/**
 * The final bill at a move-out or contract end, from the day after the last billed day to the contract's
 * last supply day (the final reading's day): a final invoice for invoice billing, a final statement for
 * balanced payment (the open months' actual cost against the instalments paid). Both are the existing
 * billing rules (computeInvoice, buildStatement) over that period; what this adds is choosing the
 * period, pricing a last partial month, and saying how the account settles.
 */
import { buildStatement, type Statement } from '../billing/balanced'
import { addDays, addMonths, isIsoDate, lastDayOfMonth, monthOf } from '../calendar/dates'
import { DEFAULT_PAYMENT_RULES, type PaymentRules } from '../billing/default-tariffs'
import { paymentDueDate } from '../billing/due'
import { computeInvoice, type InvoiceCalculation, type InvoiceInput } from '../billing/invoice'
import { allocateByWeights, splitPeriod } from '../billing/proration'
import type { IsoDate, IsoMonth } from '../calendar/dates'
import { checked, problem, type Checked, type Problem } from './problems'

export type Pricing = Pick<
  InvoiceInput,
  'permittedLoadM3h' | 'loadChanges' | 'consumptionGroup' | 'tariffs' | 'prices'
>

interface FinalCommon {
  /** The last day an earlier invoice or statement already covers. */
  lastBilledThrough: IsoDate
  /** The contract's last supply day: the final reading's day. */
  endDate: IsoDate
  today: IsoDate
  /** The final reading is an estimate (printed as such; the next actual reading corrects it). */
  estimated: boolean
  pricing: Pricing
  rules?: PaymentRules
}

export interface FinalInvoiceInput extends FinalCommon {
  billingType: 'invoice'
  /** m³ (or kWh) from the reading that closed the last billed day to the final reading. */
  consumption: InvoiceInput['consumption']
}

export interface FinalStatementInput extends FinalCommon {
  billingType: 'balanced'
  /** kWh of each month of the period, in order (`shareKWhByDays` when only one interval is known). */
  kWhByMonth: ReadonlyArray<{ month: IsoMonth; kWh: number }>
  /** Instalments billed and paid for months of the period; a month not listed had none. */
  instalments: ReadonlyArray<{ month: IsoMonth; instalmentCents: number; paidCents: number }>
}

export type FinalBill =
  | { kind: 'none'; reason: 'already-billed' }
  | {
      kind: 'final-invoice'
      period: { from: IsoDate; to: IsoDate }
      invoice: InvoiceCalculation
      dueDate: IsoDate
      estimated: boolean
    }
  | {
      kind: 'final-statement'
      period: { from: IsoDate; to: IsoDate }
      /** Each month's cost as an invoice calculation (the last month up to the end date only). */
      months: Array<{ month: IsoMonth; period: { from: IsoDate; to: IsoDate }; cost: InvoiceCalculation }>
      statement: Statement
      /** An advance is paid back at the end of a contract (refund request); a shortfall is due. */
      settlement: 'refund' | 'due' | 'settled'
      dueDate: IsoDate | null
      estimated: boolean
    }

/** The months of [from, to] with the days of each inside it. */
function monthsOf(from: IsoDate, to: IsoDate): Array<{ month: IsoMonth; from: IsoDate; to: IsoDate }> {
  const out = []
  for (let m = monthOf(from); m <= monthOf(to); m = addMonths(m, 1)) {
    const first = `${m}-01`
    const last = lastDayOfMonth(m)
    out.push({ month: m, from: from > first ? from : first, to: to < last ? to : last })
  }
  return out
}

/**
 * kWh of one reading interval shared out over its months by days (cumulative rounding: they add up
 * exactly). Gas use is seasonal, so prefer real monthly readings; this is for balanced-payment premises
 * read only twice a year.
 */
export function shareKWhByDays(
  kWh: number,
  from: IsoDate,
  to: IsoDate,
): Array<{ month: IsoMonth; kWh: number }> {
  const months = monthsOf(from, to)
  const days = splitPeriod(
    from,
    to,
    months.slice(1).map((m) => m.from),
  ).map((s) => s.days)
  const shares = allocateByWeights(kWh, days)
  return months.map((m, i) => ({ month: m.month, kWh: shares[i] }))
}

export function finalBill(input: FinalInvoiceInput | FinalStatementInput): Checked<FinalBill> {
  if (!isIsoDate(input.lastBilledThrough) || !isIsoDate(input.endDate) || !isIsoDate(input.today))
    throw new RangeError('final bill dates must be ISO calendar dates')
  const rules = input.rules ?? DEFAULT_PAYMENT_RULES
  const problems: Problem[] = []
  if (input.endDate > input.today) problems.push(problem('end-in-future', 'endDate'))
  if (input.endDate < input.lastBilledThrough)
    problems.push(problem('end-before-billed', 'endDate', { lastBilledThrough: input.lastBilledThrough }))
  if (problems.length) return { ok: false, problems }
  if (input.endDate === input.lastBilledThrough)
    return { ok: true, value: { kind: 'none', reason: 'already-billed' } }

  const from = addDays(input.lastBilledThrough, 1)
  const to = input.endDate
  if (input.billingType === 'invoice') {
    return {
      ok: true,
      value: {
        kind: 'final-invoice',
        period: { from, to },
        invoice: computeInvoice({ ...input.pricing, period: { from, to }, consumption: input.consumption }),
        dueDate: paymentDueDate(monthOf(to), rules),
        estimated: input.estimated,
      },
    }
  }

  const months = monthsOf(from, to)
  const listed = input.kWhByMonth.map((m) => m.month).join(',')
  if (listed !== months.map((m) => m.month).join(','))
    problems.push(
      problem('statement-months', 'kWhByMonth', { expected: months.map((m) => m.month).join(',') }),
    )
  const inPeriod = new Set(months.map((m) => m.month))
  input.instalments.forEach((row, i) => {
    if (!inPeriod.has(row.month))
      problems.push(problem('statement-months', `instalments.${i}.month`, { month: row.month }))
  })
  return checked(problems, () => {
    const priced = months.map((m, i) => ({
      month: m.month,
      period: { from: m.from, to: m.to },
      cost: computeInvoice({
        ...input.pricing,
        period: { from: m.from, to: m.to },
        consumption: { kWh: input.kWhByMonth[i].kWh },
      }),
    }))
    const statement = buildStatement(
      priced.map((p) => {
        const row = input.instalments.find((r) => r.month === p.month)
        return {
          month: p.month,
          costCents: p.cost.totalCents,
          instalmentCents: row?.instalmentCents ?? 0,
          paidCents: row?.paidCents ?? 0,
        }
      }),
      rules,
    )
    return {
      kind: 'final-statement' as const,
      period: { from, to },
      months: priced,
      statement,
      settlement: statement.advanceCents > 0 ? 'refund' : statement.dueCents > 0 ? 'due' : 'settled',
      dueDate: statement.dueDate,
      estimated: input.estimated,
    }
  })
}
