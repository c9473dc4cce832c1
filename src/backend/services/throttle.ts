import { ApiError } from '../../contract/errors'
import type { Db } from '../db/open'
import { isSqliteError } from '../db/errors'

/** Consecutive failures allowed before a name is blocked; the block then doubles with each failure. */
export const FREE_FAILURES = 3
const BASE_BLOCK_MS = 30_000
const MAX_BLOCK_MS = 15 * 60_000
/** Unknown names are forgotten a day after their last failure. */
const FORGET_AFTER_MS = 24 * 60 * 60_000

export function blockFor(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (failures - FREE_FAILURES))
}

/** Whose attempts are counted: an (active) agent, or a user name that is not one. */
export type Subject = { kind: 'agent'; id: string } | { kind: 'name'; name: string }

interface Attempts {
  failures: number
  blockedUntil: number | null
}

export function rateLimited(ms: number): ApiError {
  return new ApiError('RATE_LIMITED', 'errors.RATE_LIMITED', { retryAfterSeconds: Math.ceil(ms / 1000) })
}

/**
 * Sign-in and unlock throttling. Each attempt is reserved — counted as a failure, with the block that
 * failure earns — in one synchronous SQLite transaction BEFORE the password is checked, and a correct
 * password clears the count afterwards. Parallel guesses therefore cannot all reach scrypt while the
 * first ones are still being hashed (they could when the count was read, scrypt awaited and count+1
 * written). Known and unknown names go through the same steps.
 *
 * When the database cannot be written (disk full, damaged file) the counts are kept in memory instead,
 * so agents can still sign in to a read-only desk and guessing stays throttled.
 */
export class SignInThrottle {
  private readonly memory = new Map<string, Attempts>()

  constructor(
    private readonly db: Db,
    /** Told about SQLite failures (the storage health watch). */
    private readonly onDbError: (e: unknown) => void = () => {},
  ) {}

  /** Counts one attempt for `subject`, or throws RATE_LIMITED while it is blocked. Synchronous. */
  reserve(subject: Subject, now: number): void {
    const key = keyOf(subject)
    const remembered = this.memory.get(key)
    if (remembered?.blockedUntil && remembered.blockedUntil > now)
      throw rateLimited(remembered.blockedUntil - now)
    let refusedUntil: number | null = null
    try {
      this.db
        .transaction(() => {
          const stored = this.read(subject)
          if (stored.blockedUntil && stored.blockedUntil > now) {
            refusedUntil = stored.blockedUntil
            return
          }
          this.write(subject, next(Math.max(stored.failures, remembered?.failures ?? 0), now), now)
        })
        .immediate()
      this.memory.delete(key)
    } catch (e) {
      if (!isSqliteError(e)) throw e
      this.onDbError(e)
      const base = remembered ?? this.tryRead(subject) ?? { failures: 0, blockedUntil: null }
      if (base.blockedUntil && base.blockedUntil > now) throw rateLimited(base.blockedUntil - now)
      this.memory.set(key, next(base.failures, now))
      return
    }
    if (refusedUntil !== null) throw rateLimited(refusedUntil - now)
  }

  /** The password was right: the count starts again. */
  clear(subject: Subject): void {
    this.memory.delete(keyOf(subject))
    if (subject.kind !== 'agent') return
    try {
      this.db
        .prepare('UPDATE agents SET failed_sign_ins = 0, blocked_until = NULL WHERE id = ?')
        .run(subject.id)
    } catch (e) {
      if (!isSqliteError(e)) throw e
      this.onDbError(e)
    }
  }

  private read(subject: Subject): Attempts {
    const row = (
      subject.kind === 'agent'
        ? this.db
            .prepare('SELECT failed_sign_ins AS failures, blocked_until FROM agents WHERE id = ?')
            .get(subject.id)
        : this.db
            .prepare('SELECT failures, blocked_until FROM sign_in_throttle WHERE name = ?')
            .get(subject.name)
    ) as { failures: number; blocked_until: number | null } | undefined
    return { failures: row?.failures ?? 0, blockedUntil: row?.blocked_until ?? null }
  }

  private tryRead(subject: Subject): Attempts | null {
    try {
      return this.read(subject)
    } catch {
      return null
    }
  }

  private write(subject: Subject, a: Attempts, now: number): void {
    if (subject.kind === 'agent') {
      this.db
        .prepare('UPDATE agents SET failed_sign_ins = ?, blocked_until = ? WHERE id = ?')
        .run(a.failures, a.blockedUntil, subject.id)
      return
    }
    this.db.prepare('DELETE FROM sign_in_throttle WHERE last_failure_at < ?').run(now - FORGET_AFTER_MS)
    this.db
      .prepare(
        `INSERT INTO sign_in_throttle (name, failures, blocked_until, last_failure_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until,
           last_failure_at = excluded.last_failure_at`,
      )
      .run(subject.name, a.failures, a.blockedUntil, now)
  }
}

function next(failures: number, now: number): Attempts {
  const count = failures + 1
  const block = blockFor(count)
  return { failures: count, blockedUntil: block ? now + block : null }
}

function keyOf(s: Subject): string {
  return s.kind === 'agent' ? `agent:${s.id}` : `name:${s.name}`
}
