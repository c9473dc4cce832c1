import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { FakeApi } from './fake-api'
import { mountApp, signIn, text, type Mounted } from './mount-app'

let m: Mounted | undefined
beforeEach(() => {
  localStorage.clear()
})
afterEach(() => {
  m?.wrapper.unmount()
  m = undefined
  document.body.innerHTML = ''
  vi.useRealTimers()
})

const menuLabels = (): string[] =>
  Array.from(document.querySelectorAll('nav.app-menu .menu-link > span')).map((e) => e.textContent ?? '')

describe('sign-in', () => {
  it('shows the sign-in form when nobody is signed in, then the shell after signing in', async () => {
    m = await mountApp()
    expect(document.querySelector('#sign-in-username')).not.toBeNull()
    expect(document.querySelector('nav.app-menu')).toBeNull()
    await signIn(m, 'liga', 'liga-demo')
    expect(m.api.callsOf('session.signIn')).toEqual([{ username: 'liga', password: 'liga-demo' }])
    expect(document.querySelector('#sign-in-username')).toBeNull()
    expect(text()).toContain('Labdien, Līga Ozoliņa!')
  })

  it('translates a wrong password and then the rate limit with its waiting time', async () => {
    m = await mountApp()
    for (let i = 0; i < 3; i++) {
      await signIn(m, 'liga', 'wrong')
      expect(document.querySelector('[role="alert"]')?.textContent).toBe(
        'Nepareizs lietotājvārds vai parole.',
      )
      expect((document.querySelector('#sign-in-password') as HTMLInputElement).value).toBe('')
    }
    await signIn(m, 'liga', 'liga-demo')
    expect(document.querySelector('[role="alert"]')?.textContent).toBe(
      'Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc 30 s.',
    )
  })

  it('asks for both fields before calling the backend', async () => {
    m = await mountApp()
    await signIn(m, '', '')
    expect(m.api.callsOf('session.signIn')).toEqual([])
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Ievadiet lietotājvārdu un paroli.')
  })

  it("switches to the agent's own language on sign-in", async () => {
    m = await mountApp()
    await signIn(m, 'olga', 'olga-demo')
    expect(text()).toContain('Здравствуйте, Ольга Петрова!')
    expect(document.documentElement.lang).toBe('ru')
  })

  it('signs out from the menu and says nothing about an ended session', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    const signOut = Array.from(document.querySelectorAll('nav.app-menu button')).find((b) =>
      b.textContent?.includes('Iziet'),
    )
    ;(signOut as HTMLButtonElement).click()
    await flushPromises()
    expect(m.api.session).toBeNull()
    expect(document.querySelector('#sign-in-username')).not.toBeNull()
    expect(text()).not.toContain('Sesija tika beigta')
  })

  it('returns to sign-in with a notice when the backend ends the session', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    m.api.session = null
    m.api.emit('session.ended', {})
    await flushPromises()
    expect(document.querySelector('#sign-in-username')).not.toBeNull()
    expect(text()).toContain('Sesija tika beigta. Lūdzu, pierakstieties vēlreiz.')
  })

  it('returns to sign-in when any call answers UNAUTHENTICATED', async () => {
    m = await mountApp()
    await signIn(m, 'janis', 'janis-demo')
    m.api.session = null // the backend restarted and forgot us
    await m.router.push('/settings')
    await flushPromises()
    expect(document.querySelector('#sign-in-username')).not.toBeNull()
  })
})

