import type { Statement } from 'better-sqlite3'
import {
  buildStatement,
  computeInvoice,
  energyKWh,
  DEFAULT_PAYMENT_RULES,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  formatInvoiceNumber,
  monthlyInstalment,
  nextMonth,
  paymentDueDate,
  type InvoiceCalculation,
  type InvoiceSeries,
} from '../../../core/billing'
import { calorificValueFor } from '../../../core/readings/energy'
import { toStoredLines } from '../../services/billing/lines'
import type { SeedContext, SeedStep } from '../context'
import { addDays, addMonths, instantOn, monthNumber, monthOf } from '../dates'
import type { Rng } from '../prng'

export const INVOICE_SERIES: InvoiceSeries = { prefix: 'GD', width: 7 }
export const STATEMENT_SERIES: InvoiceSeries = { prefix: 'GDP', width: 7 }

/** The permitted load (m³/h) each stored band stands for, as the tariff tables key it. */
export const PERMITTED_LOAD: Record<string, string> = {
  upto4: '4',
  '4to6': '6',
  upto6: '6',
  '6to10': '10',
}

const INSERT_INVOICE = `INSERT INTO invoices (id, number, premise_id, customer_id, issue_date, period_start,
  period_end, due_date, net_cents, vat_cents, total_cents, status, details, data_version, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`
const INSERT_LINE_HEAD = `INSERT INTO invoice_lines (invoice_id, line_no, kind, description_key, quantity_milli,
  unit, unit_price_microcents, net_cents, vat_rate_bp, vat_cents) VALUES`
