import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadFonts,
  loadSeller,
  message,
  writeStatementPdf,
  type DocLanguage,
  type StatementPrint,
} from '../../../src/backend/documents'
import { openDatabase, type Db } from '../../../src/backend/db/open'
import { statementPrintData } from '../../../src/backend/services/billing/print-data'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir as tmpFolder } from '../../helpers/tmp'
import { sampleStatement } from './fixtures'
import { pdfPages, RESOURCES, tempDir } from './helpers'

const env = { fonts: loadFonts(RESOURCES), seller: loadSeller(RESOURCES) }
const dir = process.env.KEEP_PDF_DIR ?? tempDir()
const tmp = tmpFolder('gasdesk-statements-')
let db: Db
let statements: Array<{ id: string; number: string }>

beforeAll(async () => {
  const file = await copyOfTemplate(
    { customers: 120, seed: 'statement-reconcile', today: '2026-11-26' },
    tmp.file('statements.sqlite'),
  )
  db = openDatabase(file)
  statements = db.prepare('SELECT id, number FROM statements ORDER BY number').all() as typeof statements
}, 120_000)
afterAll(() => {
  db?.close()
  tmp.cleanup()
})

/**
 * "−1 234,56" as the text layer has it (U+2212 minus; pdftotext turns the no-break space between
 * thousands into a plain one) -> cents. Columns are two or more spaces apart in -layout output.
 */
const MONEY = /^−?\d{1,3}(?: \d{3})*,\d{2}$/
const cents = (s: string): number => {
  const negative = s.startsWith('−')
  const n = Number(s.replace(/[− ]/g, '').replace(',', ''))
  return negative ? -n : n
}

interface Page {
  rows: Array<{ month: string; cost: number; scheduled: number; paid: number; running: number }>
  totals: { cost: number; scheduled: number; paid: number; running: number }
  /** The amount printed after a summary label (the line starting with its Latvian text). */
  figure(key: string): number | null
}

/** Reads the statement back from the PDF's text layer: the table rows, the totals row and the summary. */
function readStatement(file: string): Page {
  const lines = pdfPages(file)
    .join('\n')
    .split('\n')
    .map((l) => l.trim())
  const amounts = (line: string) =>
    line
      .split(/ {2,}/)
      .map((cell) => cell.replace(/ EUR$/, ''))
      .filter((cell) => MONEY.test(cell))
      .map(cents)
  const rows = lines
    .filter((l) => /^\d{4}-\d{2}\b/.test(l))
    .map((l) => {
      const [cost, scheduled, paid, running] = amounts(l)
      return { month: l.slice(0, 7), cost, scheduled, paid, running }
    })
  const totalsLine = lines.find((l) => l.startsWith(message('lv', 'documents.statement.totals')))
  if (!totalsLine) throw new Error('no totals row on the page')
  const [cost, scheduled, paid, running] = amounts(totalsLine)
  return {
    rows,
    totals: { cost, scheduled, paid, running },
    figure(key) {
      const label = message('lv', `documents.statement.${key}`)
      const line = lines.find((l) => l.startsWith(`${label} /`) || l.startsWith(`${label}  `))
      if (!line) return null
      const found = amounts(line.slice(label.length))
      return found.length ? found[found.length - 1] : null
    },
  }
}

/** Everything that must add up on one printed statement, checked from the page alone. */
function expectReconciled(page: Page, months: StatementPrint['months']): void {
  expect(page.rows.map((r) => r.month)).toEqual(months.map((m) => m.month))
  let running = 0
  page.rows.forEach((r, i) => {
    // The page shows what the data says, each figure in its own column...
    expect([r.cost, r.scheduled, r.paid]).toEqual([
      months[i].costCents,
      months[i].instalmentCents,
      months[i].paidCents,
    ])
    // ...and the running difference follows from the printed paid and cost alone.
    running += r.paid - r.cost
    expect(r.running, `running difference of ${r.month}`).toBe(running)
  })
  const sum = (f: (r: Page['rows'][number]) => number) => page.rows.reduce((a, r) => a + f(r), 0)
  expect(page.totals).toEqual({
    cost: sum((r) => r.cost),
    scheduled: sum((r) => r.scheduled),
    paid: sum((r) => r.paid),
    running,
  })
  const { cost, paid, scheduled } = page.totals
  expect(page.figure('totalCost')).toBe(cost)
  expect(page.figure('totalPaid')).toBe(paid)
  expect(page.figure('difference')).toBe(paid - cost)
  expect(page.figure('due')).toBe(cost > paid ? cost - paid : null)
  expect(page.figure('advance')).toBe(paid > cost ? paid - cost : null)
  expect(page.figure('settled')).toBe(paid === cost ? 0 : null)
  expect(page.figure('scheduledTotal')).toBe(scheduled)
  expect(page.figure('unpaidInstalments')).toBe(scheduled > paid ? scheduled - paid : null)
  expect(page.figure('paidAboveSchedule')).toBe(paid > scheduled ? paid - scheduled : null)
}