describe('menu per role', () => {
  it("lists the agent's sections without the supervisor ones, with shortcuts", async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    expect(menuLabels()).toEqual([
      'Sākums',
      'Klienti',
      'Rādījumi',
      'Rēķini un pārskati',
      'Parakstītie dokumenti',
      'Ziņojumi',
      'Jautājumi un atbildes',
      'Sinhronizācija',
    ])
    expect(document.querySelector('nav.app-menu kbd')?.textContent).toBe('Alt+0')
  })

  it('adds Audit log and Settings for a supervisor', async () => {
    m = await mountApp()
    await signIn(m, 'janis', 'janis-demo')
    expect(menuLabels().slice(-2)).toEqual(['Audita žurnāls', 'Iestatījumi'])
  })

  it('keeps an agent out of supervisor sections even by address', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    await m.router.push('/settings')
    await flushPromises()
    expect(m.router.currentRoute.value.name).toBe('home')
  })

  it('opens sections with Alt+digit whatever the keyboard layout', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Digit7', key: '7', altKey: true }))
    await flushPromises()
    expect(m.router.currentRoute.value.name).toBe('sync')
    // Alt+9 is Settings, which an agent may not open: nothing happens.
    window.dispatchEvent(new KeyboardEvent('keydown', { code: 'Digit9', key: '9', altKey: true }))
    await flushPromises()
    expect(m.router.currentRoute.value.name).toBe('sync')
  })

  it('shows the home tiles for the most used sections', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    const tiles = Array.from(document.querySelectorAll('.tile .tile-title')).map((e) => e.textContent)
    expect(tiles).toEqual([
      'Klienti',
      'Rādījumi',
      'Rēķini un pārskati',
      'Parakstītie dokumenti',
      'Ziņojumi',
      'Sinhronizācija',
    ])
  })
})

