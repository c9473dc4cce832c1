import { readFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/backend/clock'
import { recordAccess } from '../../src/backend/db/mutations'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { layoutProblems } from './support/layout'
import { AuditLogPage, CustomersPage, Shell } from './support/pages'

/**
 * The supervisor's audit log in the browser shell (issue 10): an agent's work shows up labelled; the
 * supervisor filters by action with the keyboard and by a typed period, pages through the whole log,
 * exports CSV (a real download) and finds the export itself in the log — at 1366×768, LV then RU.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp

beforeAll(async () => {
  app = await launchApp({
    customers: 40,
    seed: 'e2e-audit',
    viewport: { width: 1366, height: 768 },
    clock: manualClock(Date.parse('2026-11-27T09:00:00Z')),
  })
  // Two months of earlier views by both agents, so there is a log to page through and a period to pick.
  const db = app.backend.ctx.db
  const agents = db
    .prepare("SELECT id FROM agents WHERE username IN ('liga', 'olga')")
    .pluck()
    .all() as string[]
  const customers = db.prepare('SELECT id FROM customers LIMIT 20').pluck().all() as string[]
  for (let i = 0; i < 180; i++)
    recordAccess(
      db,
      {
        agentId: agents[i % 2],
        workstation: i % 3 ? 'DESK-1' : 'DESK-2',
        nowMs: Date.parse('2026-09-28T08:00:00Z') + i * 8 * 3_600_000,
      },
      {
        action: 'customer.view',
        customerId: customers[i % 20],
        entityType: 'customer',
        entityId: customers[i % 20],
      },
    )
}, 180_000)
afterAll(async () => {
  await app?.close()
})

describe('audit log', () => {
  it('an agent’s change appears labelled, with the change as field: before → after', async () => {
    await signIn(app.page)
    const customers = new CustomersPage(app.page)
    const number = app.backend.ctx.db
      .prepare('SELECT customer_number FROM customers LIMIT 1 OFFSET 3')
      .pluck()
      .get() as string
    await customers.open(number)
    await customers.setLanguage('English')
    await expect.poll(() => customers.auditTrail.innerText()).toContain('Saziņas valoda: Latviešu → English')
  })

  it('Latvian: filters by action with the keyboard and by a typed period, pages, exports and records the export', async () => {
    const page = await app.newPage()
    await signIn(page, 'janis', 'janis-demo')
    const shell = new Shell(page)
    const log = new AuditLogPage(page)
    await page.keyboard.press('Alt+8')
    await log.rows.first().waitFor()
    // Alt+8 lands in the first filter, not on <main>.
    expect(await shell.focused()).toBe('span#audit-agent')
    expect(await log.rows.first().innerText()).toContain('Valoda mainīta')
    expect(await log.rows.first().innerText()).toContain('Saziņas valoda: Latviešu → English')
    await page.screenshot({ path: join(SHOTS, 'audit-log-lv.png') })
    expect(await layoutProblems(page, '#main')).toEqual([])
    expect(await axeViolations(page)).toEqual([])

    // The action by keyboard: open the list, type to find, Enter.
    await log.chooseAction('Valoda mainīta')
    await expect.poll(() => log.rows.count()).toBe(1)
    await log.chooseAction('Klienta profils atvērts')
    // A typed period in the screen's own date form (the closing stop may be left out).
    await log.period('01.10.2026', '31.10.2026.')
    await expect.poll(() => log.from.inputValue()).toBe('01.10.2026.')
    await expect
      .poll(async () => (await log.rows.allInnerTexts()).every((r) => /\.10\.2026\./.test(r)))
      .toBe(true)
    const october = app.backend.ctx.db
      .prepare(
        "SELECT count(*) FROM audit_log WHERE action = 'customer.view' AND at >= '2026-09-30T21:00:00.000Z' AND at < '2026-10-31T22:00:00.000Z'",
      )
      .pluck()
      .get() as number
    expect(october).toBeGreaterThan(50)
    // Pages: 50 a page, older then newer again.
    expect(await log.rows.count()).toBe(50)
    const firstPage = await log.rows.first().innerText()
    await log.next.click()
    await expect.poll(async () => log.rows.first().innerText()).not.toBe(firstPage)
    await log.previous.click()
    await expect.poll(async () => log.rows.first().innerText()).toBe(firstPage)
    await page.screenshot({ path: join(SHOTS, 'audit-log-lv-filtered.png') })

    const [download] = await Promise.all([page.waitForEvent('download'), log.exportButton.click()])
    expect(download.suggestedFilename()).toBe('audita-zurnals-2026-11-27.csv')
    const file = join(SHOTS, 'audit-log-lv.csv')
    await download.saveAs(file)
    const lines = readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(october + 1)
    expect(lines[1]).toMatch(/^\d{2}\.10\.2026\. \d{2}:\d{2};/)
    // The export is in the log itself.
    await log.clearFilters('Notīrīt filtrus')
    await expect.poll(() => log.rows.first().innerText()).toContain('Audita žurnāls eksportēts')
    expect(await log.rows.first().innerText()).toContain(`Ierakstu skaits: ${october}`)
    expect(app.consoleErrors).toEqual([])
  })

  it('Russian: the same section with Russian labels and date forms, words and numbers whole', async () => {
    const page = await app.newPage()
    await signIn(page, 'janis', 'janis-demo')
    const shell = new Shell(page)
    await shell.language('ru')
    await shell.section('audit')
    const log = new AuditLogPage(page)
    await log.rows.first().waitFor()
    const text = await log.section.innerText()
    expect(text).toContain('Журнал аудита выгружен')
    expect(text).toMatch(/\d{2}\.\d{2}\.2026 \d{2}:\d{2}/)
    await page.screenshot({ path: join(SHOTS, 'audit-log-ru.png') })
    expect(await layoutProblems(page, '#main')).toEqual([])
    expect(await axeViolations(page)).toEqual([])
  })
})
