import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mountApp, signIn, type Mounted } from './mount-app'

let m: Mounted | undefined
beforeEach(() => localStorage.clear())
afterEach(() => {
  m?.wrapper.unmount()
  m = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

const overlay = (): HTMLElement | null => document.querySelector('.lock-dialog')
const ctrlL = (): boolean =>
  window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyL', key: 'l', ctrlKey: true }))

async function unlockWith(password: string): Promise<void> {
  const input = document.querySelector('#unlock-password') as HTMLInputElement
  input.value = password
  input.dispatchEvent(new Event('input'))
  await flushPromises()
  input.form!.dispatchEvent(new Event('submit', { cancelable: true }))
  await flushPromises()
}

/** A supervisor with half-typed, unsaved input in the Settings form. */
async function withUnsavedInput(): Promise<HTMLInputElement> {
  m = await mountApp()
  await signIn(m, 'janis', 'janis-demo')
  await m.router.push('/settings')
  await flushPromises()
  const field = m.wrapper.find('#settings-lock-after')
  await field.setValue('42')
  return field.element as HTMLInputElement
}

describe('lock overlay', () => {
  it('Ctrl+L locks at once; unlocking keeps the unsaved form input', async () => {
    const field = await withUnsavedInput()
    ctrlL()
    await flushPromises()
    expect(m!.api.session?.locked).toBe(true)
    expect(overlay()).not.toBeNull()
    expect(document.querySelector('main#main')?.hasAttribute('inert')).toBe(true)

    await unlockWith('wrong')
    expect(overlay()?.querySelector('[role="alert"]')?.textContent).toBe(
      'Nepareizs lietotājvārds vai parole.',
    )
    expect(m!.api.session?.locked).toBe(true)

    await unlockWith('janis-demo')
    expect(overlay()).toBeNull()
    expect(m!.api.session?.locked).toBe(false)
    expect(document.querySelector('main#main')?.hasAttribute('inert')).toBe(false)
    // Same element, same text: the routed view was never unmounted.
    expect(document.querySelector('#settings-lock-after')).toBe(field)
    expect(field.value).toBe('42')
    expect(m!.api.callsOf('settings.update')).toEqual([])
  })

  it('appears when the backend announces session.locked', async () => {
    const field = await withUnsavedInput()
    m!.api.session!.locked = true
    m!.api.emit('session.locked', { reason: 'inactivity' })
    await flushPromises()
    expect(overlay()).not.toBeNull()
    await unlockWith('janis-demo')
    expect(field.value).toBe('42')
  })

  it('appears when a call is refused with SESSION_LOCKED', async () => {
    await withUnsavedInput()
    m!.api.session!.locked = true // locked by the backend's sweep, event missed
    await m!.wrapper.find('section form').trigger('submit')
    await flushPromises()
    expect(overlay()).not.toBeNull()
    expect(m!.api.settings.lockAfterMinutes).toBe(15)
  })

  it('Esc does not close it and section shortcuts do nothing while locked', async () => {
    await withUnsavedInput()
    ctrlL()
    await flushPromises()
    document
      .querySelector('#unlock-password')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Digit0', key: '0', altKey: true }))
    await flushPromises()
    expect(overlay()).not.toBeNull()
    expect(m!.router.currentRoute.value.name).toBe('settings')
  })

  it('signing out from the overlay returns to sign-in', async () => {
    await withUnsavedInput()
    ctrlL()
    await flushPromises()
    const out = Array.from(overlay()!.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Iziet'),
    )!
    out.click()
    await flushPromises()
    expect(overlay()).toBeNull()
    expect(document.querySelector('#sign-in-username')).not.toBeNull()
  })
})

describe('inactivity lock', () => {
  it('locks after lockAfterMinutes without keyboard or mouse, and activity postpones it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    m = await mountApp()
    m.api.settings.lockAfterMinutes = 2
    await signIn(m, 'liga', 'liga-demo')
    vi.advanceTimersByTime(90_000)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    vi.advanceTimersByTime(90_000)
    await flushPromises()
    expect(m.api.callsOf('session.lock')).toHaveLength(0)
    vi.advanceTimersByTime(35_000)
    await flushPromises()
    expect(m.api.callsOf('session.lock')).toHaveLength(1)
    expect(overlay()).not.toBeNull()
    // While locked the timer does not fire again.
    vi.advanceTimersByTime(10 * 60_000)
    await flushPromises()
    expect(m.api.callsOf('session.lock')).toHaveLength(1)
  })

  it('tells the backend about keyboard activity at most once a minute (session.touch)', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    for (let i = 0; i < 10; i++) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
      vi.advanceTimersByTime(15_000)
    }
    await flushPromises()
    // 150 s of typing: a heartbeat at 0 s, 60 s and 120 s.
    expect(m.api.touches).toBe(3)
  })
})
