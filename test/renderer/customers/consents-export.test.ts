import { afterEach, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Consents": one click recorded a legal consent with no confirmation or undo, and the data
 * export asked no reason. The customer view on the real backend: a click only asks; the agent says how
 * the customer gave it and confirms; the undo is offered and is itself recorded; the export asks why.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

async function openCustomer(): Promise<string> {
  const id = desk!.backend.ctx.db
    .prepare("SELECT id FROM customers WHERE kind = 'person' ORDER BY rid LIMIT 1")
    .pluck()
    .get() as string
  await desk!.router.push({ name: 'customers', query: { id } })
  await desk!.settle()
  return id
}
const count = (sql: string, ...args: unknown[]) =>
  desk!.backend.ctx.db
    .prepare(sql)
    .pluck()
    .get(...args) as number
const dialog = () => document.querySelector('.p-dialog')
const methods = () => desk!.api.calls.map((c) => c.method)

describe('consents in the customer view', { timeout: 60_000 }, () => {
  it('a click asks how the customer gave it, records only after confirming, and offers a recorded undo', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const id = await openCustomer()
    const consents = () => count('SELECT count(*) FROM consents WHERE customer_id = ?', id)
    const before = consents()
    const box = desk.wrapper.find('[data-testid="consent-email"]')
    const wasChecked = (box.element as HTMLInputElement).checked
    await box.trigger('click')
    await desk.settle()
    // Nothing recorded by the click; the box still shows the recorded state; a dialog asks.
    expect(methods()).not.toContain('customers.setConsent')
    expect(consents()).toBe(before)
    expect((box.element as HTMLInputElement).checked).toBe(wasChecked)
    expect(dialog()?.textContent).toContain(lv.customers.consent.viaQuestion)
    // Confirming without saying how is refused in the form.
    ;(document.querySelector('[data-testid="consent-confirm"]') as HTMLElement).click()
    await desk.settle()
    expect(dialog()?.textContent).toContain(lv.customers.consent.viaRequired)
    expect(consents()).toBe(before)
    const via = document.querySelector('#consent-via') as HTMLSelectElement
    via.value = 'phone'
    via.dispatchEvent(new Event('change'))
    ;(document.querySelector('[data-testid="consent-confirm"]') as HTMLElement).click()
    await desk.settle()
    expect(consents()).toBe(before + 1)
    expect(count("SELECT count(*) FROM consents WHERE customer_id = ? AND obtained_via = 'phone'", id)).toBe(
      1,
    )
    expect(dialog()).toBeNull()
    expect(document.querySelector('[data-testid="consent-notice"]')?.textContent).toContain(
      lv.customers.consent.email,
    )
    // Undo: one click, recorded as its own mutation with outbox and audit rows.
    const undo = desk.wrapper.find('[data-testid="consent-undo-email"]')
    expect(undo.exists()).toBe(true)
    await undo.trigger('click')
    await desk.settle()
    expect(consents()).toBe(before + 2)
    expect(count("SELECT count(*) FROM outbox WHERE name = 'consent.undo'")).toBe(1)
    expect(
      count("SELECT count(*) FROM audit_log WHERE action = 'consent.undo' AND customer_id = ?", id),
    ).toBe(1)
    expect((desk.wrapper.find('[data-testid="consent-email"]').element as HTMLInputElement).checked).toBe(
      wasChecked,
    )
    expect(desk.wrapper.find('[data-testid="consent-undo-email"]').exists()).toBe(false)
  })

  it('the data export asks for a reason and is audited with it', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const id = await openCustomer()
    await desk.wrapper.find('[data-testid="export-start"]').trigger('click')
    await desk.settle()
    expect(dialog()?.textContent).toContain(lv.customers.export.reason)
    ;(document.querySelector('[data-testid="export-confirm"]') as HTMLElement).click()
    await desk.settle()
    expect(methods()).not.toContain('customers.export')
    expect(dialog()?.textContent).toContain(lv.customers.export.reasonRequired)
    const reason = document.querySelector('#export-reason') as HTMLInputElement
    reason.value = 'Klienta pieprasījums klātienē'
    reason.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-testid="export-confirm"]') as HTMLElement).click()
    await desk.settle()
    expect(desk.api.calls.find((c) => c.method === 'customers.export')?.input).toEqual({
      customerId: id,
      reason: 'Klienta pieprasījums klātienē',
    })
    expect(
      desk.backend.ctx.db
        .prepare("SELECT reason FROM audit_log WHERE action = 'customer.export' AND customer_id = ?")
        .pluck()
        .get(id),
    ).toBe('Klienta pieprasījums klātienē')
    expect(dialog()).toBeNull()
  })
})