const LINE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
const LINE_PARAMS = 10
const INSERT_PAYMENT = `INSERT INTO payments (id, customer_id, premise_id, invoice_id, amount_cents, paid_on,
  reference, method, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
const INSERT_STATEMENT = `INSERT INTO statements (id, number, premise_id, customer_id, issue_date, period_start,
  period_end, due_date, actual_cost_cents, instalments_paid_cents, balance_cents, next_instalment_cents, status,
  details, data_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`
const INSERT_STATEMENT_LINE = `INSERT INTO statement_lines (statement_id, month, consumption_m3, kwh, cost_cents,
  instalment_cents, estimated) VALUES (?, ?, ?, ?, ?, ?, ?)`

interface MeterRow {
  _r: number
  meter_id: string
  serial: string
  metering_point_id: string
  load_band: string
  premise_id: string
  customer_id: string
  billing_type: 'invoice' | 'balanced'
  monthly_instalment_cents: number | null
  review_month: number | null
  consumption_group: 1 | 2
  zone: string
  subscriber_number: string
}

interface ReadingRow {
  period: string
  value: number
  status: string
  reading_date: string
}

const METHODS = [
  ['bank_transfer', 55],
  ['portal', 25],
  ['direct_debit', 15],
  ['cash', 5],
] as const

const lastDay = (month: string): string => addDays(`${nextMonth(month)}-01`, -1)

/**
 * When (if at all) a bill due on `due` was paid: most on time, some late, a few not yet (overdue once the
 * due date has passed). Never on or after `today`.
 */
function paymentDate(rng: Rng, issued: string, due: string, today: string): string | null {
  const r = rng.next()
  let paid: string | null
  if (r < 0.86) paid = addDays(issued, rng.int(1, 9))
  else if (r < 0.95) paid = addDays(due, rng.int(1, 35))
  else paid = null
  return paid !== null && paid < today ? paid : null
}

/**
 * Invoices (billing type 'invoice') or balanced-payment instalments with a statement per review period
 * ('balanced') for every complete month of reading history before today, priced with the same core
 * billing code as the desk (computeInvoice, buildStatement) and numbered from yearly series.
 */
export const billingStep: SeedStep = {
  name: 'billing',
  summary: 'invoices or statements for every complete month, payments for most, some overdue',
  run(ctx: SeedContext) {
    const { db } = ctx
    const today = ctx.options.today
    const lastComplete = addMonths(monthOf(today), -1)
    const rng = ctx.rng('billing')
    const invoiceId = ctx.ids('invoices')
    const statementId = ctx.ids('statements')
    const paymentId = ctx.ids('payments')
    const readings = db.prepare(
      `SELECT period, value, status, reading_date FROM readings
       WHERE meter_id = ? AND status IN ('actual', 'estimated', 'corrected') ORDER BY period, created_at`,
    )
    const insInvoice = db.prepare(INSERT_INVOICE)
    // Lines go in multi-row INSERTs (one call for many invoices): the per-call cost dominates otherwise.
    const lineInserts = new Map<number, Statement>()
    const insPayment = db.prepare(INSERT_PAYMENT)
    const insStatement = db.prepare(INSERT_STATEMENT)
    const insStatementLine = db.prepare(INSERT_STATEMENT_LINE)
    const sequences = new Map<string, number>()
    const nextNumber = (series: InvoiceSeries, issued: string): string => {
      const year = Number(issued.slice(0, 4))
      const key = `${series.prefix}:${year}`
      const seq = (sequences.get(key) ?? 0) + 1
      sequences.set(key, seq)
      return formatInvoiceNumber(series, year, seq)
    }
    // Many premises share a month, group, band and kWh: price each combination once.
    const priced = new Map<string, InvoiceCalculation>()
    const price = (month: string, kWh: number, group: 1 | 2, load: string): InvoiceCalculation => {
      const key = `${month}|${kWh}|${group}|${load}`
      let calc = priced.get(key)
      if (!calc) {
        calc = computeInvoice({
          period: { from: `${month}-01`, to: lastDay(month) },
          consumption: { kWh },
          permittedLoadM3h: load,
          consumptionGroup: group,
          tariffs: DEFAULT_TARIFFS,
          prices: DEFAULT_PRICE_LIST,
        })
        priced.set(key, calc)
      }
      return calc
    }
    const cvCache = new Map<string, string>()
    const calorific = (zone: string, month: string): string => {
      const key = `${zone}|${month}`
      let cv = cvCache.get(key)
      if (cv === undefined) {
        cv = String(calorificValueFor(zone, month as `${number}-${number}`).kwhPerM3)
        cvCache.set(key, cv)
      }
      return cv
    }
    let done = 0
    ctx.eachPage<MeterRow>(
      `SELECT m.rowid AS _r, m.id AS meter_id, m.serial, m.metering_point_id, m.load_band, p.id AS premise_id,
         p.customer_id, p.billing_type, p.monthly_instalment_cents, p.review_month, p.consumption_group, p.zone,
         p.subscriber_number
       FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.removed_at IS NULL`,
      (meters) => {
        for (const m of meters) {
          const load = PERMITTED_LOAD[m.load_band]
          if (!load) continue
          const lineParams: unknown[] = []
          const flushLines = () => {
            if (lineParams.length === 0) return
            const n = lineParams.length / LINE_PARAMS
            let stmt = lineInserts.get(n)
            if (!stmt) {
              stmt = db.prepare(`${INSERT_LINE_HEAD} ${Array.from({ length: n }, () => LINE_ROW).join(', ')}`)
              lineInserts.set(n, stmt)
            }
            stmt.run(lineParams)
            lineParams.length = 0
          }
          const byPeriod = new Map<string, ReadingRow>()
          for (const r of readings.all(m.meter_id) as ReadingRow[]) byPeriod.set(r.period, r)
          const periods = [...byPeriod.keys()].sort()
          const earlier: Array<{ total: number; paid: string | null }> = []
          let open: Array<{
            month: string
            m3: number
            kWh: number
            cost: number
            inst: number
            paid: number
            est: boolean
          }> = []
          for (let i = 1; i < periods.length; i++) {
            const month = periods[i]
            const prev = byPeriod.get(periods[i - 1])!
            const cur = byPeriod.get(month)!
            if (month !== nextMonth(periods[i - 1]) || month > lastComplete) continue
            const m3 = Math.max(0, cur.value - prev.value)
            const cv = calorific(m.zone, month)
            const kWh = energyKWh(m3, cv)
            const calc = price(month, kWh, m.consumption_group, load)
            const estimated = cur.status === 'estimated' || prev.status === 'estimated'
            const candidate = `${nextMonth(month)}-${String(rng.int(10, 15)).padStart(2, '0')}`
            const issued = candidate < today ? candidate : addDays(today, -1)
            const due = paymentDueDate(month, DEFAULT_PAYMENT_RULES)
            if (m.billing_type === 'invoice') {
              const id = invoiceId()
              const paid = calc.totalCents > 0 ? paymentDate(rng, issued, due, today) : issued
              const balanceForward = earlier
                .filter((e) => e.paid === null || e.paid > issued)
                .reduce((a, e) => a + e.total, 0)
              const lines = toStoredLines(calc)
              const details = {
                product: DEFAULT_PRICE_LIST.product,
                calorificValue: cv,
                volumeM3: m3,
                kWh,
                meter: { serial: m.serial, meteringPointId: m.metering_point_id },
                readings: {
                  start: {
                    value: prev.value,
                    date: prev.reading_date,
                    status: prev.status === 'estimated' ? 'estimated' : 'actual',
                  },
                  end: {
                    value: cur.value,
                    date: cur.reading_date,
                    status: cur.status === 'estimated' ? 'estimated' : 'actual',
                  },
                },
                balanceForwardCents: balanceForward,
                lines: lines.map((l) => ({ from: l.from, to: l.to })),
              }
              insInvoice.run(
                id,
                nextNumber(INVOICE_SERIES, issued),
                m.premise_id,
                m.customer_id,
                issued,
                `${month}-01`,
                lastDay(month),
                due,
                calc.netCents,
                calc.vatCents,
                calc.totalCents,
                paid ? 'paid' : 'issued',
                JSON.stringify(details),
                instantOn(issued, 420),
              )
              for (const l of lines) {
                lineParams.push(id, l.lineNo, l.kind, l.descriptionKey, l.quantityMilli, l.unit)
                lineParams.push(l.unitPriceMicrocents, l.netCents, l.vatRateBp, l.vatCents)
              }
              if (lineParams.length >= LINE_PARAMS * 100) flushLines()
              if (paid && calc.totalCents > 0)
                insPayment.run(
                  paymentId(),
                  m.customer_id,
                  m.premise_id,
                  id,
                  calc.totalCents,
                  paid,
                  m.subscriber_number,
                  rng.weighted(METHODS),
                  instantOn(paid, 600),
                )
              earlier.push({ total: calc.totalCents, paid })
            } else {
              const inst = m.monthly_instalment_cents ?? 0
              const paid = inst > 0 ? paymentDate(rng, issued, due, today) : null
              if (paid)
                insPayment.run(
                  paymentId(),
                  m.customer_id,
                  m.premise_id,
                  null,
                  inst,
                  paid,
                  m.subscriber_number,
                  rng.weighted(METHODS),
                  instantOn(paid, 600),
                )
              open.push({
                month,
                m3,
                kWh,
                cost: calc.totalCents,
                inst,
                paid: paid ? inst : 0,
                est: estimated,
              })
              if (monthNumber(month) === (m.review_month ?? 12)) {
                writeStatement(month, open)
                open = []
              }
            }
          }
          flushLines()
          function writeStatement(last: string, months: typeof open): void {
            const st = buildStatement(
              months.map((x) => ({
                month: x.month,
                costCents: x.cost,
                instalmentCents: x.inst,
                paidCents: x.paid,
              })),
              DEFAULT_PAYMENT_RULES,
            )
            const candidate = `${nextMonth(last)}-12`
            const issued = candidate < today ? candidate : addDays(today, -1)
            const id = statementId()
            const next = monthlyInstalment({ monthlyCostsCents: months.map((x) => x.cost) }).instalmentCents
            insStatement.run(
              id,
              nextNumber(STATEMENT_SERIES, issued),
              m.premise_id,
              m.customer_id,
              issued,
              `${months[0].month}-01`,
              lastDay(last),
              st.dueDate,
              st.totalCostCents,
              st.totalPaidCents,
              st.totalCostCents - st.totalPaidCents,
              next,
              st.dueCents > 0 ? 'issued' : 'settled',
              JSON.stringify({ meter: { serial: m.serial, meteringPointId: m.metering_point_id } }),
              instantOn(issued, 420),
            )
            for (const x of months)
              insStatementLine.run(id, x.month, x.m3, x.kWh, x.cost, x.inst, x.est ? 1 : 0)
          }
        }
        done += meters.length
        ctx.log(`billing for ${done} meters`)
      },
      'm.rowid',
    )
    const upsert = db.prepare(`INSERT INTO number_series (name, prefix, next_value, range_end, pad_to)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET next_value = max(next_value, excluded.next_value)`)
    db.transaction(() => {
      for (const [key, seq] of sequences) {
        const [prefix, year] = key.split(':')
        const name = `${prefix === INVOICE_SERIES.prefix ? 'invoice' : 'statement'}:${year}`
        upsert.run(name, prefix, seq + 1, 9_999_999, 7)
      }
    })()
  },
}