async function print(st: StatementPrint, name: string): Promise<string> {
  const file = join(dir, name)
  await writeStatementPdf(st, env, createWriteStream(file))
  return file
}

const language = fc.constantFrom<DocLanguage>('lv', 'en', 'ru')

describe('a printed balanced-payment statement reconciles to the cent on the page', () => {
  it('for seeded statements (missed instalments included), in every language', async () => {
    expect(statements.length).toBeGreaterThan(10)
    // Some customers missed an instalment: the case where the old page contradicted itself.
    const missed = db
      .prepare(
        `SELECT count(*) FROM statements s WHERE s.instalments_paid_cents <
           (SELECT sum(instalment_cents) FROM statement_lines l WHERE l.statement_id = s.id)`,
      )
      .pluck()
      .get() as number
    expect(missed).toBeGreaterThan(0)
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...statements), language, async (s, lang) => {
        const st = { ...statementPrintData(db, { id: s.id })!, language: lang }
        const page = readStatement(await print(st, `seeded-${s.number}-${lang}.pdf`))
        expectReconciled(page, st.months)
        // The page agrees with the statement as stored.
        const row = db.prepare('SELECT * FROM statements WHERE id = ?').get(s.id) as {
          actual_cost_cents: number
          instalments_paid_cents: number
          balance_cents: number
        }
        expect([page.totals.cost, page.totals.paid]).toEqual([
          row.actual_cost_cents,
          row.instalments_paid_cents,
        ])
        expect(-page.totals.running).toBe(row.balance_cents)
      }),
      { numRuns: 20, seed: 20261202 },
    )
  }, 120_000)

  it('for a statement cached before payments were kept per month: its total paid, oldest instalment first', async () => {
    const s = db
      .prepare(
        `SELECT s.id, s.number, s.instalments_paid_cents AS paid FROM statements s
         WHERE s.instalments_paid_cents < (SELECT sum(instalment_cents) FROM statement_lines l
           WHERE l.statement_id = s.id) ORDER BY s.number LIMIT 1`,
      )
      .get() as { id: string; number: string; paid: number }
    db.prepare('UPDATE statement_lines SET paid_cents = NULL WHERE statement_id = ?').run(s.id)
    const st = statementPrintData(db, { id: s.id })!
    let left = s.paid
    for (const m of st.months) {
      expect(m.paidCents).toBe(Math.min(m.instalmentCents, left))
      left -= m.paidCents
    }
    expectReconciled(readStatement(await print(st, `legacy-${s.number}.pdf`)), st.months)
  })

  it('for any months: costs, instalments, missed and extra payments, owed, credited or settled', async () => {
    const month = fc.record({
      volumeM3: fc.integer({ min: 0, max: 400 }),
      costCents: fc.integer({ min: 0, max: 250_000 }),
      instalmentCents: fc.integer({ min: 0, max: 30_000 }),
      paid: fc.oneof(fc.constant('in full'), fc.constant('missed'), fc.integer({ min: 0, max: 60_000 })),
      estimated: fc.boolean(),
    })
    const base = sampleStatement()
    let n = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(month, { minLength: 1, maxLength: 14 }),
        language,
        fc.boolean(),
        async (input, lang, settle) => {
          const months = input.map((m, i) => ({
            month: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
            volumeM3: m.volumeM3,
            kWh: Math.round(m.volumeM3 * 10.55),
            costCents: m.costCents,
            instalmentCents: m.instalmentCents,
            paidCents: m.paid === 'in full' ? m.instalmentCents : m.paid === 'missed' ? 0 : m.paid,
            estimated: m.estimated,
          }))
          if (settle) {
            // Exactly what it cost: nothing due, nothing over.
            const gap = months.reduce((a, m) => a + m.costCents - m.paidCents, 0)
            const last = months[months.length - 1]
            last.paidCents = Math.max(0, last.paidCents + gap)
          }
          const st = { ...base, language: lang, months }
          expectReconciled(readStatement(await print(st, `generated-${++n}.pdf`)), months)
        },
      ),
      { numRuns: 25, seed: 42 },
    )
  }, 120_000)
})
