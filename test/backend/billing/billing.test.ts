import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { openDatabase } from '../../../src/backend/db/open'
import { seedDatabase } from '../../../src/backend/seed'
import { documentEnv, printBatch } from '../../../src/backend/services/billing/print'
import { invoicePrintData } from '../../../src/backend/services/billing/print-data'
import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS } from '../../../src/core/billing'
import type { MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { tempDir } from '../../helpers/tmp'

const TODAY = '2026-11-26'
const tmp = tempDir()
const dbFile = tmp.file('billing.sqlite')
let backend: Backend

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, 'k1')
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value as MethodOutput<M>
}
const one = <T>(sql: string, ...args: unknown[]): T => backend.ctx.db.prepare(sql).get(...args) as T

beforeAll(async () => {
  const db = openDatabase(dbFile)
  await seedDatabase(db, { customers: 150, seed: 'billing-test', today: TODAY })
  db.close()
  backend = await createBackend({
    dbFile,
    shell: 'test',
    clock: manualClock(Date.parse(`${TODAY}T10:00:00Z`)),
    demoAgents: true,
  })
  const r = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
  expect(r.ok).toBe(true)
}, 120_000)
afterAll(() => backend.close())

describe('seeded billing', () => {
  it('has invoices for every complete month up to last month, priced by core computeInvoice', () => {
    const last = one<{ m: string }>(`SELECT max(substr(period_end, 1, 7)) AS m FROM invoices`).m
    expect(last).toBe('2026-10')
    const inv = one<{
      id: string
      details: string
      total_cents: number
      period_start: string
      premise_id: string
    }>(`SELECT id, details, total_cents, period_start, premise_id FROM invoices ORDER BY number LIMIT 1`)
    const d = JSON.parse(inv.details) as { kWh: number }
    const group = one<{ g: 1 | 2 }>(
      `SELECT consumption_group AS g FROM premises WHERE id = ?`,
      inv.premise_id,
    ).g
    const band = one<{ b: string }>(
      `SELECT load_band AS b FROM meters WHERE premise_id = ?`,
      inv.premise_id,
    ).b
    const calc = computeInvoice({
      period: {
        from: inv.period_start,
        to: `${inv.period_start.slice(0, 8)}${new Date(Date.UTC(Number(inv.period_start.slice(0, 4)), Number(inv.period_start.slice(5, 7)), 0)).getUTCDate()}`,
      },
      consumption: { kWh: d.kWh },
      permittedLoadM3h: band === '6to10' ? '10' : '6',
      consumptionGroup: group,
      tariffs: DEFAULT_TARIFFS,
      prices: DEFAULT_PRICE_LIST,
    })
    expect(inv.total_cents).toBe(calc.totalCents)
    // Lines add up to the invoice exactly, VAT included.
    const bad = one<{ n: number }>(
      `SELECT count(*) AS n FROM invoices i WHERE net_cents <> (SELECT sum(net_cents) FROM invoice_lines WHERE invoice_id = i.id)
         OR vat_cents <> (SELECT sum(vat_cents) FROM invoice_lines WHERE invoice_id = i.id)`,
    ).n
    expect(bad).toBe(0)
  })

  it('keeps the last 12 complete months of bills by default (readings keep 24), fewer on request', async () => {
    const months = backend.ctx.db
      .prepare(
        `SELECT DISTINCT substr(period_start, 1, 7) AS m FROM invoices
         UNION SELECT DISTINCT month FROM statement_lines ORDER BY 1`,
      )
      .pluck()
      .all() as string[]
    expect(months[0]).toBe('2025-11')
    expect(months.at(-1)).toBe('2026-10')
    expect(months).toHaveLength(12)
    expect(one<{ m: string }>(`SELECT min(period) AS m FROM readings`).m < '2025-10').toBe(true)
    const short = openDatabase(tmp.file('short.sqlite'))
    try {
      await seedDatabase(short, { customers: 20, seed: 'billing-test', today: TODAY, billingMonths: 3 })
      expect(
        short.prepare(`SELECT DISTINCT substr(period_start, 1, 7) FROM invoices ORDER BY 1`).pluck().all(),
      ).toEqual(['2026-08', '2026-09', '2026-10'])
    } finally {
      short.close()
    }
  })

  it('stores lines that span the month without per-line periods; the print shows the invoice period', () => {
    const inv = one<{ id: string; details: string; period_start: string; period_end: string }>(
      `SELECT id, details, period_start, period_end FROM invoices ORDER BY rowid LIMIT 1`,
    )
    expect(JSON.parse(inv.details)).not.toHaveProperty('lines')
    const print = invoicePrintData(backend.ctx.db, { id: inv.id })!
    expect(print.lines).toHaveLength(5)
    for (const l of print.lines) expect([l.from, l.to]).toEqual([inv.period_start, inv.period_end])
  })

  it('has payments for most invoices, some overdue, statements for balanced premises, unique numbers', () => {
    const s = one<{ paid: number; all: number; overdue: number }>(
      `SELECT sum(status = 'paid') AS paid, count(*) AS "all", sum(status = 'issued' AND due_date < '${TODAY}') AS overdue FROM invoices`,
    )
    expect(s.paid / s.all).toBeGreaterThan(0.8)
    expect(s.overdue).toBeGreaterThan(0)
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM statements`).n).toBeGreaterThan(0)
    expect(
      one<{ n: number }>(
        `SELECT count(*) AS n FROM statements s JOIN premises p ON p.id = s.premise_id WHERE p.billing_type <> 'balanced'`,
      ).n,
    ).toBe(0)
    expect(
      one<{ n: number }>(`SELECT count(*) AS n FROM number_series WHERE name LIKE 'invoice:%'`).n,
    ).toBeGreaterThan(0)
  })

  it('is deterministic: the same seed and day give the same invoices', async () => {
    const other = openDatabase(tmp.file('again.sqlite'))
    await seedDatabase(other, { customers: 150, seed: 'billing-test', today: TODAY })
    const sig = (db: { prepare: Backend['ctx']['db']['prepare'] }) =>
      db
        .prepare(
          `SELECT group_concat(number || ':' || total_cents || ':' || status, ',') AS s FROM (SELECT * FROM invoices ORDER BY number)`,
        )
        .get()
    expect(sig(other)).toEqual(sig(backend.ctx.db))
    other.close()
  }, 120_000)
})

describe('billing methods', () => {
  const overdueCustomer = () =>
    one<{ customer_id: string; premise_id: string; id: string }>(
      `SELECT customer_id, premise_id, id FROM invoices WHERE status = 'issued' AND due_date < ? LIMIT 1`,
      TODAY,
    )

  it('shows amount due now, overdue and balance per premise', async () => {
    const c = overdueCustomer()
    const acc = await call('billing.account', { customerId: c.customer_id })
    const p = acc.premises.find((x) => x.premiseId === c.premise_id)!
    expect(p.overdueCents).toBeGreaterThan(0)
    expect(p.dueNowCents).toBeGreaterThanOrEqual(p.overdueCents)
    expect(p.balanceCents).toBeLessThanOrEqual(-p.dueNowCents + 0)
  })

  it('lists invoices with lines, readings used and calorific value; payments; a series', async () => {
    const c = overdueCustomer()
    const docs = await call('billing.documents', { customerId: c.customer_id })
    expect(docs.invoices.some((i) => i.overdue)).toBe(true)
    expect(docs.payments.length).toBeGreaterThan(0)
    const detail = await call('billing.invoice', { id: c.id })
    expect(detail.lines.map((l) => l.kind)).toContain('gas')
    expect(detail.readings?.end.status).toMatch(/actual|estimated/)
    expect(detail.calorificValue).toBe('10.538')
    const series = await call('billing.series', { premiseId: c.premise_id })
    // The seed keeps the recent year of bills (billingMonths defaults to 12).
    expect(series.points.length).toBeGreaterThanOrEqual(12)
  })

  it('returns a PDF for preview and records who printed whose document', async () => {
    const c = overdueCustomer()
    const before = one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'print.invoice'`).n
    const pdf = await call('billing.print', { kind: 'invoice', id: c.id, purpose: 'preview' })
    const bytes = Buffer.from(pdf.base64, 'base64')
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
    const file = tmp.file('preview.pdf')
    writeFileSync(file, bytes)
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain(
      pdf.filename.replace('.pdf', ''),
    )
    const audit = one<{ agent_id: string; customer_id: string; reason: string; n: number }>(
      `SELECT agent_id, customer_id, reason, (SELECT count(*) FROM audit_log WHERE action = 'print.invoice') AS n
       FROM audit_log WHERE action = 'print.invoice' ORDER BY id DESC LIMIT 1`,
    )
    expect(audit.n).toBe(before + 1)
    expect(audit.customer_id).toBe(c.customer_id)
    expect(audit.reason).toBe('preview')
    expect(audit.agent_id).toBeTruthy()
    const missing = await backend.dispatch(
      'billing.print',
      { kind: 'statement', id: 'nope', purpose: 'print' },
      'k1',
    )
    expect(missing.ok).toBe(false)
  })
})

