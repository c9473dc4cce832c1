import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import lv from '../../locales/lv.json'
import ru from '../../locales/ru.json'
import { manualClock } from '../../src/backend/clock'
import { makeLegacyPersonalCode } from '../../src/core/personal-code'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import {
  ConsentsCard,
  CustomersPage,
  ExportDialog,
  InvoicesPage,
  NewCustomerForm,
  ReadingsSection,
  Shell,
} from './support/pages'

/**
 * Issue 10 "Forms and search" and issue 11 item 2 end to end in the browser shell at 1366×768, in
 * Latvian and Russian: the new-customer form, search by Cyrillic, apartment and invoice number, the
 * consent confirmation and undo, the export with a reason and its readable summary, readings that are
 * blocked or corrected, the Invoices section on the open customer, and the personal-code lookup limit.
 * Screenshots go to GASDESK_SHOTS (or tmp) as forms-*.png.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
const NOW = Date.parse('2026-11-27T10:00:00Z')
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `forms-${name}.png`) })
let app: E2eApp
let created = ''

beforeAll(async () => {
  app = await launchApp({
    clock: manualClock(NOW),
    customers: 120,
    seed: 'e2e-forms',
    viewport: { width: 1366, height: 768 },
  })
  await signIn(app.page)
}, 180_000)
afterAll(async () => {
  await app?.close()
})

const db = () => app.backend.ctx.db

describe('forms and search (LV)', () => {
  it('new customer: the surname error names the surname and clears when fixed; Riga, reading, zone, consent', async () => {
    const form = new NewCustomerForm(app.page)
    await form.open()
    await form.submit()
    await expect.poll(() => form.errorUnder('n-last')).toBe(lv.validation.lastName.empty)
    expect(await form.errorUnder('n-first')).toBe(lv.validation.firstName.empty)
    await shot(app.page, 'lv-create-errors')
    await form.field('n-last').fill('Popovs')
    expect(await form.errorUnder('n-last')).toBe('')
    await form.fill({
      'n-first': 'Aleksandrs',
      'n-code': makeLegacyPersonalCode('1971-05-12', 123)!,
      'a-street': 'maskavas iela.',
      'a-house': '39',
      'a-apartment': 'dz. 38',
      'a-town': 'Riga',
      'a-postalCode': 'lv1003',
      'p0-mp': 'A000000888',
      'p0-serial': 'EL-88888',
      'p0-reading': '1234',
    })
    await form.giveConsents(['email'], 'visit')
    await shot(app.page, 'lv-create-filled')
    await form.submit()
    const customers = new CustomersPage(app.page)
    await customers.profile.waitFor()
    created = (await customers.openId())!
    const text = await customers.profile.innerText()
    expect(text).toContain('Maskavas iela 39-38, Rīga, LV-1003')
    expect(text).toContain('pēdējais rādījums 1234')
    expect(text).toContain(`${lv.customers.consent.source.agent} · ${lv.customers.consent.via.visit}`)
    expect(app.consoleErrors).toEqual([])
  })

  it('search: Попов finds Popovs, "maskavas iela 39 dz 38" the apartment, an invoice number its customer', async () => {
    const customers = new CustomersPage(app.page)
    await customers.openSearch()
    await customers.search.typeQuery('Попов')
    await expect
      .poll(() => customers.hits.allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining('Aleksandrs Popovs')]))
    await shot(app.page, 'lv-search-cyrillic')
    await customers.search.typeQuery('maskavas iela 39 dz 38')
    expect(await customers.hits.first().innerText()).toContain('Aleksandrs Popovs')
    await customers.search.typeQuery('zzqxw')
    expect(await customers.hint.innerText()).toBe(lv.customers.search.none)
    const inv = db()
      .prepare('SELECT i.number, i.customer_id AS id FROM invoices i ORDER BY i.issue_date DESC LIMIT 1')
      .get() as { number: string; id: string }
    await customers.search.typeQuery(inv.number)
    await expect.poll(() => customers.openId()).toBe(inv.id)
    await customers.profile.waitFor()
    expect(await customers.foundDocument.innerText()).toContain(inv.number)
    await shot(app.page, 'lv-search-invoice')
  })

  it('a consent click asks how it was given, records after confirming, and can be undone (recorded)', async () => {
    const customers = new CustomersPage(app.page)
    await customers.openById(created)
    const consents = new ConsentsCard(app.page)
    await consents.ask('sms')
    expect(await consents.box('sms').isChecked()).toBe(false)
    await shot(app.page, 'lv-consent-dialog')
    expect(await axeViolations(app.page)).toEqual([])
    await consents.confirm('phone')
    await expect.poll(() => consents.box('sms').isChecked()).toBe(true)
    await consents.undo('sms').waitFor()
    await consents.card.scrollIntoViewIfNeeded()
    await shot(app.page, 'lv-consent-undo')
    await consents.undo('sms').click()
    await expect.poll(() => consents.box('sms').isChecked()).toBe(false)
    await expect.poll(() => consents.card.innerText()).toContain(lv.customers.consent.undone.split(':')[0])
    expect(
      db().prepare("SELECT count(*) FROM outbox WHERE name = 'consent.undo'").pluck().get() as number,
    ).toBe(1)
  })

  it('the data export asks why and gives a readable summary with labels in Latvian', async () => {
    const exporter = new ExportDialog(app.page)
    await exporter.start()
    await shot(app.page, 'lv-export-dialog')
    const html = await exporter.confirm('Klients lūdz savu datu kopiju')
    expect(html).toContain(lv.customers.export.col.customerNumber)
    expect(html).not.toContain('customer_number')
    // The summary is a downloaded file: view it on a blank page, not inside the app (whose CSP it is not under).
    const summary = await app.context.newPage()
    await summary.setContent(html)
    await summary.screenshot({ path: join(SHOTS, 'forms-lv-export-summary.png') })
    writeFileSync(join(SHOTS, 'forms-lv-export-summary.html'), html)
    await summary.close()
    expect(db().prepare("SELECT reason FROM audit_log WHERE action = 'customer.export'").pluck().get()).toBe(
      'Klients lūdz savu datu kopiju',
    )
  })

  it('readings: an impossible value is blocked with no price beside it', async () => {
    const meter = db()
      .prepare(
        `SELECT m.id, m.digits FROM meters m WHERE m.removed_at IS NULL
           AND EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.id AND r.status = 'actual') LIMIT 1`,
      )
      .get() as { id: string; digits: number }
    const entry = new ReadingsSection(app.page)
    await entry.openMeter(meter.id)
    await entry.type(10 ** meter.digits - 1)
    await entry.finding('exceeds-max-flow').waitFor()
    // The consumption line is there (it explains the block), the price is not.
    await entry.kwh.waitFor()
    expect(await entry.estimate.count()).toBe(0)
    await shot(app.page, 'lv-reading-blocked')
  })
})

describe('a supervisor corrects a lower reading', () => {
  it('the lower value replaces the wrong last reading with a reason', async () => {
    const page = await app.newPage()
    await signIn(page, 'janis', 'janis-demo')
    const m = db()
      .prepare(
        `SELECT id, last, previous FROM (SELECT m.id,
           (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual' ORDER BY reading_date DESC LIMIT 1) AS last,
           (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual' ORDER BY reading_date DESC LIMIT 1 OFFSET 1) AS previous
         FROM meters m WHERE m.removed_at IS NULL) WHERE last - previous >= 40 LIMIT 1`,
      )
      .get() as { id: string; last: number; previous: number }
    const entry = new ReadingsSection(page)
    await entry.openMeter(m.id)
    await entry.type(m.previous + 20)
    await entry.finding('lower-than-last-actual').waitFor()
    await entry.correction.fill('Iepriekšējais rādījums nolasīts kļūdaini')
    await entry.finding('correction').waitFor()
    await shot(page, 'lv-reading-correction')
    await page.close()
  })
})

describe('forms and search (RU)', () => {
  let page: Page
  beforeAll(async () => {
    page = await app.newPage()
    await signIn(page, 'olga', 'olga-demo')
  })

  it('the new-customer form in Russian', async () => {
    const form = new NewCustomerForm(page)
    await form.open()
    await form.fill({ 'n-first': 'Ольга', 'a-town': 'Riga', 'a-postalCode': '1003' })
    await form.submit()
    await expect.poll(() => form.errorUnder('n-last')).toBe(ru.validation.lastName.empty)
    expect(await form.errorUnder('a-municipality')).toBe('')
    await form.field('n-last').fill('Смирнова')
    expect(await form.errorUnder('n-last')).toBe('')
    await shot(page, 'ru-create-errors')
  })

  it('consent dialog and export summary in Russian', async () => {
    await new CustomersPage(page).openById(created)
    const consents = new ConsentsCard(page)
    await consents.ask('post')
    await shot(page, 'ru-consent-dialog')
    await consents.confirm('letter')
    await expect.poll(() => consents.box('post').isChecked()).toBe(true)
    const exporter = new ExportDialog(page)
    await exporter.start()
    const html = await exporter.confirm('Запрос клиента')
    expect(html).toContain(ru.customers.export.col.customerNumber)
    const summary = await app.context.newPage() // a blank page: the file is viewed outside the app
    await summary.setContent(html)
    await summary.screenshot({ path: join(SHOTS, 'forms-ru-export-summary.png') })
    await summary.close()
  })

  it('the Invoices section takes the open customer and shows nothing after "not found"', async () => {
    const owner = db()
      .prepare(
        `SELECT c.id, c.first_name || ' ' || c.last_name AS name FROM customers c
         WHERE c.kind = 'person' AND EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id) LIMIT 1`,
      )
      .get() as { id: string; name: string }
    await new CustomersPage(page).openById(owner.id)
    const invoices = new InvoicesPage(page)
    await invoices.open()
    await invoices.figures.waitFor()
    expect(await invoices.customer.innerText()).toContain(owner.name)
    await shot(page, 'ru-invoices-open-customer')
    await invoices.lookUp('GD-1999-0000000')
    await new Shell(page).text(ru.invoices.lookup.notFound).waitFor()
    expect(await invoices.figures.count()).toBe(0)
    await shot(page, 'ru-invoices-not-found')
  })

  it('a reading lower than the last tells an agent who can correct it', async () => {
    const m = db()
      .prepare(
        `SELECT m.id, (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual'
           ORDER BY reading_date DESC LIMIT 1) AS last FROM meters m WHERE m.removed_at IS NULL
           AND (SELECT value FROM readings WHERE meter_id = m.id AND status = 'actual'
           ORDER BY reading_date DESC LIMIT 1) > 3000 LIMIT 1`,
      )
      .get() as { id: string; last: number }
    const entry = new ReadingsSection(page)
    await entry.openMeter(m.id)
    await entry.type(m.last - 2000)
    await entry.finding('lower-than-last-actual').waitFor()
    expect(await entry.finding('lower-than-last-actual').innerText()).toContain(
      ru.readings.validation.lowerThanLastActual.askSupervisor.slice(0, 30),
    )
    expect(await entry.correction.count()).toBe(0)
    await shot(page, 'ru-reading-lower')
  })

  it('whole personal codes that match nobody are limited, with the reason in Russian', async () => {
    const customers = new CustomersPage(page)
    await customers.openSearch()
    for (let serial = 900; serial < 911; serial++)
      await customers.search.typeQuery(makeLegacyPersonalCode('1950-01-01', serial)!)
    await expect
      .poll(() => customers.hint.innerText())
      .toContain(ru.customers.errors.codeLookupsLimited.slice(0, 30))
    await shot(page, 'ru-search-limited')
    // Names still work.
    await customers.search.typeQuery('Popovs')
    expect(await customers.hits.first().innerText()).toContain('Popovs')
    expect(app.consoleErrors).toEqual([])
  })
})
