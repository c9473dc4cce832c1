import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'

// The foundation's walk through the browser shell: sign in, languages, every section, lock, sign out.
let app: E2eApp

// The agent's sections and their Alt shortcuts, as the menu promises them (src/renderer/sections.ts).
const agentSections = [
  { id: 'home', path: '/', digit: '0' },
  { id: 'customers', path: '/customers', digit: '1' },
  { id: 'readings', path: '/readings', digit: '2' },
  { id: 'invoices', path: '/invoices', digit: '3' },
  { id: 'documents', path: '/documents', digit: '4' },
  { id: 'messages', path: '/messages', digit: '5' },
  { id: 'faq', path: '/faq', digit: '6' },
  { id: 'sync', path: '/sync', digit: '7' },
]

beforeAll(async () => {
  app = await launchApp()
})
afterAll(async () => {
  await app?.close()
})

describe('browser shell', () => {
  it('signs in with the keyboard and shows the home page in Latvian', async () => {
    const { page } = app
    await page.locator('#sign-in-username').waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('lv')
    await signIn(page)
    await page.locator('#home-title').waitFor()
    expect(await page.locator('#home-title').innerText()).toMatch(/\S/)
    expect(await page.locator('#main').isVisible()).toBe(true)
  })

  it('has no serious accessibility violations on the home page', async () => {
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('switches to English and Russian and back to Latvian', async () => {
    const { page } = app
    const title = () => page.locator('#home-title').innerText()
    const lv = await title()
    await page.getByRole('button', { name: /^EN\b/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    const en = await title()
    await page.getByRole('button', { name: /^RU\b/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'ru')
    const ru = await title()
    await page.screenshot({ path: 'out/screenshots/shell-home-ru.png' })
    expect(ru).toMatch(/[А-Яа-яЁё]/)
    await page.getByRole('button', { name: /^LV\b/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'lv')
    expect(new Set([lv, en, ru]).size).toBe(3)
    expect(await title()).toBe(lv)
  })

  it('opens every section of the agent menu with Alt+digit, each with a title', async () => {
    const { page } = app
    for (const s of agentSections) {
      await page.keyboard.press(`Alt+${s.digit}`)
      await page.waitForURL(new RegExp(`#${s.path === '/' ? '/$' : s.path}`))
      const h1 = page.locator('#main h1').first()
      await h1.waitFor()
      expect(await h1.innerText(), s.id).toMatch(/\S/)
      expect(await axeViolations(page), s.id).toEqual([])
      await page.screenshot({ path: `out/screenshots/shell-${s.id}-lv.png` })
    }
    // Supervisor-only sections are not in an agent's menu.
    expect(await page.locator('nav a[href="#/settings"]').count()).toBe(0)
  })

  it('locks after inactivity, keeps what was typed, and unlocks with the password', async () => {
    const page = await app.newPage()
    await page.clock.install()
    await page.reload()
    await signIn(page, 'janis', 'janis-demo')
    await page.keyboard.press('Alt+9')
    const field = page.locator('#settings-lock-after')
    await field.waitFor()
    await field.fill('7')
    await page.clock.fastForward('16:00')
    await page.locator('#unlock-password').waitFor({ state: 'visible' })
    expect(await page.locator('#main').getAttribute('inert')).not.toBeNull()
    await page.locator('#unlock-password').fill('janis-demo')
    await page.locator('#unlock-password').press('Enter')
    await page.locator('#unlock-password').waitFor({ state: 'detached' })
    expect(await field.inputValue()).toBe('7')
    await page.close()
  })

  it('signs out from the menu and returns to the sign-in form', async () => {
    const { page } = app
    await page.getByRole('button', { name: /Iziet|Sign out|Выйти/ }).click()
    await page.locator('#sign-in-username').waitFor()
    expect(await page.locator('#main').count()).toBe(0)
  })

  it('logged no console errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
