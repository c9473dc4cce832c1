import { ApiError } from '../../contract/errors'
import type { Agent } from '../../contract'
import type { BackendContext, Session } from '../context'
import { findAgentById, findAgentByUsername, toAgent } from './agents'
import { dummyHash, verifyPassword } from './passwords'
import { readSettings } from './settings'
import { SignInThrottle, type Subject } from './throttle'

export interface SessionsOptions {
  /** The password check (scrypt); injectable so tests can count how many guesses reach it. */
  verifyPassword?: (password: string, storedHash: string) => Promise<boolean>
}

const signInFailed = () => new ApiError('UNAUTHENTICATED', 'errors.signInFailed')

/**
 * Signed-in agents per transport session (one Electron window, one browser-shell token). Sessions are
 * in memory on purpose: restarting the app signs everyone out. A session locks after the configured
 * idle time and ends for good after the configured working day or when the workstation sleeps.
 */
export class Sessions {
  private byKey = new Map<string, Session>()
  private readonly throttle: SignInThrottle
  private readonly verify: (password: string, storedHash: string) => Promise<boolean>

  constructor(
    private readonly ctx: BackendContext,
    options: SessionsOptions = {},
  ) {
    this.throttle = new SignInThrottle(ctx.db, (e) => ctx.storage?.noteError(e))
    this.verify = options.verifyPassword ?? verifyPassword
  }

  /** The live session of `key`: one past its absolute lifetime is ended here (and the renderer told). */
  get(key: string): Session | null {
    const session = this.byKey.get(key)
    if (!session) return null
    if (this.ctx.clock.now() - session.startedMs >= this.maxLifetimeMs()) {
      this.signOut(key)
      return null
    }
    return session
  }

  lockAfterMs(): number {
    return readSettings(this.ctx.db).lockAfterMinutes * 60_000
  }

  maxLifetimeMs(): number {
    return readSettings(this.ctx.db).sessionMaxHours * 3_600_000
  }

  /** Locks the session if it has been idle too long; returns whether it is locked. */
  applyInactivity(session: Session): boolean {
    if (!session.locked && this.ctx.clock.now() - session.lastActivityMs >= this.lockAfterMs()) {
      session.locked = true
      this.ctx.events.emit('session.locked', { reason: 'inactivity' }, session.key)
    }
    return session.locked
  }

  touch(session: Session): void {
    session.lastActivityMs = this.ctx.clock.now()
  }

  /** Ends sessions past their lifetime and locks idle ones; hosts call this on a timer so the renderer hears. */
  sweep(): void {
    for (const key of [...this.byKey.keys()]) {
      const s = this.get(key)
      if (s) this.applyInactivity(s)
    }
  }

  async signIn(key: string, username: string, password: string): Promise<Session> {
    const { db, clock } = this.ctx
    const row = findAgentByUsername(db, username)
    const agent = row && row.active ? row : null
    const subject: Subject = agent
      ? { kind: 'agent', id: agent.id }
      : { kind: 'name', name: username.toLowerCase() }
    // Counted before the hash is checked, in the same synchronous turn as the look-up (see throttle.ts).
    this.throttle.reserve(subject, clock.now())
    const hash = agent ? agent.password_hash : await dummyHash()
    const ok = await this.verify(password, hash)
    if (!agent || !ok) throw signInFailed()
    this.throttle.clear(subject)
    const now = clock.now()
    const session: Session = {
      key,
      agent: toAgent(agent),
      locked: false,
      lastActivityMs: now,
      startedMs: now,
    }
    this.byKey.set(key, session)
    return session
  }

  async unlock(session: Session, password: string): Promise<Session> {
    const row = findAgentById(this.ctx.db, session.agent.id)
    if (!row || !row.active) {
      this.signOut(session.key)
      throw new ApiError('UNAUTHENTICATED', 'errors.UNAUTHENTICATED')
    }
    const subject: Subject = { kind: 'agent', id: row.id }
    this.throttle.reserve(subject, this.ctx.clock.now())
    if (!(await this.verify(password, row.password_hash))) throw signInFailed()
    this.throttle.clear(subject)
    // The session may have ended while the hash was checked (lifetime, sleep, sign-out elsewhere).
    if (this.byKey.get(session.key) !== session)
      throw new ApiError('UNAUTHENTICATED', 'errors.UNAUTHENTICATED')
    session.locked = false
    session.lastActivityMs = this.ctx.clock.now()
    return session
  }

  lock(session: Session): Session {
    session.locked = true
    this.ctx.events.emit('session.locked', { reason: 'manual' }, session.key)
    return session
  }

  setAgent(session: Session, agent: Agent): void {
    session.agent = agent
  }

  signOut(key: string): void {
    if (this.byKey.delete(key)) this.ctx.events.emit('session.ended', {}, key)
  }

  /** The workstation is going to sleep or its screen is being locked: nobody stays signed in. */
  endAll(): void {
    for (const key of [...this.byKey.keys()]) this.signOut(key)
  }
}
