import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { manualClock } from '../../src/backend/clock'
import { launchApp, signIn, type E2eApp } from './support/app'
import { formatProblems, screenText } from './support/layout'
import {
  AuditLogPage,
  BillingPanel,
  CustomersPage,
  DocumentsSection,
  ReadingsSection,
  Shell,
} from './support/pages'

/**
 * Every screen speaks the agent's formats (issue 10): the rendered text of the busy screens — a reading
 * outside the window with its findings and cost estimate, the meter history, the customer view with its
 * billing and audit trail, the invoices section, a signed document's checks, sync, the audit log — is
 * scanned in Latvian and Russian for ISO dates and timestamps, decimal points, a double stop after a date
 * and an amount glued to a bracket. The clock stands between reading windows, so the "next window opens"
 * texts are on screen.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
const SIGNED = '/work/shared/fixtures/signatures/edoc/SampleFile.edoc'
let app: E2eApp
let meter: { id: string; mp: string; customerId: string; last: number; step: number }
let documentId = ''

beforeAll(async () => {
  app = await launchApp({
    customers: 40,
    seed: 'e2e-formats',
    viewport: { width: 1366, height: 768 },
    clock: manualClock(Date.parse('2026-12-10T09:00:00Z')),
  })
  const db = app.backend.ctx.db
  // A meter with a steady history, so a high reading draws the "n× more than usual" finding.
  meter = db
    .prepare(
      `SELECT m.id, m.metering_point_id AS mp, p.customer_id AS customerId,
         (SELECT value FROM readings r WHERE r.meter_id = m.id ORDER BY reading_date DESC LIMIT 1) AS last,
         (SELECT max(value) - min(value) FROM readings r WHERE r.meter_id = m.id) / 24 AS step
       FROM meters m JOIN premises p ON p.id = m.premise_id
       WHERE p.billing_type = 'invoice' ORDER BY step DESC LIMIT 1`,
    )
    .get() as typeof meter
  const key = 'formats-setup'
  const signedIn = await app.backend.dispatch(
    'session.signIn',
    { username: 'liga', password: 'liga-demo' },
    key,
  )
  expect(signedIn.ok).toBe(true)
  const added = await app.backend.dispatch(
    'document.add',
    {
      customerId: meter.customerId,
      fileName: 'līgums.edoc',
      contentBase64: readFileSync(SIGNED).toString('base64'),
    },
    key,
  )
  if (!added.ok) throw new Error(JSON.stringify(added.error))
  documentId = (added.value as { id: string }).id
}, 180_000)
afterAll(async () => {
  await app?.close()
})

/** Scans the screen now; keeps a picture of it. */
async function scan(page: Page, lang: 'lv' | 'ru', name: string, problems: string[]): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `formats-${name}-${lang}.png`) })
  for (const p of formatProblems(await screenText(page), lang)) problems.push(`${name}: ${p}`)
}

async function agentScreens(page: Page, lang: 'lv' | 'ru'): Promise<string[]> {
  const shell = new Shell(page)
  const readings = new ReadingsSection(page)
  const customers = new CustomersPage(page)
  const documents = new DocumentsSection(page)
  const problems: string[] = []
  // A reading outside the window, far above the usual consumption.
  await shell.section('readings')
  await readings.findMeter(meter.mp)
  await readings.type(meter.last + Math.max(30, Math.round(meter.step * 5)))
  await readings.findings.waitFor()
  await readings.estimate.waitFor()
  await scan(page, lang, 'reading', problems)
  await readings.openHistory(meter.id)
  await scan(page, lang, 'history', problems)
  await customers.openById(meter.customerId)
  await new BillingPanel(page).figures.waitFor()
  await customers.auditRows.first().waitFor()
  await scan(page, lang, 'customer', problems)
  await shell.section('invoices')
  await scan(page, lang, 'invoices', problems)
  await documents.openDocument(meter.customerId, documentId)
  // Open every folded part (certificate, checks) so their texts are read too.
  await documents.unfoldAll()
  await scan(page, lang, 'document', problems)
  await shell.section('sync')
  await scan(page, lang, 'sync', problems)
  return problems
}

describe('no raw ISO dates or decimal points on screen', () => {
  it('Latvian', async () => {
    await signIn(app.page)
    expect(await agentScreens(app.page, 'lv')).toEqual([])
  })

  it('Russian', async () => {
    const page = await app.newPage()
    await signIn(page, 'olga', 'olga-demo')
    expect(await agentScreens(page, 'ru')).toEqual([])
  })

  it('the supervisor’s audit log, in Latvian and Russian', async () => {
    const page = await app.newPage()
    await signIn(page, 'janis', 'janis-demo')
    const shell = new Shell(page)
    const log = new AuditLogPage(page)
    const problems: string[] = []
    for (const lang of ['lv', 'ru'] as const) {
      if (lang === 'ru') await shell.language('ru')
      await shell.section('audit')
      await log.rows.first().waitFor()
      await scan(page, lang, 'audit-log', problems)
    }
    expect(problems).toEqual([])
    expect(app.consoleErrors).toEqual([])
  })
})
