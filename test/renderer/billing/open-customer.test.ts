import { afterEach, describe, expect, it, vi } from 'vitest'
import lv from '../../../locales/lv.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10: the Invoices section ignored the open customer and kept the previous customer's figures after
 * a "not found". On the real backend: it opens on the customer being served, a number that finds nothing
 * leaves no figures of anyone, and a number that finds a document shows (and opens) its customer.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await desk?.cleanup()
  desk = undefined
})

const figures = () => document.querySelector('[data-testid="billing-figures"]')
const shownCustomer = () => document.querySelector('[data-testid="billing-customer"]')?.textContent ?? ''
async function lookUp(number: string): Promise<void> {
  await desk!.wrapper.find('[data-testid="invoice-number"]').setValue(number)
  await desk!.wrapper.find('form.bl-lookup').trigger('submit')
  await desk!.settle()
}

describe('the Invoices section', { timeout: 60_000 }, () => {
  it('takes the open customer and never keeps anyone’s figures after a "not found"', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    // The preview opens a browser tab; happy-dom has no PDF viewer, so the tab is "blocked" here.
    vi.spyOn(window, 'open').mockReturnValue(null)
    const db = desk.backend.ctx.db
    const [a, b] = db
      .prepare(
        `SELECT c.id, c.first_name || ' ' || c.last_name AS name, min(i.number) AS number
         FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE c.kind = 'person'
         GROUP BY c.id ORDER BY c.rid LIMIT 2`,
      )
      .all() as { id: string; name: string; number: string }[]
    await desk.router.push({ name: 'customers', query: { id: a.id } })
    await desk.settle()
    await desk.router.push({ name: 'invoices' })
    await desk.settle()
    // The customer being served, without typing anything.
    await vi.waitFor(() => expect(figures()).not.toBeNull(), { timeout: 5000 })
    expect(shownCustomer()).toContain(a.name)

    await lookUp('GD-1999-9999999')
    expect(document.querySelector('.bl-error[role="alert"]')?.textContent).toContain(
      lv.invoices.lookup.notFound,
    )
    expect(figures()).toBeNull()

    // Another customer's invoice: that customer is shown and becomes the open customer.
    await lookUp(b.number)
    await vi.waitFor(() => expect(shownCustomer()).toContain(b.name), { timeout: 5000 })
    expect(figures()).not.toBeNull()
    expect(document.querySelector('.customer-context')?.textContent ?? '').toContain(b.name)

    await lookUp('nav-tāda')
    expect(figures()).toBeNull()
    expect(document.body.textContent).not.toContain(b.number)
  })
})
