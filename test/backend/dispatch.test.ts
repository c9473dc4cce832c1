import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBackend, type Backend } from '../../src/backend'
import { manualClock } from '../../src/backend/clock'
import { tempDir } from '../helpers/tmp'

let backend: Backend
let tmp: ReturnType<typeof tempDir>
const clock = manualClock()

beforeEach(async () => {
  tmp = tempDir()
  clock.set(Date.parse('2026-11-26T10:00:00Z'))
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
})
afterEach(() => {
  backend.close()
  tmp.cleanup()
})

const signIn = (username = 'liga', password = 'liga-demo', key = 'k1') =>
  backend.dispatch('session.signIn', { username, password }, key)

describe('dispatch', () => {
  it('refuses protected methods without a session, with a typed error and no stack', async () => {
    const r = await backend.dispatch('sync.status', {}, 'nobody')
    expect(r).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', messageKey: 'errors.UNAUTHENTICATED' } })
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts/)
  })

  it('rejects unknown method names of any type', async () => {
    for (const m of ['nope', 42, null, { toString: () => 'x' }, '__proto__', 'constructor']) {
      const r = await backend.dispatch(m, {}, 'k1')
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_METHOD')
    }
  })

  it('validates input and reports field paths', async () => {
    const r = await backend.dispatch('session.signIn', { username: '', password: 7, extra: 1 }, 'k1')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    const paths = (r.error.details?.issues as { path: string }[]).map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['username', 'password']))
  })

  it('signs in with the right password only', async () => {
    const bad = await signIn('liga', 'wrong')
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', messageKey: 'errors.signInFailed' },
    })
    const good = await signIn()
    expect(good).toMatchObject({
      ok: true,
      value: { agent: { username: 'liga', role: 'agent' }, locked: false },
    })
  })

  it('checks the role: an agent may not change settings, a supervisor may', async () => {
    await signIn()
    const denied = await backend.dispatch('settings.update', { lockAfterMinutes: 5 }, 'k1')
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await signIn('janis', 'janis-demo', 'k2')
    const allowed = await backend.dispatch('settings.update', { lockAfterMinutes: 5 }, 'k2')
    expect(allowed).toEqual({ ok: true, value: { lockAfterMinutes: 5, sessionMaxHours: 10 } })
    const audit = backend.ctx.db
      .prepare("SELECT action, before_json, after_json FROM audit_log WHERE action = 'settings.update'")
      .all()
    expect(audit).toEqual([
      {
        action: 'settings.update',
        before_json: '{"lockAfterMinutes":15,"sessionMaxHours":10}',
        after_json: '{"lockAfterMinutes":5,"sessionMaxHours":10}',
      },
    ])
  })
})

describe('failed sign-ins are rate-limited', () => {
  it('blocks a user name after repeated failures, also for names that do not exist', async () => {
    for (const name of ['liga', 'nosuchagent']) {
      const codes: string[] = []
      for (let i = 0; i < 5; i++) {
        const r = await signIn(name, 'wrong')
        if (!r.ok) codes.push(r.error.code)
      }
      expect(codes.slice(0, 3)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED'])
      expect(codes.at(-1)).toBe('RATE_LIMITED')
    }
    // Even the right password is refused while blocked, and accepted once the block has passed.
    const blocked = await signIn()
    expect(blocked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    if (!blocked.ok) expect(blocked.error.details?.retryAfterSeconds).toBeGreaterThan(0)
    clock.advance(16 * 60_000)
    expect(await signIn()).toMatchObject({ ok: true })
  })
})

describe('inactivity lock', () => {
  it('locks after the configured idle time, keeps the session, and unlocks with the password', async () => {
    await signIn()
    const locked: string[] = []
    backend.events.on((event, _payload, key) => {
      if (event === 'session.locked' && key === 'k1') locked.push(event)
    })
    clock.advance(14 * 60_000)
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({ ok: true })
    clock.advance(15 * 60_000)
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })
    expect(locked).toHaveLength(1)
    expect(await backend.dispatch('session.current', {}, 'k1')).toMatchObject({
      ok: true,
      value: { locked: true },
    })
    expect(await backend.dispatch('session.unlock', { password: 'nope' }, 'k1')).toMatchObject({ ok: false })
    expect(await backend.dispatch('session.unlock', { password: 'liga-demo' }, 'k1')).toMatchObject({
      ok: true,
      value: { locked: false },
    })
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({ ok: true })
  })

  it('honours a supervisor-configured lock time', async () => {
    await signIn('janis', 'janis-demo')
    await backend.dispatch('settings.update', { lockAfterMinutes: 2 }, 'k1')
    clock.advance(2 * 60_000 + 1)
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    })
  })

  it('does not count passive status polls as activity', async () => {
    await signIn()
    for (let i = 0; i < 20; i++) {
      clock.advance(60_000)
      await backend.dispatch('sync.status', {}, 'k1')
    }
    expect(await backend.dispatch('session.current', {}, 'k1')).toMatchObject({
      ok: true,
      value: { locked: true },
    })
  })

  it('counts renderer activity heartbeats (session.touch) as activity', async () => {
    await signIn()
    for (let i = 0; i < 20; i++) {
      clock.advance(60_000)
      expect(await backend.dispatch('session.touch', {}, 'k1')).toEqual({ ok: true, value: null })
    }
    expect(await backend.dispatch('session.current', {}, 'k1')).toMatchObject({
      ok: true,
      value: { locked: false },
    })
  })

  it('signs out', async () => {
    await signIn()
    expect(await backend.dispatch('session.signOut', {}, 'k1')).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('session.current', {}, 'k1')).toEqual({ ok: true, value: null })
    expect(await backend.dispatch('settings.get', {}, 'k1')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
  })

  it('logs a renderer failure on the workstation under a reference, for signed-in agents only', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const failure = {
      section: 'customers',
      message: 'SyntaxError: x',
      info: 'render function',
      stack: 'at A',
    }
    expect(await backend.dispatch('app.logError', failure, 'k1')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    })
    await signIn()
    const r = await backend.dispatch('app.logError', failure, 'k1')
    expect(r).toMatchObject({ ok: true, value: { ref: expect.stringMatching(/^R\w+-1$/) } })
    const ref = r.ok ? (r.value as { ref: string }).ref : ''
    const lines = log.mock.calls.map((c) => String(c[0]))
    expect(lines).toContain(
      `[gasdesk] ${ref} renderer error in customers (render function) for liga: SyntaxError: x`,
    )
    expect(lines).toContain('at A')
    const tooLong = await backend.dispatch('app.logError', { ...failure, message: 'x'.repeat(2001) }, 'k1')
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    log.mockRestore()
  })
})