describe('language switch', () => {
  it('changes the texts and, signed in, saves the choice with session.setLanguage', async () => {
    m = await mountApp()
    await signIn(m, 'liga', 'liga-demo')
    const button = (name: string) =>
      document.querySelector(
        `.app-header .language-switch button[aria-label$="${name}"]`,
      ) as HTMLButtonElement
    button('English').click()
    await flushPromises()
    expect(text()).toContain('Hello, Līga Ozoliņa')
    expect(menuLabels()[1]).toBe('Customers')
    expect(m.api.callsOf('session.setLanguage')).toEqual([{ language: 'en' }])
    expect(button('English').getAttribute('aria-pressed')).toBe('true')
    button('Русский').click()
    await flushPromises()
    expect(menuLabels()[1]).toBe('Клиенты')
    expect(m.api.agents[0].language).toBe('ru')
  })

  it('before sign-in switches locally and remembers the choice on this workstation', async () => {
    m = await mountApp()
    ;(document.querySelector('.language-switch button[aria-label$="English"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(document.querySelector('label[for="sign-in-username"]')?.textContent).toBe('User name')
    expect(m.api.callsOf('session.setLanguage')).toEqual([])
    expect(localStorage.getItem('gasdesk.language')).toBe('en')
  })
})

describe('status bar', () => {
  it('shows online state, pending count with its age, problems and last sync; follows the event', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'))
    const api = new FakeApi()
    api.sync = {
      online: false,
      pending: 3,
      oldestPendingAt: '2026-11-26T11:39:00Z',
      rejected: 1,
      conflicts: 0,
      lastPushAt: '2026-11-26T09:05:00Z',
      lastPullAt: '2026-11-26T09:10:00Z',
      state: 'offline',
      clockSuspect: false,
      central: null,
      workstation: null,
      centre: null,
      lastError: null,
      nextRetryAt: null,
    }
    m = await mountApp({ api })
    await signIn(m, 'liga', 'liga-demo')
    const bar = () => document.querySelector('.status-bar')?.textContent?.replace(/\s+/g, ' ') ?? ''
    expect(bar()).toContain('Bezsaistē')
    expect(bar()).toContain('3 neiesūtītas izmaiņas')
    expect(bar()).toContain('vecākā: pirms 21 minūtes')
    expect(bar()).toContain('1 noraidīta')
    expect(bar()).not.toContain('konflikt')
    expect(bar()).toContain('Pēdējā sinhronizācija: 26.11.2026. 11:10')
    api.emit('sync.status', {
      ...api.sync,
      online: true,
      state: 'online',
      pending: 0,
      oldestPendingAt: null,
      rejected: 0,
      conflicts: 2,
    })
    await flushPromises()
    expect(bar()).toContain('Tiešsaistē')
    expect(bar()).toContain('Nav neiesūtītu izmaiņu')
    expect(bar()).toContain('2 konflikti')
    expect(bar()).not.toContain('noraidīt')
  })

  it('says when the workstation must enrol again and when its clock is off', async () => {
    const api = new FakeApi()
    api.sync = { ...api.sync, online: false, state: 'needs-sign-in', clockSuspect: true }
    m = await mountApp({ api })
    await signIn(m, 'liga', 'liga-demo')
    const bar = () => document.querySelector('.status-bar')?.textContent?.replace(/\s+/g, ' ') ?? ''
    expect(bar()).toContain('Jāpiesakās centrālajā sistēmā')
    expect(bar()).toContain('Pulkstenis neiet precīzi')
    expect(document.querySelector('.status-bar .is-invalid')?.textContent).toContain('Jāpiesakās')
  })
})

describe('sync section', () => {
  it('shows the central, the workstation, the last problem in words and the next attempt; Sync now asks the backend', async () => {
    const api = new FakeApi()
    api.sync = {
      ...api.sync,
      online: false,
      state: 'offline',
      pending: 2,
      central: 'http://127.0.0.1:5280',
      workstation: 'W1',
      centre: 'C1',
      lastError: { code: 'network', messageKey: 'sync.client.errors.network', at: '2026-11-26T09:00:00Z' },
      nextRetryAt: '2026-11-26T09:00:04Z',
    }
    m = await mountApp({ api })
    await signIn(m, 'liga', 'liga-demo')
    await m.router.push('/sync')
    await flushPromises()
    expect(text()).toContain('http://127.0.0.1:5280')
    expect(text()).toContain('W1')
    expect(text()).toContain(
      'Centrālā sistēma nav sasniedzama; darbs turpinās bezsaistē un tiks nosūtīts vēlāk.',
    )
    expect(text()).toContain('Nākamais mēģinājums')
    const button = m.wrapper.findAll('section button').find((b) => b.text() === 'Sinhronizēt tagad')!
    await button.trigger('click')
    await flushPromises()
    expect(m.api.callsOf('sync.now')).toHaveLength(1)
  })
})

describe('settings (supervisor)', () => {
  it('loads lock-after minutes, refuses out-of-range values, saves with Enter', async () => {
    m = await mountApp()
    await signIn(m, 'janis', 'janis-demo')
    await m.router.push('/settings')
    await flushPromises()
    const input = m.wrapper.find('#settings-lock-after')
    expect((input.element as HTMLInputElement).value).toBe('15')
    await input.setValue('0')
    await m.wrapper.find('section form').trigger('submit')
    await flushPromises()
    expect(m.api.callsOf('settings.update')).toEqual([])
    expect(text()).toContain('Ievadiet veselu skaitli no 1 līdz 240.')
    await input.setValue('20')
    await m.wrapper.find('section form').trigger('submit')
    await flushPromises()
    expect(m.api.settings.lockAfterMinutes).toBe(20)
    await input.setValue('33')
    await m.wrapper.find('section form').trigger('keydown', { key: 'Escape' })
    expect((input.element as HTMLInputElement).value).toBe('20')
  })
})

describe('component library texts', () => {
  it('follow the UI language (toast close button)', async () => {
    const api = new FakeApi()
    api.agents[1].role = 'supervisor' // Olga works in Russian
    m = await mountApp({ api })
    await signIn(m, 'olga', 'olga-demo')
    await m.router.push('/settings')
    await flushPromises()
    await m.wrapper.find('#settings-lock-after').setValue('30')
    await m.wrapper.find('section form').trigger('submit')
    await flushPromises()
    expect(text()).toContain('Настройки сохранены')
    expect(document.querySelector('.p-toast button')?.getAttribute('aria-label')).toBe('Закрыть')
  })
})
