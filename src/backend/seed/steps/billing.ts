import {
  buildStatement,
  DEFAULT_PAYMENT_RULES,
  formatInvoiceNumber,
  monthlyInstalment,
  type InvoiceSeries,
} from '../../../core/billing'
import { isMeterLoadBand, permittedLoadM3h } from '../../../core/reference/load-bands'
import { BulkInsert } from '../bulk'
import type { SeedContext, SeedStep } from '../context'
import { addDays, addMonths, monthOf } from '../../../core/calendar'
import { instantOn } from '../context'
import type { Rng } from '../prng'
import { createPricing, type MonthFacts, type Priced } from './billing-pricing'

export const INVOICE_SERIES: InvoiceSeries = { prefix: 'GD', width: 7 }
export const STATEMENT_SERIES: InvoiceSeries = { prefix: 'GDP', width: 7 }

const INVOICE_HEAD = `INSERT INTO invoices (rowid, id, number, premise_id, customer_id, issue_date,
  period_start, period_end, due_date, net_cents, vat_cents, total_cents, status, details, data_version,
  created_at) VALUES`
const INVOICE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)'
/*
 * Invoice lines, five per invoice, are most of the rows. Binding their text values from JS costs more
 * than SQLite's own work, so each priced combination's lines are stored once in a temporary template
 * table, each invoice only records (its rowid, its template), and SQLite copies the lines per page.
 */
const TEMPLATES = `
  CREATE TEMP TABLE seed_line_template (template INTEGER NOT NULL, line_no INTEGER NOT NULL, kind TEXT,
    description_key TEXT, quantity_milli INTEGER, unit TEXT, unit_price_microcents INTEGER, net_cents INTEGER,
    vat_rate_bp INTEGER, vat_cents INTEGER, PRIMARY KEY (template, line_no)) WITHOUT ROWID;
  CREATE TEMP TABLE seed_invoice_template (invoice_rowid INTEGER PRIMARY KEY, template INTEGER NOT NULL);`
