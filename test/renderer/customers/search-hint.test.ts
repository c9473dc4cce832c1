import { afterEach, describe, expect, it, vi } from 'vitest'
import lv from '../../../locales/lv.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Search": the hint said "Nekas nav atrasts." while the answer to what was just typed had not
 * come yet (and screen readers announced it); and an invoice number typed in the main search found
 * nothing. The renderer on the real backend and a seeded database.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const status = () =>
  document.querySelector('#customer-search-input ~ [role="status"]')?.textContent?.trim() ?? ''
async function type(text: string): Promise<void> {
  await desk!.wrapper.find('#customer-search-input').setValue(text)
}

describe('the customer search hint', () => {
  it('never says "nothing found" (nor announces it) while the answer to the typed text is pending', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    await type('zzqxw')
    // Typed, not answered yet: the live region is silent and the box says it is searching.
    expect(status()).toBe('')
    expect(document.querySelector('[data-testid="search-pending"]')?.textContent).toContain(
      lv.customers.search.pending,
    )
    await vi.waitFor(() => expect(status()).toBe(lv.customers.search.none), { timeout: 3000 })
    expect(document.querySelector('[data-testid="search-pending"]')).toBeNull()
    // One more letter: the old answer ("nothing") is not this text's answer.
    await type('zzqxwy')
    expect(status()).not.toContain(lv.customers.search.none)
    await vi.waitFor(() => expect(status()).toBe(lv.customers.search.none), { timeout: 3000 })
  })

  it('an invoice number typed in the main search finds and opens its customer', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const inv = desk.backend.ctx.db
      .prepare(
        `SELECT i.number, c.id, c.first_name || ' ' || c.last_name AS name
         FROM invoices i JOIN customers c ON c.id = i.customer_id WHERE c.kind = 'person' LIMIT 1`,
      )
      .get() as { number: string; id: string; name: string }
    await type(inv.number.toLowerCase())
    await vi.waitFor(() => expect(desk!.router.currentRoute.value.query.id).toBe(inv.id), { timeout: 3000 })
    await desk.settle()
    expect(document.querySelector('.customer-profile h1')?.textContent).toContain(inv.name)
    expect(document.querySelector('[data-testid="hit-document"]')?.textContent).toContain(inv.number)
    // The box keeps focus and the number, so the agent can go on from there.
    expect((document.querySelector('#customer-search-input') as HTMLInputElement).value).toBe(
      inv.number.toLowerCase(),
    )
  })
})
