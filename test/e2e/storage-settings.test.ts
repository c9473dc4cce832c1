import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSettings } from '../../src/backend/services/settings'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { SettingsPage, Shell } from './support/pages'

// The supervisor's session-lifetime setting and the storage alert, in the real browser shell. (The
// disk-full alert and its return to normal are in test/renderer/storage-and-lifetime.test.ts: here the
// backend's own look at the disk would clear a simulated full disk within two seconds.)
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
    const shell = new Shell(page)
    const settings = new SettingsPage(page)
    await signIn(page, 'janis', 'janis-demo')
    await page.keyboard.press('Alt+9')
    const hours = settings.sessionMaxHours
    await hours.waitFor()
    // The field is on screen before settings.get has answered: wait for the stored value, not the box.
    await expect.poll(() => hours.inputValue()).toBe('10')
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: 'out/screenshots/settings-lifetime-lv.png' })
    await shell.language('RU')
    expect(await settings.sessionMaxHoursLabel.innerText()).toBe('Завершать сеансы через (часов)')
    await page.screenshot({ path: 'out/screenshots/settings-lifetime-ru.png' })
    await hours.fill('9')
    await hours.press('Enter')
    await shell.toast.waitFor()
    expect(readSettings(app.backend.ctx.db).sessionMaxHours).toBe(9)
  })

  it('says the database is damaged above every section, in the agent’s language', async () => {
    const { page } = app
    const shell = new Shell(page)
    await shell.language('LV')
    await page.keyboard.press('Alt+1')
    await shell.heading.waitFor()
    // The success toast of the save above fades out first (axe would judge it mid-animation).
    await shell.toast.waitFor({ state: 'detached', timeout: 20_000 })
    // Damage found (e.g. by the background quick_check): the backend stops writing and says so.
    app.backend.ctx.storage!.markCorrupt('e2e: damaged page')
    const alert = shell.storageAlert
    await alert.waitFor()
    expect(await alert.innerText()).toContain('Datubāzes fails ir bojāts')
    await page.screenshot({ path: 'out/screenshots/storage-damaged-lv.png' })
    expect(await axeViolations(page)).toEqual([])
    // Olga (Russian) signs in on the damaged desk in another tab: reading still works, and she is told.
    const ru = await app.newPage()
    await signIn(ru, 'olga', 'olga-demo')
    const alertRu = new Shell(ru).storageAlert
    await alertRu.waitFor()
    expect(await alertRu.innerText()).toContain('Файл базы данных повреждён')
    await ru.screenshot({ path: 'out/screenshots/storage-damaged-ru.png' })
    expect(await axeViolations(ru)).toEqual([])
    await ru.close()
  })

  it('logged no console errors', () => {
    expect(app.consoleErrors).toEqual([])
  })
})
