import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/backend/clock'
import { launchApp, signIn, type E2eApp } from './support/app'
import { layoutProblems } from './support/layout'
import { BillingPanel, CustomersPage, Shell } from './support/pages'

/**
 * The customer view at 1366×768, the common agent screen, in Latvian and Russian (issue 10): no text
 * overflows its box, no number, date or identifier wraps, no word is cut across lines, the invoices are
 * listed once. Measured in the page; screenshots of each part land in GASDESK_SHOTS (or tmp) to be looked at.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp

/** Customers that stretch the screen: many premises and invoices, long names and addresses. */
let invoiceCustomer = ''
let balancedCustomer = ''

beforeAll(async () => {
  app = await launchApp({
    customers: 80,
    seed: 'e2e-layout',
    viewport: { width: 1366, height: 768 },
    clock: manualClock(Date.parse('2026-11-27T09:00:00Z')),
  })
  const db = app.backend.ctx.db
  const pick = (billing: string) =>
    db
      .prepare(
        `SELECT c.customer_number FROM customers c JOIN premises p ON p.customer_id = c.id
         WHERE p.billing_type = ? GROUP BY c.id
         ORDER BY count(*) DESC, length(coalesce(c.last_name, c.company_name)) DESC LIMIT 1`,
      )
      .pluck()
      .get(billing) as string
  invoiceCustomer = pick('invoice')
  balancedCustomer = pick('balanced')
}, 180_000)
afterAll(async () => {
  await app?.close()
})

async function checkCustomerView(lang: 'lv' | 'ru', number: string, tag: string): Promise<void> {
  const { page } = app
  const shell = new Shell(page)
  const customers = new CustomersPage(page)
  const billing = new BillingPanel(page)
  await customers.open(number)
  await customers.auditRows.first().waitFor()
  // The invoices are listed once: in the billing card, not again beside the balance.
  expect(await customers.invoiceLists.count()).toBe(1)
  await page.screenshot({ path: join(SHOTS, `layout-${tag}-${lang}-top.png`) })
  await shell.scrollTo(customers.billing)
  await page.screenshot({ path: join(SHOTS, `layout-${tag}-${lang}-billing.png`) })
  await shell.scrollTo(billing.payments)
  await page.screenshot({ path: join(SHOTS, `layout-${tag}-${lang}-payments.png`) })
  await shell.scrollTo(customers.auditTrail)
  await page.screenshot({ path: join(SHOTS, `layout-${tag}-${lang}-audit.png`) })
  expect(await layoutProblems(page, '#main'), `${tag} ${lang}`).toEqual([])
}

describe('customer view at 1366×768', () => {
  it('Latvian: the billing card, premises and audit trail keep words, numbers and dates whole', async () => {
    await signIn(app.page)
    const customers = new CustomersPage(app.page)
    await customers.open(invoiceCustomer)
    // Something in the audit trail to lay out: a change with before and after.
    await customers.setLanguage('Русский')
    await expect.poll(() => customers.auditRows.count()).toBeGreaterThan(1)
    await checkCustomerView('lv', invoiceCustomer, 'invoice')
    await checkCustomerView('lv', balancedCustomer, 'balanced')
  })

  it('Russian: the same screens with the longer Russian labels', async () => {
    await new Shell(app.page).language('ru')
    await checkCustomerView('ru', invoiceCustomer, 'invoice')
    await checkCustomerView('ru', balancedCustomer, 'balanced')
    expect(app.consoleErrors).toEqual([])
  })
})
