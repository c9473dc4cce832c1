import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { verifyPassword } from '../../../src/backend/services/passwords'
import { Sessions } from '../../../src/backend/services/sessions'
import { tempDir } from '../../helpers/tmp'

let backend: Backend
let tmp: ReturnType<typeof tempDir>
const clock = manualClock()

beforeEach(async () => {
  tmp = tempDir('gasdesk-throttle-')
  clock.set(Date.parse('2026-11-26T10:00:00Z'))
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
})
afterEach(() => {
  backend.close()
  tmp.cleanup()
})

/** Sessions over the real backend whose (real scrypt) password check counts how often it runs. */
function countingSessions(): { sessions: Sessions; verified: () => number } {
  let n = 0
  const sessions = new Sessions(backend.ctx, {
    verifyPassword: (password, hash) => {
      n++
      return verifyPassword(password, hash)
    },
  })
  return { sessions, verified: () => n }
}

const codeOf = (r: PromiseSettledResult<unknown>): string =>
  r.status === 'fulfilled' ? 'OK' : ((r.reason as { code?: string }).code ?? 'THROWN')

describe('sign-in throttling under parallel guesses', () => {
  for (const name of ['liga', 'nosuchagent']) {
    it(`lets at most 3 of 100 parallel wrong passwords for ${name} reach the hash check`, async () => {
      const { sessions, verified } = countingSessions()
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, (_, i) => sessions.signIn(`k${i}`, name, `guess-${i}`)),
      )
      const codes = results.map(codeOf)
      expect(verified()).toBeLessThanOrEqual(3)
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(verified())
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(100 - verified())
      // While blocked nothing is checked: for liga not even the right password gets in.
      const before = verified()
      const password = name === 'liga' ? 'liga-demo' : 'whatever'
      await expect(sessions.signIn('k-next', name, password)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
      })
      expect(verified()).toBe(before)
    })
  }

  it('records every failure and the block in the database (no lost update)', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        backend.dispatch('session.signIn', { username: 'liga', password: `wrong-${i}` }, `k${i}`),
      ),
    )
    const failed = results.filter((r) => !r.ok && r.error.code === 'UNAUTHENTICATED').length
    const row = backend.ctx.db
      .prepare("SELECT failed_sign_ins, blocked_until FROM agents WHERE username = 'liga'")
      .get() as { failed_sign_ins: number; blocked_until: number | null }
    expect(failed).toBe(3)
    expect(row.failed_sign_ins).toBe(3)
    expect(row.blocked_until).toBe(clock.now() + 30_000)
    const unknown = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        backend.dispatch('session.signIn', { username: 'NoSuchAgent', password: `w${i}` }, `u${i}`),
      ),
    )
    expect(unknown.filter((r) => !r.ok && r.error.code === 'UNAUTHENTICATED')).toHaveLength(3)
    expect(
      backend.ctx.db.prepare("SELECT failures FROM sign_in_throttle WHERE name = 'nosuchagent'").get(),
    ).toEqual({ failures: 3 })
  })

  it('lets the right password in once the block has passed, and starts counting again', async () => {
    const { sessions, verified } = countingSessions()
    await Promise.allSettled(Array.from({ length: 10 }, (_, i) => sessions.signIn(`k${i}`, 'liga', 'x')))
    clock.advance(30_000)
    await expect(sessions.signIn('k-ok', 'liga', 'liga-demo')).resolves.toMatchObject({ locked: false })
    expect(verified()).toBe(4)
    expect(
      backend.ctx.db
        .prepare("SELECT failed_sign_ins, blocked_until FROM agents WHERE username = 'liga'")
        .get(),
    ).toEqual({ failed_sign_ins: 0, blocked_until: null })
  })

  it('keeps names that do not exist throttled across a restart', async () => {
    for (let i = 0; i < 3; i++)
      await backend.dispatch('session.signIn', { username: 'ghost', password: 'x' }, 'k1')
    const file = backend.ctx.db.name
    backend.close()
    backend = await createBackend({ dbFile: file, shell: 'test', clock, demoAgents: true })
    expect(
      await backend.dispatch('session.signIn', { username: 'ghost', password: 'x' }, 'k1'),
    ).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
  })
})

describe('unlock throttling under parallel guesses', () => {
  it('lets at most 3 of 100 parallel wrong unlock passwords reach the hash check, then refuses the right one', async () => {
    const { sessions, verified } = countingSessions()
    const session = await sessions.signIn('k1', 'olga', 'olga-demo')
    const afterSignIn = verified()
    sessions.lock(session)
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => sessions.unlock(session, `guess-${i}`)),
    )
    const tried = verified() - afterSignIn
    expect(tried).toBeLessThanOrEqual(3)
    expect(results.map(codeOf).filter((c) => c === 'RATE_LIMITED')).toHaveLength(100 - tried)
    await expect(sessions.unlock(session, 'olga-demo')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    expect(session.locked).toBe(true)
    clock.advance(30_000)
    await expect(sessions.unlock(session, 'olga-demo')).resolves.toMatchObject({ locked: false })
  })
})
