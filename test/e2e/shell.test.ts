import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { SettingsPage, Shell, SignInPage } from './support/pages'

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
    const shell = new Shell(page)
    await new SignInPage(page).username.waitFor()
    expect(await shell.lang()).toBe('lv')
    await signIn(page)
    await shell.homeTitle.waitFor()
    expect(await shell.homeTitle.innerText()).toMatch(/\S/)
    expect(await shell.main.isVisible()).toBe(true)
  })

  it('has no serious accessibility violations on the home page', async () => {
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('switches to English and Russian and back to Latvian', async () => {
    const { page } = app
    const shell = new Shell(page)
    const title = () => shell.homeTitle.innerText()
    const lv = await title()
    await shell.language('EN')
    const en = await title()
    await shell.language('RU')
    const ru = await title()
    await page.screenshot({ path: 'out/screenshots/shell-home-ru.png' })
    expect(ru).toMatch(/[А-Яа-яЁё]/)
    await shell.language('LV')
    expect(new Set([lv, en, ru]).size).toBe(3)
    expect(await title()).toBe(lv)
  })

  it('opens every section of the agent menu with Alt+digit, each with a title', async () => {
    const { page } = app
    const shell = new Shell(page)
    for (const s of agentSections) {
      await page.keyboard.press(`Alt+${s.digit}`)
      await page.waitForURL(new RegExp(`#${s.path === '/' ? '/$' : s.path}`))
      const h1 = shell.heading
      await h1.waitFor()
      expect(await h1.innerText(), s.id).toMatch(/\S/)
      expect(await axeViolations(page), s.id).toEqual([])
      await page.screenshot({ path: `out/screenshots/shell-${s.id}-lv.png` })
    }
    // Supervisor-only sections are not in an agent's menu.
    expect(await shell.menuLink('/settings').count()).toBe(0)
  })

  it('locks after inactivity, keeps what was typed, and unlocks with the password', async () => {
    const page = await app.newPage()
    await page.clock.install()
    await page.reload()
    await signIn(page, 'janis', 'janis-demo')
    await page.keyboard.press('Alt+9')
    const field = new SettingsPage(page).lockAfter
    await field.waitFor()
    await field.fill('7')
    await page.clock.fastForward('16:00')
    const lock = new SignInPage(page)
    await lock.unlockPassword.waitFor({ state: 'visible' })
    expect(await new Shell(page).main.getAttribute('inert')).not.toBeNull()
    await lock.unlock('janis-demo')
    expect(await field.inputValue()).toBe('7')
    await page.close()
  })

  it('signs out from the menu and returns to the sign-in form', async () => {
    const { page } = app
    const shell = new Shell(page)
    await shell.signOut()
    await new SignInPage(page).username.waitFor()
    expect(await shell.main.count()).toBe(0)
  })

  it('logged no console errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
