import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'

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
async function chooseCustomer(page: Page): Promise<void> {
  await page.locator('#customer-search-input').fill(customer.customer_number)
  await page.locator('.search-hit').first().waitFor()
  await page.locator('#customer-search-input').press('Enter')
  await expect.poll(() => page.url()).toContain('customer=')
  await expect.poll(() => page.locator('.customer-context').innerText()).toContain(customer.name)
}

async function addFile(page: Page, path: string): Promise<void> {
  await page.locator('[data-testid=file-input]').setInputFiles(path)
  await page.locator('[data-testid=add-submit]').click()
}

const count = (sql: string): number => app.backend.ctx.db.prepare(sql).pluck().get() as number

describe('documents review (LV, then RU)', () => {
  it('adds a genuine e-sealed container, shows VALID with its checks, previews the PDF inside, accepts it', async () => {
    const { page } = app
    await page.evaluate(() => (location.hash = '#/documents'))
    await page.locator('[data-testid=document-add]').waitFor()
    await chooseCustomer(page)
    await addFile(page, join(FIX, 'asice/terms_of_Account_Agreement_28062025_ENG.asice'))
    const review = page.locator('[data-testid=document-review]')
    await review.locator('.dr-badge-large[data-status=VALID]').waitFor()
    expect(await review.innerText()).toContain('Derīgs')
    expect(await review.innerText()).toContain('Swedbank AS v10: eZīmogs')
    expect(await review.locator('header').innerText()).toContain(customer.name)
    // Every check passed, so the list starts closed: expand it and read the plain reasons.
    const checks = review.locator('.dr-check[data-check=references]')
    expect(await checks.isVisible()).toBe(false)
    await review.locator('[data-testid=checks-toggle]').first().click()
    await checks.waitFor()
    expect(await checks.getAttribute('data-outcome')).toBe('pass')
    expect(await review.locator('.dr-check[data-check=timestamp]').innerText()).toContain('Izpildīts')
    await review.getByRole('button', { name: 'Skatīt Konta liguma noteikumi Eng.pdf' }).click()
    const frame = review.locator('[data-testid=preview] iframe')
    await frame.waitFor()
    // Chromium shows PDFs only in unsandboxed frames; the blob's type is fixed to application/pdf.
    expect(
      await page.evaluate(() => document.querySelector('iframe')?.getAttribute('sandbox') ?? null),
    ).toBeNull()
    expect(await frame.getAttribute('src')).toMatch(/^blob:/)
    await page.screenshot({ path: join(SHOTS, 'documents-review-lv.png'), fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await review.locator('[data-testid=preview]').getByRole('button', { name: 'Aizvērt' }).click()
    await review.locator('[data-testid=decision-reason]').fill('Līguma noteikumi parakstīti ar e-zīmogu')
    await review.locator('[data-testid=accept]').click()
    await review.locator('[data-testid=decided]').waitFor()
    expect(await review.locator('[data-testid=decided]').innerText()).toContain('Pieņemts')
    const audit = await review.locator('[data-testid=audit]').innerText()
    expect(audit).toContain('Pievienots')
    expect(audit).toContain('Lēmums')
    expect(audit).toContain('Līguma noteikumi parakstīti ar e-zīmogu')
    expect(count("SELECT count(*) FROM outbox WHERE name IN ('document.add', 'document.decide')")).toBe(2)
    await page.screenshot({ path: join(SHOTS, 'documents-decided-lv.png'), fullPage: true })
  })

  it('refuses an oversized file and a non-signed file in the agent’s language, storing nothing', async () => {
    const { page } = app
    const dir = join(tmpdir(), `gasdesk-e2e-docs-${process.pid}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'huge.edoc'), Buffer.alloc(9 * 1024 * 1024, 0x50))
    writeFileSync(join(dir, 'notes.txt'), 'just some text, not signed')
    const before = count('SELECT count(*) FROM documents')
    await addFile(page, join(dir, 'huge.edoc'))
    await expect.poll(() => page.locator('[data-testid=add-message]').innerText()).toContain('par lielu')
    await addFile(page, join(dir, 'notes.txt'))
    await expect
      .poll(() => page.locator('[data-testid=add-message]').innerText())
      .toContain('nav parakstīta dokumenta')
    expect(count('SELECT count(*) FROM documents')).toBe(before)
  })

  it('in Russian: a key-substitution forgery is INVALID with the failing check open; rejected with a reason', async () => {
    const { page } = app
    await page.getByRole('button', { name: /^RU\b/ }).click()
    await addFile(page, join(FIX, 'asice/forged_lt.asice'))
    const review = page.locator('[data-testid=document-review]')
    await review.locator('.dr-badge-large[data-status=INVALID]').waitFor()
    expect(await review.innerText()).toContain('Недействителен')
    // A failing signature opens its checks by itself.
    await review.locator('.dr-check[data-outcome=fail]').first().waitFor()
    expect(await page.locator('[data-testid=document-list]').innerText()).toContain('forged_lt.asice')
    await page.screenshot({ path: join(SHOTS, 'documents-review-ru.png'), fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await review.locator('[data-testid=decision-reason]').fill('Подпись подделана')
    await review.locator('[data-testid=reject]').click()
    await review.locator('[data-testid=decided]').waitFor()
    expect(await review.locator('[data-testid=decided]').innerText()).toContain('Отклонён')
    expect(app.consoleErrors).toEqual([])
  })
})
