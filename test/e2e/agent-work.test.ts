import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldForSearch } from '../../src/core/contact/fold'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { CustomersPage, DocumentsSection, NewCustomerForm, Shell } from './support/pages'

/**
 * Issue 10 in Chromium at the common agent screen (1366×768), in Latvian and Russian: an e-mail with a
 * bare "@" keeps the new-customer form and what was typed; the Documents section works for the open
 * customer, chooses customers with the one customer search, and files an unsigned PDF as "not signed"
 * under its own name. Screenshots go to GASDESK_SHOTS (or tmp).
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp
let shell: Shell
let people: Array<{
  id: string
  name: string
  first_name: string
  last_name: string
  customer_number: string
}>
const files = join(tmpdir(), `gasdesk-e2e-agent-work-${process.pid}`)

/** A real PDF without a signature, as pdfkit writes it. */
function unsignedPdf(path: string): Promise<void> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({ size: 'A4' })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => done(writeFileSync(path, Buffer.concat(chunks))))
    doc.on('error', fail)
    doc.font(join(__dirname, '../../resources/fonts/DejaVuSans.ttf')).text('Iesniegums bez paraksta')
    doc.end()
  })
}

beforeAll(async () => {
  mkdirSync(files, { recursive: true })
  await unsignedPdf(join(files, 'Iesniegums.pdf'))
  app = await launchApp({ customers: 60, seed: 'e2e-agent-work', viewport: { width: 1366, height: 768 } })
  people = app.backend.ctx.db
    .prepare(
      `SELECT id, first_name || ' ' || last_name AS name, first_name, last_name, customer_number FROM customers
       WHERE kind = 'person' AND personal_code IS NOT NULL ORDER BY customer_number LIMIT 2`,
    )
    .all() as typeof people
  shell = new Shell(app.page)
  await signIn(app.page)
}, 180_000)
afterAll(async () => {
  await app?.close()
})

describe('an agent’s work is kept and the desk works for the open customer (LV, then RU)', () => {
  it('keeps the new-customer form and everything typed when the e-mail is "test@"', async () => {
    const form = new NewCustomerForm(app.page)
    await form.open(shell)
    await form.field('n-first').fill('Ērika')
    await form.field('n-last').fill('Šņore')
    await form.field('n-email').pressSequentially('test@', { delay: 20 })
    await form.submit()
    await expect.poll(() => form.errors()).toContain('vards@domens.lv')
    expect(await form.field('n-first').inputValue()).toBe('Ērika')
    expect(await form.field('n-last').inputValue()).toBe('Šņore')
    expect(await form.field('n-email').inputValue()).toBe('test@')
    expect(await shell.sectionError.count()).toBe(0)
    await shell.shot(join(SHOTS, 'agent-work-lv-email-at.png'))
  })

  it('opens the Documents section (Alt+4) on the customer open in the Customers section, named in the header', async () => {
    const [anna] = people
    await new CustomersPage(app.page).openById(anna.id)
    await app.page.keyboard.press('Alt+4')
    const docs = new DocumentsSection(app.page)
    await expect.poll(() => app.page.url()).toContain(`customer=${anna.id}`)
    await expect.poll(() => shell.customerContext.innerText()).toContain(anna.name)
    expect(await shell.customerContext.innerText()).not.toContain('Klients nav atvērts')
    expect(await docs.chosenCustomer.innerText()).toContain(anna.customer_number)
  })

  it('files an unsigned PDF as not signed (not damaged) under its own name', async () => {
    const docs = new DocumentsSection(app.page)
    await docs.addFile(join(files, 'Iesniegums.pdf'))
    const badge = docs.badge('UNSUPPORTED')
    await badge.waitFor()
    expect(await badge.innerText()).toContain('Nav parakstīts')
    const review = await docs.review.innerText()
    expect(review).not.toContain('Bojāts')
    expect(review).not.toContain('document.pdf')
    expect(await docs.innerFiles.innerText()).toContain('Iesniegums.pdf')
    expect(await docs.list.innerText()).toContain('Nav parakstīts')
    await shell.shot(join(SHOTS, 'agent-work-lv-documents.png'))
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('chooses another customer with the one customer search (no diacritics needed); the header follows', async () => {
    const [, other] = people
    const docs = new DocumentsSection(app.page)
    await docs.changeCustomer()
    await docs.search.find(`${foldForSearch(other.last_name)} ${foldForSearch(other.first_name)}`)
    const hit = docs.search.hits.filter({ hasText: other.customer_number }).first()
    expect(await hit.innerText()).toMatch(/\d{6}-\*{5}/)
    await shell.shot(join(SHOTS, 'agent-work-lv-documents-search.png'))
    await docs.search.choose(other.customer_number)
    await expect.poll(() => shell.customerContext.innerText()).toContain(other.name)
    await expect.poll(() => docs.chosenCustomer.innerText()).toContain(other.name)
    expect(app.page.url()).toContain(`customer=${other.id}`)
  })

  it('in Russian: the same screens, and "test@" still keeps the form', async () => {
    await shell.language('RU')
    const [anna] = people
    const docs = new DocumentsSection(app.page)
    await shell.go(`/documents?customer=${anna.id}`)
    await expect.poll(() => docs.list.innerText()).toContain('Не подписан')
    await docs.openFromList('Iesniegums.pdf')
    await docs.badge('UNSUPPORTED').waitFor()
    expect(await docs.review.innerText()).toContain('Не подписан')
    await shell.shot(join(SHOTS, 'agent-work-ru-documents.png'))

    const form = new NewCustomerForm(app.page)
    await form.open(shell)
    await form.field('n-first').fill('Анна')
    await form.field('n-email').pressSequentially('test@', { delay: 20 })
    await form.submit()
    await expect.poll(() => form.errors()).toContain('имя@домен.lv')
    expect(await form.field('n-first').inputValue()).toBe('Анна')
    expect(await form.field('n-email').inputValue()).toBe('test@')
    await shell.shot(join(SHOTS, 'agent-work-ru-email-at.png'))
    expect(app.consoleErrors).toEqual([])
  })
})
