import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { DocumentsSection, Shell } from './support/pages'

/**
 * Signed-document review end to end in the browser shell (issue 6): add a fixture container to a
 * customer, see the traffic light and the checks, expand them, view an inner PDF, decide, see the
 * decision and the audit — in Latvian and Russian; hostile uploads answered in the agent's language.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
const FIX = '/work/shared/fixtures/signatures'
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp
let customer: { customer_number: string; name: string }

beforeAll(async () => {
  app = await launchApp({ customers: 30, seed: 'e2e-documents' })
  customer = app.backend.ctx.db
    .prepare(
      "SELECT customer_number, first_name || ' ' || last_name AS name FROM customers WHERE kind = 'person' LIMIT 1",
    )
    .get() as { customer_number: string; name: string }
  await signIn(app.page)
}, 120_000)
afterAll(async () => {
  await app?.close()
})

/** The one customer search (the Customers section's box) chooses whom the documents are for. */
async function chooseCustomer(page: Page, docs: DocumentsSection): Promise<void> {
  await docs.search.input.fill(customer.customer_number)
  await docs.search.hits.first().waitFor()
  await docs.search.input.press('Enter')
  await expect.poll(() => page.url()).toContain('customer=')
  await expect.poll(() => new Shell(page).customerContext.innerText()).toContain(customer.name)
}

const count = (sql: string): number => app.backend.ctx.db.prepare(sql).pluck().get() as number

describe('documents review (LV, then RU)', () => {
  it('adds a genuine e-sealed container, shows VALID with its checks, previews the PDF inside, accepts it', async () => {
    const { page } = app
    const docs = new DocumentsSection(page)
    await docs.open()
    await chooseCustomer(page, docs)
    await docs.addFile(join(FIX, 'asice/terms_of_Account_Agreement_28062025_ENG.asice'))
    const review = docs.review
    await docs.badge('VALID').waitFor()
    expect(await review.innerText()).toContain('Derīgs')
    expect(await review.innerText()).toContain('Swedbank AS v10: eZīmogs')
    expect(await docs.reviewHeader.innerText()).toContain(customer.name)
    // Every check passed, so the list starts closed: expand it and read the plain reasons.
    const checks = docs.check('references')
    expect(await checks.isVisible()).toBe(false)
    await docs.checksToggle.click()
    await checks.waitFor()
    expect(await checks.getAttribute('data-outcome')).toBe('pass')
    expect(await docs.check('timestamp').innerText()).toContain('Izpildīts')
    await docs.view('Skatīt Konta liguma noteikumi Eng.pdf')
    const frame = docs.previewFrame
    await frame.waitFor()
    // Chromium shows PDFs only in unsandboxed frames; the blob's type is fixed to application/pdf.
    expect(
      await page.evaluate(() => document.querySelector('iframe')?.getAttribute('sandbox') ?? null),
    ).toBeNull()
    expect(await frame.getAttribute('src')).toMatch(/^blob:/)
    await page.screenshot({ path: join(SHOTS, 'documents-review-lv.png'), fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await docs.closePreview('Aizvērt')
    await docs.decide('accept', 'Līguma noteikumi parakstīti ar e-zīmogu')
    expect(await docs.decided.innerText()).toContain('Pieņemts')
    const audit = await docs.audit.innerText()
    expect(audit).toContain('Pievienots')
    expect(audit).toContain('Lēmums')
    expect(audit).toContain('Līguma noteikumi parakstīti ar e-zīmogu')
    expect(count("SELECT count(*) FROM outbox WHERE name IN ('document.add', 'document.decide')")).toBe(2)
    await page.screenshot({ path: join(SHOTS, 'documents-decided-lv.png'), fullPage: true })
  })

  it('refuses an oversized file and a non-signed file in the agent’s language, storing nothing', async () => {
    const docs = new DocumentsSection(app.page)
    const dir = join(tmpdir(), `gasdesk-e2e-docs-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'huge.edoc'), Buffer.alloc(9 * 1024 * 1024, 0x50))
    writeFileSync(join(dir, 'notes.txt'), 'just some text, not signed')
    const before = count('SELECT count(*) FROM documents')
    await docs.addFile(join(dir, 'huge.edoc'))
    await expect.poll(() => docs.addMessage.innerText()).toContain('par lielu')
    await docs.addFile(join(dir, 'notes.txt'))
    await expect.poll(() => docs.addMessage.innerText()).toContain('nav parakstīta dokumenta')
    expect(count('SELECT count(*) FROM documents')).toBe(before)
  })

  it('in Russian: a key-substitution forgery is INVALID with the failing check open; rejected with a reason', async () => {
    const { page } = app
    const docs = new DocumentsSection(page)
    await new Shell(page).language('RU')
    await docs.addFile(join(FIX, 'asice/forged_lt.asice'))
    await docs.badge('INVALID').waitFor()
    expect(await docs.review.innerText()).toContain('Недействителен')
    // A failing signature opens its checks by itself.
    await docs.failedChecks.first().waitFor()
    expect(await docs.list.innerText()).toContain('forged_lt.asice')
    await page.screenshot({ path: join(SHOTS, 'documents-review-ru.png'), fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await docs.decide('reject', 'Подпись подделана')
    expect(await docs.decided.innerText()).toContain('Отклонён')
    expect(app.consoleErrors).toEqual([])
  })
})
