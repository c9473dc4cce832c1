import { afterEach, describe, expect, it } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
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
async function submit(selector: string): Promise<void> {
  const form = input(selector).closest('form')!
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
  await desk!.settle()
}
async function click(text: string): Promise<void> {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)
  if (!button) throw new Error(`no button "${text}"`)
  button.click()
  await desk!.settle()
}
/** A seeded customer with (or without) a portal login, straight from the database the desk runs on. */
function customerId(withPortal: boolean): string {
  const row = desk!.backend.ctx.db
    .prepare(
      `SELECT c.id FROM customers c WHERE c.kind = 'person' AND c.email IS NOT NULL
         AND ${withPortal ? '' : 'NOT'} EXISTS (SELECT 1 FROM portal_accounts p WHERE p.customer_id = c.id)
       ORDER BY c.id LIMIT 1`,
    )
    .get() as { id: string } | undefined
  if (!row) throw new Error('the seed has no such customer')
  return row.id
}

// `@` starts a linked message in vue-i18n: an unescaped one in the e-mail messages made the form vanish.
// Real sign-in (scrypt) and real seeded data: generous time on a shared, busy build box.
describe('an e-mail with a bare @ keeps the form and what the agent typed', { timeout: 30_000 }, () => {
  it('new customer: "test@" shows the e-mail message and every typed field stays', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers?new=1' })
    await desk.router.push('/customers?new=1')
    await desk.settle()
    await type('#n-first', 'Anna')
    await type('#n-last', 'Ozola')
    await type('#n-email', 'test@')
    await submit('#n-email')

    expect(input('#n-first').value).toBe('Anna')
    expect(input('#n-last').value).toBe('Ozola')
    expect(input('#n-email').value).toBe('test@')
    const errors = [...document.querySelectorAll('.form-error')].map((e) => e.textContent).join(' ')
    expect(errors).toContain('vards@domens.lv')
  })

  it('contact edit: "test@" keeps the profile and the typed address', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    await desk.router.push(`/customers?id=${customerId(false)}`)
    await desk.settle()
    const name = document.querySelector('.customer-profile')?.getAttribute('aria-label')
    expect(name).toBeTruthy()
    await click('Labot')
    await type('#c-email', 'test@')
    await submit('#c-email')

    expect(document.querySelector('.customer-profile')?.getAttribute('aria-label')).toBe(name)
    expect(input('#c-email').value).toBe('test@')
    expect(document.querySelector('.customer-profile')!.textContent).toContain('vards@domens.lv')
  })

  it('adding a portal user: "test@" keeps the names typed and shows the message in Russian', async () => {
    desk = await mountOnBackend({ signInAs: 'olga' })
    await desk.router.push(`/customers?id=${customerId(true)}`)
    await desk.settle()
    await click('Добавить пользователя')
    await type('#u-first', 'Анна')
    await type('#u-last', 'Озола')
    await type('#u-email', 'test@')
    await submit('#u-email')

    expect(input('#u-first').value).toBe('Анна')
    expect(input('#u-last').value).toBe('Озола')
    expect(input('#u-email').value).toBe('test@')
    expect(document.querySelector('.customer-profile')!.textContent).toContain('имя@домен.lv')
  })
})
