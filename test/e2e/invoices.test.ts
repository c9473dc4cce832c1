import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { formatMonth } from '../../src/core/format'
import { BatchPrintPanel, BillingPanel, PdfTab, Shell } from './support/pages'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'

/**
 * Invoices end to end in the browser shell (issue 5): open a customer, see the amount due and the
 * invoices, preview an invoice (the PDF the tab gets is read back with pdftotext), print a statement of
 * a balanced-payment customer, and batch-print a street's statements as one downloaded PDF — in Latvian,
 * then in Russian. Screenshots go to GASDESK_SHOTS (or tmp).
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp

interface Doc {
  customerId: string
  id: string
  number: string
  subscriber: string
}
let invoiceDoc: Doc
let statementDoc: Doc & { month: string; street: string; city: string }

beforeAll(async () => {
  app = await launchApp({ customers: 80, seed: 'e2e-invoices' })
  const db = app.backend.ctx.db
  invoiceDoc = db
    .prepare(
      `SELECT i.customer_id AS customerId, i.id, i.number, p.subscriber_number AS subscriber
         FROM invoices i JOIN premises p ON p.id = i.premise_id
        WHERE p.billing_type = 'invoice' ORDER BY i.period_end DESC, i.number LIMIT 1`,
    )
    .get() as Doc
  statementDoc = db
    .prepare(
      `SELECT s.customer_id AS customerId, s.id, s.number, p.subscriber_number AS subscriber,
              substr(s.period_end, 1, 7) AS month, p.street, p.city
         FROM statements s JOIN premises p ON p.id = s.premise_id ORDER BY s.period_end DESC, s.number LIMIT 1`,
    )
    .get() as typeof statementDoc
  expect(invoiceDoc).toBeTruthy()
  expect(statementDoc).toBeTruthy()
  await signIn(app.page)
}, 180_000)
afterAll(async () => {
  await app?.close()
})

/** Clicks a preview button; returns the PDF the new tab shows (from the audited billing.print reply). */
async function previewPdf(
  page: Page,
  number: string,
  button: string,
  name: string,
  title: string,
): Promise<string> {
  const [tab, response] = await Promise.all([
    page.context().waitForEvent('page'),
    page.waitForResponse((r) => r.url().endsWith('/api/billing.print')),
    new BillingPanel(page).pressInRow(number, button),
  ])
  const envelope = (await response.json()) as { ok: boolean; value: { mime: string; base64: string } }
  expect(envelope.ok).toBe(true)
  expect(envelope.value.mime).toBe('application/pdf')
  const bytes = Buffer.from(envelope.value.base64, 'base64')
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
  // The tab is opened blank before the call (pop-up blockers), shows the PDF when it arrives and is
  // titled for the document in the agent's language (not a blob: address).
  const pdfTab = new PdfTab(tab)
  await pdfTab.shown()
  expect(await pdfTab.title()).toBe(title)
  await tab.close()
  const file = join(SHOTS, name)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

const audited = (action: string, entityId: string) =>
  (
    app.backend.ctx.db
      .prepare(
        `SELECT count(*) AS n FROM audit_log WHERE action = ? AND entity_id = ? AND agent_id IS NOT NULL`,
      )
      .get(action, entityId) as { n: number }
  ).n

/** Nothing in the billing panel sticks out of its box (long addresses, Russian labels). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<HTMLLike> } }
    interface HTMLLike {
      scrollWidth: number
      clientWidth: number
      tagName: string
      className: string
    }
    return Array.from(
      g.document.querySelectorAll('[data-testid="customer-billing"], [data-testid="customer-billing"] *'),
    )
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'CANVAS' && el.clientWidth > 0)
      .map((el) => `${el.tagName}.${el.className}`)
  })
}

describe('invoices (LV, then RU)', () => {
  it('shows the amount due and the invoices of a customer, and previews an invoice as a PDF', async () => {
    const { page } = app
    const billing = new BillingPanel(page)
    await billing.openCustomer(invoiceDoc.customerId)
    await billing.premise(invoiceDoc.subscriber)
    const figures = await billing.figures.innerText()
    expect(figures).toContain('Apmaksājams tagad')
    expect(figures).toMatch(/€|EUR/)
    await expect.poll(() => billing.invoices.innerText()).toContain(invoiceDoc.number)

    const text = await previewPdf(
      page,
      invoiceDoc.number,
      'Skatīt / drukāt',
      'invoice-lv.pdf',
      `Rēķins Nr. ${invoiceDoc.number}`,
    )
    expect(text).toContain(invoiceDoc.number)
    expect(text).toContain(invoiceDoc.subscriber)
    expect(audited('print.invoice', invoiceDoc.id)).toBeGreaterThanOrEqual(1)
    expect(await overflowing(page)).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await billing.firstHeading.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'invoices-customer-lv.png') })
  })

  it('prints a balanced-payment statement', async () => {
    const { page } = app
    const billing = new BillingPanel(page)
    await billing.openCustomer(statementDoc.customerId)
    await billing.premise(statementDoc.subscriber)
    await expect.poll(() => billing.statements.innerText()).toContain(statementDoc.number)
    const text = await previewPdf(
      page,
      statementDoc.number,
      'Skatīt / drukāt',
      'statement-lv.pdf',
      `Izlīdzināto maksājumu pārskats Nr. ${statementDoc.number}`,
    )
    expect(text).toContain(statementDoc.subscriber)
    expect(audited('print.statement', statementDoc.id)).toBeGreaterThanOrEqual(1)
  })

  it('batch-prints the statements of a street as one downloaded PDF with a progress bar', async () => {
    const { page } = app
    const panel = new BatchPrintPanel(page)
    await panel.open()
    await panel.choose('batch-kind', 'Izlīdzināto maksājumu pārskati')
    await panel.month(formatMonth(statementDoc.month, 'lv'))
    await panel.fill('batch-street', statementDoc.street)
    await panel.fill('batch-city', statementDoc.city)
    const [download] = await Promise.all([page.waitForEvent('download'), panel.start('Drukāt')])
    // Named in the agent's language: "pārskati-2026-10-Street.pdf".
    expect(download.suggestedFilename()).toMatch(new RegExp(`^pārskati-${statementDoc.month}-.+\\.pdf$`, 'u'))
    const file = join(SHOTS, 'batch-lv.pdf')
    await download.saveAs(file)
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
    expect(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })).toContain(
      statementDoc.number,
    )
    await expect.poll(() => panel.status.innerText()).toMatch(/Gatavs, dokumenti: \d+/)
    expect(await panel.progress.getAttribute('aria-valuenow')).toBe('100')
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'invoices-batch-lv.png'), fullPage: true })
  })

  it('works in Russian: labels, amounts and the statement preview', async () => {
    const { page } = app
    await new Shell(page).language('RU')
    const billing = new BillingPanel(page)
    await billing.openCustomer(statementDoc.customerId)
    await billing.premise(statementDoc.subscriber)
    const figures = await billing.figures.innerText()
    expect(figures).toContain('К оплате сейчас')
    const text = await previewPdf(
      page,
      statementDoc.number,
      'Просмотр / печать',
      'statement-ru.pdf',
      `Отчёт по выровненным платежам № ${statementDoc.number}`,
    )
    expect(text).toContain(statementDoc.subscriber)
    expect(await overflowing(page)).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await billing.firstHeading.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SHOTS, 'invoices-customer-ru.png') })
  })

  it('had no console errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
