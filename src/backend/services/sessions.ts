import { ApiError } from '../../contract/errors'
import type { Agent } from '../../contract'
import type { BackendContext, Session } from '../context'
import { findAgentById, findAgentByUsername, toAgent, type AgentRow } from './agents'
import { dummyHash, verifyPassword } from './passwords'
import { readSettings } from './settings'

/** Consecutive failures allowed before sign-in for that name is blocked, then doubled each further failure. */
const FREE_FAILURES = 3
const BASE_BLOCK_MS = 30_000
const MAX_BLOCK_MS = 15 * 60_000

function blockFor(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (failures - FREE_FAILURES))
}

/**
 * Signed-in agents per transport session (one Electron window, one browser-shell token). Sessions are
 * in memory on purpose: restarting the app signs everyone out.
 */
export class Sessions {
  private byKey = new Map<string, Session>()
  /** Failures for user names that do not exist, so probing names is throttled like real ones. */
  private unknownFailures = new Map<string, { count: number; until: number }>()

  constructor(private readonly ctx: BackendContext) {}

  get(key: string): Session | null {
    return this.byKey.get(key) ?? null
  }

  lockAfterMs(): number {
    return readSettings(this.ctx.db).lockAfterMinutes * 60_000
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

  /** Locks every idle session; hosts call this on a timer so the renderer hears about it. */
  sweep(): void {
    for (const s of this.byKey.values()) this.applyInactivity(s)
  }

  async signIn(key: string, username: string, password: string): Promise<Session> {
    const { db, clock } = this.ctx
    const now = clock.now()
    const row = findAgentByUsername(db, username)
    if (!row || !row.active) {
      const name = username.toLowerCase()
      const f = this.unknownFailures.get(name)
      if (f && f.until > now) throw rateLimited(f.until - now)
      await verifyPassword(password, await dummyHash())
      const count = (f?.count ?? 0) + 1
      this.unknownFailures.set(name, { count, until: now + blockFor(count) })
      throw new ApiError('UNAUTHENTICATED', 'errors.signInFailed')
    }
    if (row.blocked_until && row.blocked_until > now) throw rateLimited(row.blocked_until - now)
    if (!(await verifyPassword(password, row.password_hash))) {
      const failures = row.failed_sign_ins + 1
      const block = blockFor(failures)
      db.prepare('UPDATE agents SET failed_sign_ins = ?, blocked_until = ? WHERE id = ?').run(
        failures,
        block ? now + block : null,
        row.id,
      )
      throw new ApiError('UNAUTHENTICATED', 'errors.signInFailed')
    }
    db.prepare('UPDATE agents SET failed_sign_ins = 0, blocked_until = NULL WHERE id = ?').run(row.id)
    const session: Session = { key, agent: toAgent(row), locked: false, lastActivityMs: now }
    this.byKey.set(key, session)
    return session
  }

  async unlock(session: Session, password: string): Promise<Session> {
    const row = findAgentById(this.ctx.db, session.agent.id) as AgentRow | undefined
    const now = this.ctx.clock.now()
    if (!row || !row.active) {
      this.signOut(session.key)
      throw new ApiError('UNAUTHENTICATED', 'errors.UNAUTHENTICATED')
    }
    if (row.blocked_until && row.blocked_until > now) throw rateLimited(row.blocked_until - now)
    if (!(await verifyPassword(password, row.password_hash))) {
      const failures = row.failed_sign_ins + 1
      const block = blockFor(failures)
      this.ctx.db
        .prepare('UPDATE agents SET failed_sign_ins = ?, blocked_until = ? WHERE id = ?')
        .run(failures, block ? now + block : null, row.id)
      throw new ApiError('UNAUTHENTICATED', 'errors.signInFailed')
    }
    this.ctx.db
      .prepare('UPDATE agents SET failed_sign_ins = 0, blocked_until = NULL WHERE id = ?')
      .run(row.id)
    session.locked = false
    session.lastActivityMs = now
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
}

function rateLimited(ms: number): ApiError {
  return new ApiError('RATE_LIMITED', 'errors.RATE_LIMITED', { retryAfterSeconds: Math.ceil(ms / 1000) })
}
