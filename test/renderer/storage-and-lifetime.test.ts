import { afterEach, describe, expect, it } from 'vitest'
import { readSettings } from '../../src/backend/services/settings'
import { mountOnBackend, type DeskOnBackend } from './real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const alertText = () => document.querySelector('[data-testid="storage-alert"]')?.textContent?.trim() ?? null

describe('Settings: session lifetime (supervisor)', { timeout: 60_000 }, () => {
  it('shows the working-day lifetime, refuses hours outside 1..24, and saves it to the backend', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'janis', path: '/settings' })
    await desk.router.push('/settings')
    await desk.settle()
    const hours = desk.wrapper.find('#settings-session-max-hours')
    expect((hours.element as HTMLInputElement).value).toBe('10')
    expect(document.body.textContent).toContain('Beigt sesijas pēc (stundām)')
    await hours.setValue('25')
    await desk.wrapper.find('section form').trigger('submit')
    await desk.settle()
    expect(desk.api.calls.filter((c) => c.method === 'settings.update')).toEqual([])
    expect(document.querySelector('.form-error')?.textContent).toBe(
      'Ievadiet veselu stundu skaitu no 1 līdz 24.',
    )
    expect(hours.attributes('aria-invalid')).toBe('true')
    await hours.setValue('8')
    await desk.wrapper.find('section form').trigger('submit')
    await desk.settle()
    expect(readSettings(desk.backend.ctx.db)).toEqual({ lockAfterMinutes: 15, sessionMaxHours: 8 })
  })
})

describe('the storage alert', { timeout: 60_000 }, () => {
  it('says the disk is full until space returns, then that saving works again', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'liga' })
    await desk.settle()
    expect(alertText()).toBeNull()
    desk.backend.ctx.storage!.startFull()
    await desk.settle()
    expect(alertText()).toBe(
      'Diskā nav vietas: neko nevar saglabāt, līdz vieta tiek atbrīvota. Datus joprojām var skatīt.',
    )
    // The checkpoint timer's look at the disk: this one has room.
    desk.backend.ctx.storage!.recheck()
    await desk.settle()
    expect(alertText()).toBeNull()
    expect(document.body.textContent).toContain('Diskā atkal ir vieta: izmaiņas tiek saglabātas kā parasti.')
  })

  it('says the database is damaged, in the agent’s language, already on sign-in', async () => {
    desk = await mountOnBackend({ seed: null, language: 'ru' })
    desk.backend.ctx.storage!.markCorrupt('test: damaged page')
    await desk.wrapper.find('#sign-in-username').setValue('olga')
    await desk.wrapper.find('#sign-in-password').setValue('olga-demo')
    await desk.wrapper.find('form').trigger('submit')
    await desk.settle()
    expect(alertText()).toContain('Файл базы данных повреждён')
  })
})
