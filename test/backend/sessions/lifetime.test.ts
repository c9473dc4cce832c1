import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { SLEEP_GAP_MS, sleepWatch } from '../../../src/backend/services/sleep'
import { tempDir } from '../../helpers/tmp'

let backend: Backend
let tmp: ReturnType<typeof tempDir>
const clock = manualClock()
const HOUR = 3_600_000
let ended: string[]

beforeEach(async () => {
  tmp = tempDir('gasdesk-lifetime-')
  clock.set(Date.parse('2026-11-26T07:00:00Z'))
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
  ended = []
  backend.events.on((event, _payload, key) => event === 'session.ended' && ended.push(String(key)))
})
afterEach(() => {
  backend.close()
  tmp.cleanup()
})

const signIn = (username: string, password: string, key: string) =>
  backend.dispatch('session.signIn', { username, password }, key)

/** Keeps the session active (a heartbeat every 10 minutes) for `ms`. */
async function workFor(key: string, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 10 * 60_000) {
    clock.advance(Math.min(10 * 60_000, ms - t))
    await backend.dispatch('session.touch', {}, key)
  }
}

describe('sessions have an absolute lifetime', () => {
  it('end after a working day (10 hours by default) even while the agent keeps working', async () => {
    expect(await signIn('liga', 'liga-demo', 'k1')).toMatchObject({ ok: true })
    await workFor('k1', 10 * HOUR - 60_000)
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({ ok: true })
    clock.advance(60_000)
    expect(await backend.dispatch('settings.get', {}, 'k1')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', messageKey: 'errors.UNAUTHENTICATED' },
    })
    expect(await backend.dispatch('session.current', {}, 'k1')).toEqual({ ok: true, value: null })
    expect(ended).toEqual(['k1'])
  })

  it('end a locked session too, and the sweep tells the renderer without waiting for a call', async () => {
    await signIn('olga', 'olga-demo', 'k1')
    await backend.dispatch('session.lock', {}, 'k1')
    clock.advance(10 * HOUR)
    backend.sessions.sweep()
    expect(ended).toEqual(['k1'])
    // Unlocking a session that has ended is not possible, whatever the password.
    expect(await backend.dispatch('session.unlock', { password: 'olga-demo' }, 'k1')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('follow the lifetime a supervisor sets in Settings (1 to 24 hours)', async () => {
    await signIn('janis', 'janis-demo', 'sup')
    expect(await backend.dispatch('settings.update', { sessionMaxHours: 2 }, 'sup')).toEqual({
      ok: true,
      value: { lockAfterMinutes: 15, sessionMaxHours: 2 },
    })
    for (const bad of [0, 25, 1.5]) {
      expect(await backend.dispatch('settings.update', { sessionMaxHours: bad }, 'sup')).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      })
    }
    await signIn('liga', 'liga-demo', 'k1')
    await workFor('k1', 2 * HOUR - 60_000)
    expect(await backend.dispatch('session.touch', {}, 'k1')).toMatchObject({ ok: true })
    clock.advance(60_000)
    expect(await backend.dispatch('session.touch', {}, 'k1')).toMatchObject({ ok: false })
    expect(ended).toContain('k1')
  })

  it('end for everybody when the workstation sleeps', async () => {
    await signIn('liga', 'liga-demo', 'k1')
    await signIn('olga', 'olga-demo', 'k2')
    backend.workstationAsleep()
    expect(ended.sort()).toEqual(['k1', 'k2'])
    for (const key of ['k1', 'k2']) {
      expect(await backend.dispatch('session.current', {}, key)).toEqual({ ok: true, value: null })
    }
  })
})

describe('sleep seen from the timers (the browser shell has no power events)', () => {
  it('a tick far later than due means the machine slept', () => {
    let now = 1_000_000
    let woke = 0
    const watch = sleepWatch(
      () => woke++,
      () => now,
    )
    for (let i = 0; i < 10; i++) {
      now += 15_000
      watch.tick()
    }
    expect(woke).toBe(0)
    now += SLEEP_GAP_MS + 15_000
    watch.tick()
    expect(woke).toBe(1)
    now += 15_000
    watch.tick()
    expect(woke).toBe(1)
  })
})
