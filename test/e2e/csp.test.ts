import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { launchApp, signIn, type E2eApp } from './support/app'
import { Shell } from './support/pages'

// Issue 11: style-src without 'unsafe-inline'. The page gets a nonce per load, PrimeVue puts it on its
// <style> elements, and nothing the desk shows needs an inline style the policy refuses.
let app: E2eApp
let page: Page

beforeAll(async () => {
  app = await launchApp({ customers: 50 })
  // Every violation the browser reports, from the first byte of each page on.
  await app.context.addInitScript(() => {
    const g = globalThis as any
    g.__csp = []
    g.document.addEventListener('securitypolicyviolation', (e: any) =>
      g.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} ${e.sourceFile}:${e.lineNumber}`),
    )
  })
  page = await app.newPage()
})
afterAll(async () => {
  await app?.close()
})

const violations = () => page.evaluate(() => (globalThis as any).__csp as string[])

function indexHeaders(): Promise<Record<string, string | string[] | undefined>> {
  return new Promise((resolve, reject) => {
    request(
      { host: '127.0.0.1', port: app.host.port, path: '/', headers: { host: `127.0.0.1:${app.host.port}` } },
      (res) => {
        res.resume()
        resolve(res.headers)
      },
    )
      .on('error', reject)
      .end()
  })
}

describe('the content security policy of the page', () => {
  it("allows no inline style, only this load's nonce, and a new nonce every load", async () => {
    const a = String((await indexHeaders())['content-security-policy'])
    const b = String((await indexHeaders())['content-security-policy'])
    expect(a).not.toContain('unsafe-inline')
    expect(a).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/)
    expect(a).not.toBe(b)
  })

  it('lets PrimeVue style every section through the nonce, with no violation', async () => {
    await signIn(page)
    const shell = new Shell(page)
    for (const digit of ['1', '2', '3', '4', '5', '6', '7', '0']) {
      await page.keyboard.press(`Alt+${digit}`)
      await shell.heading.waitFor()
    }
    // A customer view and a dialog mount the heavier components (tables, overlays, toasts).
    await page.keyboard.press('Alt+1')
    const search = shell.firstInput
    await search.fill('a')
    await page.waitForTimeout(300)
    await page.keyboard.press('Escape')
    const styles = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('style[data-primevue-style-id]')].map((s: any) => ({
        id: s.getAttribute('data-primevue-style-id') as string,
        nonce: s.nonce as string,
      })),
    )
    expect(styles.length).toBeGreaterThan(3)
    for (const s of styles) expect(s.nonce, s.id).toMatch(/^[A-Za-z0-9+/=]{24}$/)
    // The theme really applies: PrimeVue's CSS variables are defined on the root.
    const primary = await page.evaluate(() =>
      (globalThis as any)
        .getComputedStyle((globalThis as any).document.documentElement)
        .getPropertyValue('--p-primary-color'),
    )
    expect(primary.trim()).not.toBe('')
    expect(await violations()).toEqual([])
    expect(app.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([])
  })
})