describe('batch printing', () => {
  it('prints a month of statements one file each and as one PDF, and stops when cancelled', async () => {
    const db = backend.ctx.db
    const month = one<{ m: string }>(
      `SELECT substr(period_end, 1, 7) AS m FROM statements GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    ).m
    const env = documentEnv(db, backend.ctx.resourcesDir)
    const actor = { agentId: null, workstation: 'test', nowMs: Date.now() }
    const dir = tmp.file('batch')
    execFileSync('mkdir', ['-p', dir])
    const progress: number[] = []
    const files = await printBatch(
      db,
      env,
      { kind: 'statement', month },
      { mode: 'files', outDir: dir, onProgress: (d) => progress.push(d) },
      actor,
    )
    expect(files.done).toBe(files.total)
    expect(readdirSync(dir)).toHaveLength(files.total)
    expect(progress.at(-1)).toBe(files.total)
    const single = join(dir, 'all.pdf')
    await printBatch(db, env, { kind: 'statement', month }, { mode: 'single', outFile: single }, actor)
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [single], { encoding: 'utf8' }))![1])
    expect(pages).toBeGreaterThanOrEqual(files.total)
    execFileSync('mkdir', ['-p', tmp.file('cancel')])
    const controller = new AbortController()
    const cancelled = await printBatch(
      db,
      env,
      { kind: 'statement', month },
      {
        mode: 'files',
        outDir: tmp.file('cancel'),
        onProgress: (d) => d === 1 && controller.abort(),
        signal: controller.signal,
      },
      actor,
    )
    expect(files.total).toBeGreaterThan(1)
    expect(cancelled.cancelled).toBe(true)
    expect(cancelled.done).toBe(1)
    expect(existsSync(single)).toBe(true)
  })
})
