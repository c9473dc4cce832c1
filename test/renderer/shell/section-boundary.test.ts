import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  vi.restoreAllMocks()
  await desk?.cleanup()
  desk = undefined
})

const input = (selector: string): HTMLInputElement => {
  const el = document.querySelector<HTMLInputElement>(selector)
  if (!el) throw new Error(`no ${selector} on screen`)
  return el
}
async function type(selector: string, value: string): Promise<void> {
  const el = input(selector)
  el.value = value
  el.dispatchEvent(new Event('input', { bubbles: true }))
  await desk!.settle()
}
async function click(text: string): Promise<void> {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)
  if (!button) throw new Error(`no button "${text}"`)
  button.click()
  await desk!.settle()
}
const billingPanel = () => document.querySelector('#bl-title')
const alertText = () => document.querySelector('.section-error')?.textContent ?? ''

/**
 * The failure is the kind that happened in the field: a locale message vue-i18n cannot compile, here in
 * the billing panel inside the customer view, while the agent is halfway through editing the contacts.
 */
async function breakBillingPanel(lang: 'lv' | 'ru', title: string): Promise<void> {
  desk!.i18n.global.mergeLocaleMessage(lang, { invoices: { panel: { title } } })
  await desk!.settle()
}

// Real sign-in (scrypt) and real seeded data: generous time on a shared, busy build box.
describe('the section boundary', { timeout: 30_000 }, () => {
  it('keeps the other inputs of the section when a component inside it throws, says so and logs it', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    desk = await mountOnBackend({ signInAs: 'liga' })
    const { id } = desk.backend.ctx.db
      .prepare(`SELECT id FROM customers WHERE kind = 'person' ORDER BY id LIMIT 1`)
      .get() as { id: string }
    await desk.router.push(`/customers?id=${id}`)
    await desk.settle()
    expect(billingPanel()).not.toBeNull()
    await click('Labot')
    await type('#c-email', 'anna.ozola@example.lv')
    await type('#c-phone', '+371 2000 0000')

    await breakBillingPanel('lv', 'Rēķini @ maksājumi')

    expect(billingPanel()).toBeNull()
    expect(input('#c-email').value).toBe('anna.ozola@example.lv')
    expect(input('#c-phone').value).toBe('+371 2000 0000')
    expect(document.querySelector('.customer-profile')).not.toBeNull()
    expect(alertText()).toContain('Šo ekrāna daļu neizdevās parādīt')
    expect(alertText()).toMatch(/Kļūdas atsauce: R\w+-\d+/)

    const logged = desk.api.calls.filter((c) => c.method === 'app.logError')
    expect(logged).toHaveLength(1)
    expect(logged[0].input).toMatchObject({ section: 'customers', info: expect.stringMatching(/render/) })
    expect((logged[0].input as { message: string }).message).toMatch(/compilation/i)
    expect(consoleError.mock.calls.some((c) => String(c[0]).includes('renderer error in customers'))).toBe(
      true,
    )

    // Once the cause is gone, "Show again" brings the failed part back; the typed contacts are still there.
    await breakBillingPanel('lv', 'Rēķini un maksājumi')
    await click('Rādīt vēlreiz')
    expect(billingPanel()?.textContent).toBe('Rēķini un maksājumi')
    expect(alertText()).toBe('')
    expect(input('#c-email').value).toBe('anna.ozola@example.lv')
  })

  it("speaks the agent's language and does not follow the agent to the next section", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    desk = await mountOnBackend({ signInAs: 'olga' })
    const { id } = desk.backend.ctx.db.prepare(`SELECT id FROM customers ORDER BY id LIMIT 1`).get() as {
      id: string
    }
    await desk.router.push(`/customers?id=${id}`)
    await desk.settle()
    await breakBillingPanel('ru', 'Счета @ платежи')
    expect(alertText()).toContain('Не удалось показать эту часть экрана')
    expect(document.querySelector('.customer-profile')).not.toBeNull()

    await desk.router.push('/readings')
    await desk.settle()
    expect(alertText()).toBe('')
  })
})