const TEMPLATE_LINE = `INSERT INTO seed_line_template VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const COPY_LINES = `INSERT INTO invoice_lines (invoice_id, line_no, kind, description_key, quantity_milli, unit,
    unit_price_microcents, net_cents, vat_rate_bp, vat_cents)
  SELECT i.id, t.line_no, t.kind, t.description_key, t.quantity_milli, t.unit, t.unit_price_microcents,
    t.net_cents, t.vat_rate_bp, t.vat_cents
  FROM seed_invoice_template x JOIN invoices i ON i.rowid = x.invoice_rowid
  JOIN seed_line_template t ON t.template = x.template
  ORDER BY x.invoice_rowid, t.line_no`
const PAYMENT_HEAD = `INSERT INTO payments (id, customer_id, premise_id, invoice_id, amount_cents, paid_on,
  reference, method, created_at) VALUES`
const PAYMENT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?)'
const STATEMENT_HEAD = `INSERT INTO statements (id, number, premise_id, customer_id, issue_date, period_start,
  period_end, due_date, actual_cost_cents, instalments_paid_cents, balance_cents, next_instalment_cents, status,
  details, data_version, created_at) VALUES`
const STATEMENT_ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)'
const STATEMENT_LINE_HEAD = `INSERT INTO statement_lines (statement_id, month, consumption_m3, kwh, cost_cents,
  instalment_cents, estimated, paid_cents) VALUES`
const STATEMENT_LINE_ROW = '(?, ?, ?, ?, ?, ?, ?, ?)'

interface MeterRow {
  meter_id: string
  serial: string
  metering_point_id: string
  load_band: string
  max_flow_m3h: number
  premise_id: string
  customer_id: string
  billing_type: 'invoice' | 'balanced'
  monthly_instalment_cents: number | null
  review_month: number | null
  consumption_group: 1 | 2
  zone: string
  subscriber_number: string
}

/** A reading as billing reads it (raw row: fewer objects for millions of rows). */
type ReadingRow = [
  rowid: number,
  meterId: string,
  period: string,
  value: number,
  status: string,
  date: string,
]

interface OpenMonth {
  month: string
  m3: number
  kWh: number
  cost: number
  inst: number
  paid: number
  est: boolean
}

const METHODS = [
  ['bank_transfer', 55],
  ['portal', 25],
  ['direct_debit', 15],
  ['cash', 5],
] as const

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
 * One reading per period, the latest recorded (rowid order is recording order), in period order. The
 * seed writes each meter's periods in order, once each: then the rows are returned as they are.
 */
function latestPerPeriod(readings: ReadingRow[]): ReadingRow[] {
  let ordered = true
  for (let i = 1; i < readings.length && ordered; i++) ordered = readings[i - 1][2] < readings[i][2]
  if (ordered) return readings
  const byPeriod = new Map<string, ReadingRow>()
  for (const r of readings) byPeriod.set(r[2], r)
  return [...byPeriod.keys()].sort().map((p) => byPeriod.get(p)!)
}

/** Dates are plain 'YYYY-MM-DD' (the CHECK constraints hold them to it): nothing to escape. */
const readingJson = (value: number, date: string, status: string): string =>
  `{"value":${value},"date":"${date}","status":"${status === 'estimated' ? 'estimated' : 'actual'}"}`

/**
 * Invoices (billing type 'invoice') or balanced-payment instalments with a statement per review period
 * ('balanced') for the last `billingMonths` complete months of reading history before today, priced with
 * the same core billing code as the desk (computeInvoice, buildStatement) and numbered from yearly series.
 *
 * Built for millions of rows: readings are read once in rowid order (the readings step writes each
 * meter's rows together; no index needed, so the load can run without secondary indexes), every
 * (month, kWh, group, load) combination is priced once, and rows go out in multi-row INSERTs.
 */
export const billingStep: SeedStep = {
  name: 'billing',
  summary: 'invoices or statements for the last complete months, payments for most, some overdue',
  run(ctx: SeedContext) {
    const { db } = ctx
    const today = ctx.options.today
    const lastComplete = addMonths(monthOf(today), -1)
    const firstBilled = addMonths(lastComplete, 1 - ctx.options.billingMonths)
    if (ctx.options.billingMonths === 0) return
    const rng = ctx.rng('billing')
    const invoiceId = ctx.ids('invoices')
    const statementId = ctx.ids('statements')
    const paymentId = ctx.ids('payments')
    db.exec(TEMPLATES)
    const templateLine = db.prepare(TEMPLATE_LINE)
    const pricing = createPricing(today, (p) => {
      for (const l of p.lineValues) templateLine.run(p.template, ...l)
    })
    let invoiceRowid = db.prepare('SELECT coalesce(max(rowid), 0) FROM invoices').pluck().get() as number
    const invoices = new BulkInsert(db, INVOICE_HEAD, INVOICE_ROW, 200)
    const invoiceTemplates = new BulkInsert(db, 'INSERT INTO seed_invoice_template VALUES', '(?, ?)', 1000)
    const copyLines = db.prepare(COPY_LINES)
    const clearTemplates = db.prepare('DELETE FROM seed_invoice_template')
    const payments = new BulkInsert(db, PAYMENT_HEAD, PAYMENT_ROW, 500)
    const statements = new BulkInsert(db, STATEMENT_HEAD, STATEMENT_ROW, 200)
    const statementLines = new BulkInsert(db, STATEMENT_LINE_HEAD, STATEMENT_LINE_ROW, 500)
    const flush = () => {
      for (const b of [invoices, invoiceTemplates, payments, statements, statementLines]) b.flush()
      copyLines.run()
      clearTemplates.run()
    }
    const sequences = new Map<string, { year: number; seq: number; head: string; limit: number }>()
    const nextNumber = (series: InvoiceSeries, issued: string): string => {
      const key = `${series.prefix}:${issued.slice(0, 4)}`
      let s = sequences.get(key)
      if (!s) {
        // Core formats (and validates) the series once; the rest only pads the sequence the same way.
        const year = Number(issued.slice(0, 4))
        const first = formatInvoiceNumber(series, year, 1)
        s = { year, seq: 0, head: first.slice(0, -series.width), limit: 10 ** series.width - 1 }
        sequences.set(key, s)
      }
      s.seq += 1
      if (s.seq > s.limit) return formatInvoiceNumber(series, s.year, s.seq) // throws: does not fit
      return s.head + String(s.seq).padStart(series.width, '0')
    }

    // The next month once per distinct month, not per reading.
    const nextOf = new Map<string, string>()
    const following = (month: string): string => {
      let next = nextOf.get(month)
      if (next === undefined) nextOf.set(month, (next = addMonths(month, 1)))
      return next
    }

    const meters = new Map<string, MeterRow>()
    for (const m of db
      .prepare(
        `SELECT m.id AS meter_id, m.serial, m.metering_point_id, m.load_band, m.max_flow_m3h, p.id AS premise_id, p.customer_id,
           p.billing_type, p.monthly_instalment_cents, p.review_month, p.consumption_group, p.zone, p.subscriber_number
         FROM meters m JOIN premises p ON p.id = m.premise_id WHERE m.removed_at IS NULL`,
      )
      .iterate() as IterableIterator<MeterRow>)
      meters.set(m.meter_id, m)

    const bill = (m: MeterRow, readings: ReadingRow[]): void => {
      if (!isMeterLoadBand(m.load_band)) return
      const load = permittedLoadM3h(m.load_band, m.max_flow_m3h)
      const rows = latestPerPeriod(readings)
      const meterJson = JSON.stringify({ serial: m.serial, meteringPointId: m.metering_point_id })
      const earlier: Array<{ total: number; paid: string | null }> = []
      let open: OpenMonth[] = []
      for (let i = 1; i < rows.length; i++) {
        const prev = rows[i - 1]
        const cur = rows[i]
        const month = cur[2]
        if (month < firstBilled || month > lastComplete || month !== following(prev[2])) continue
        const facts: MonthFacts = pricing.month(month)
        const m3 = Math.max(0, cur[3] - prev[3])
        const cv = pricing.calorific(m.zone, month)
        const kWh = pricing.kWh(m3, cv)
        const priced: Priced = pricing.price(month, kWh, m.consumption_group, load)
        const estimated = cur[4] === 'estimated' || prev[4] === 'estimated'
        const issued = facts.issueDates[rng.int(0, facts.issueDates.length - 1)]
        const due = facts.due
        if (m.billing_type === 'invoice') {
          const id = invoiceId()
          const total = priced.totalCents
          const paid = total > 0 ? paymentDate(rng, issued, due, today) : issued
          let balanceForward = 0
          for (const e of earlier) if (e.paid === null || e.paid > issued) balanceForward += e.total
          // The same JSON as JSON.stringify of the details object, without building the object. `lines`
          // (each line's period) only when a line does not span the whole month (print-data.ts).
          const details =
            `{"product":${pricing.productJson},"calorificValue":${JSON.stringify(cv)},"volumeM3":${m3},` +
            `"kWh":${kWh},"meter":${meterJson},"readings":{"start":${readingJson(prev[3], prev[5], prev[4])},` +
            `"end":${readingJson(cur[3], cur[5], cur[4])}},"balanceForwardCents":${balanceForward}` +
            `${priced.linesJson}}`
          invoiceRowid += 1
          invoices.add(
            invoiceRowid,
            id,
            nextNumber(INVOICE_SERIES, issued),
            m.premise_id,
            m.customer_id,
            issued,
            facts.from,
            facts.to,
            due,
            priced.netCents,
            priced.vatCents,
            total,
            paid ? 'paid' : 'issued',
            details,
            instantOn(issued, 420),
          )
          invoiceTemplates.add(invoiceRowid, priced.template)
          if (paid && total > 0)
            payments.add(
              paymentId(),
              m.customer_id,
              m.premise_id,
              id,
              total,
              paid,
              m.subscriber_number,
              rng.weighted(METHODS),
              instantOn(paid, 600),
            )
          earlier.push({ total, paid })
        } else {
          const inst = m.monthly_instalment_cents ?? 0
          const paid = inst > 0 ? paymentDate(rng, issued, due, today) : null
          if (paid)
            payments.add(
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
          open.push({ month, m3, kWh, cost: priced.totalCents, inst, paid: paid ? inst : 0, est: estimated })
          if (facts.monthNumber === (m.review_month ?? 12)) {
            writeStatement(m, month, open)
            open = []
          }
        }
      }
    }

    function writeStatement(m: MeterRow, last: string, months: OpenMonth[]): void {
      const st = buildStatement(
        months.map((x) => ({
          month: x.month,
          costCents: x.cost,
          instalmentCents: x.inst,
          paidCents: x.paid,
        })),
        DEFAULT_PAYMENT_RULES,
      )
      const issued = pricing.month(last).statementIssued
      const id = statementId()
      const next = monthlyInstalment({ monthlyCostsCents: months.map((x) => x.cost) }).instalmentCents
      statements.add(
        id,
        nextNumber(STATEMENT_SERIES, issued),
        m.premise_id,
        m.customer_id,
        issued,
        `${months[0].month}-01`,
        pricing.month(last).to,
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
        statementLines.add(id, x.month, x.m3, x.kWh, x.cost, x.inst, x.est ? 1 : 0, x.paid)
    }

    // One pass over the readings in rowid order, grouped by meter; the needed periods only.
    const page = db
      .prepare(
        `SELECT rowid, meter_id, period, value, status, reading_date FROM readings
         WHERE rowid > ? AND period >= ? AND status IN ('actual', 'estimated', 'corrected')
         ORDER BY rowid LIMIT ?`,
      )
      .raw()
    const pageSize = Math.max(ctx.options.batchSize * 10, 1000)
    const billed = new Set<string>()
    let current: string | null = null
    let group: ReadingRow[] = []
    const finishGroup = () => {
      if (current === null) return
      if (billed.has(current)) throw new Error(`readings of meter ${current} are not stored together`)
      billed.add(current)
      const m = meters.get(current)
      if (m) bill(m, group)
      group = []
    }
    const firstRead = addMonths(firstBilled, -1)
    let after = 0
    for (;;) {
      const rows = page.all(after, firstRead, pageSize) as ReadingRow[]
      db.transaction(() => {
        for (const r of rows) {
          if (r[1] !== current) {
            finishGroup()
            current = r[1]
          }
          group.push(r)
        }
        if (rows.length === 0) finishGroup()
        flush()
      })()
      if (rows.length === 0) break
      after = rows[rows.length - 1][0]
      ctx.log(`billing: ${billed.size} meters`)
    }

    db.exec('DROP TABLE temp.seed_invoice_template; DROP TABLE temp.seed_line_template')
    const upsert = db.prepare(`INSERT INTO number_series (name, prefix, next_value, range_end, pad_to)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET next_value = max(next_value, excluded.next_value)`)
    db.transaction(() => {
      for (const [key, { seq }] of sequences) {
        const [prefix, year] = key.split(':')
        const name = `${prefix === INVOICE_SERIES.prefix ? 'invoice' : 'statement'}:${year}`
        upsert.run(name, prefix, seq + 1, 9_999_999, 7)
      }
    })()
  },
}
