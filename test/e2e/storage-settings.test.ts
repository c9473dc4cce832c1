import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSettings } from '../../src/backend/services/settings'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'

// The supervisor's session-lifetime setting and the storage alert, in the real browser shell.
let app: E2eApp

beforeAll(async () => {
  app = await launchApp({ customers: 30, viewport: { width: 1366, height: 768 } })
})
afterAll(async () => {
  await app?.close()
})

describe('settings and the storage alert in the browser shell', () => {
  it('shows both workstation settings to a supervisor, in Latvian and Russian, without accessibility faults', async () => {
    const { page } = app
    await signIn(page, 'janis', 'janis-demo')
    await page.keyboard.press('Alt+9')
    const hours = page.locator('#settings-session-max-hours')
    await hours.waitFor()
    expect(await hours.inputValue()).toBe('10')
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: 'out/screenshots/settings-lifetime-lv.png' })
    await page.getByRole('button', { name: /^RU\b/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'ru')
    expect(await page.locator('label[for="settings-session-max-hours"]').innerText()).toBe(
      'Завершать сеансы через (часов)',
    )
    await page.screenshot({ path: 'out/screenshots/settings-lifetime-ru.png' })
    await hours.fill('9')
    await page.locator('#settings-session-max-hours').press('Enter')
    await page.locator('.p-toast-message').first().waitFor()
    expect(readSettings(app.backend.ctx.db).sessionMaxHours).toBe(9)
  })

  it('says the disk is full above the section until space returns', async () => {
    const { page } = app
    app.backend.ctx.storage!.startFull()
    const alert = page.locator('[data-testid="storage-alert"]')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('Диск заполнен')
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: 'out/screenshots/storage-full-ru.png' })
    await page.getByRole('button', { name: /^LV\b/ }).click()
    await page.waitForFunction(() => document.documentElement.lang === 'lv')
    await page.keyboard.press('Alt+1')
    await page.locator('#main h1').first().waitFor()
    expect(await alert.innerText()).toContain('Diskā nav vietas')
    await page.screenshot({ path: 'out/screenshots/storage-full-lv.png' })
    app.backend.ctx.storage!.recheck()
    await alert.waitFor({ state: 'detached' })
  })

  it('logged no console errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
