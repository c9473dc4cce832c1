import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 10, "Speed as the agent feels it": renderer workflows live in Pinia stores (src/renderer/stores),
 * components no longer call the API themselves (23 did before). On the real backend: opening a customer
 * asks for the billing figures beside the customer (not after the profile rendered), once; creating a
 * portal login through the store shows the new login with its one-time password.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : []
  })
}

const methods = () => desk!.api.calls.map((c) => c.method)

describe('renderer stores own the backend calls', { timeout: 60_000 }, () => {
  it('no component calls the API or takes the client itself', () => {
    const components = filesUnder(join(process.cwd(), 'src', 'renderer'), '.vue')
    expect(components.length).toBeGreaterThan(40)
    const offenders = components.filter((f) => /\buseApi\b|\bapi\.(call|on)\(/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })

  it('opening a customer asks for the billing figures beside the customer, and only once', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const id = desk.backend.ctx.db
      .prepare("SELECT id FROM customers WHERE kind = 'person' ORDER BY rid LIMIT 1")
      .pluck()
      .get() as string
    const before = desk.api.calls.length
    await desk.router.push({ name: 'customers', query: { id } })
    await desk.settle()
    const asked = methods().slice(before)
    // Both requests leave before the customer's answer has been rendered (no waterfall) ...
    expect(asked.slice(0, 3).sort()).toEqual(['billing.account', 'billing.documents', 'customers.get'])
    // ... and the panel uses them instead of asking again.
    expect(asked.filter((m) => m === 'billing.account')).toHaveLength(1)
    expect(asked.filter((m) => m === 'billing.documents')).toHaveLength(1)
    expect(document.querySelector('[data-testid="billing-figures"]')).not.toBeNull()
  })

  it('creates a portal login through the store and shows it with the one-time password', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const id = desk.backend.ctx.db
      .prepare(
        `SELECT c.id FROM customers c WHERE c.kind = 'person' AND c.email IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM portal_accounts a WHERE a.customer_id = c.id) ORDER BY c.rid LIMIT 1`,
      )
      .pluck()
      .get() as string
    await desk.router.push({ name: 'customers', query: { id } })
    await desk.settle()
    const before = desk.api.calls.length
    await desk.wrapper.find('form.inline-form').trigger('submit')
    await desk.settle()
    // The login, then the customer's view as it now is (the audit trail reloads beside it).
    expect(
      methods()
        .slice(before)
        .filter((m) => m !== 'customers.audit'),
    ).toEqual(['customers.portal.create', 'customers.get'])
    const password = document.querySelector('[data-test="temporary-password"]')?.textContent?.trim()
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/)
    const status = desk.backend.ctx.db
      .prepare('SELECT count(*) FROM portal_accounts WHERE customer_id = ?')
      .pluck()
      .get(id)
    expect(status).toBe(1)
    // The view shows the login now: the create form is gone.
    expect(desk.wrapper.find('form.inline-form').exists()).toBe(false)
  })
})
