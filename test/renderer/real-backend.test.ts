import { afterEach, describe, expect, it } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from './real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

describe('the renderer on the real backend', () => {
  it('signs in with a demo agent through the real dispatch and greets the agent by name', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    await desk.settle()
    expect(document.body.textContent).toContain('Līga')
    expect(desk.api.calls.map((c) => c.method)).toContain('session.signIn')
    expect(document.querySelector('nav.app-menu')).not.toBeNull()
  })

  it('shows the backend typed error for a wrong password in the agent language', async () => {
    desk = await mountOnBackend({ seed: null, language: 'ru' })
    await desk.wrapper.find('#sign-in-username').setValue('olga')
    await desk.wrapper.find('#sign-in-password').setValue('wrong')
    await desk.wrapper.find('form').trigger('submit')
    await desk.settle()
    const alert = document.querySelector('[role="alert"]')?.textContent ?? ''
    expect(alert.length).toBeGreaterThan(5)
    expect(alert).toMatch(/[а-яА-Я]/)
  })
})
