import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { ApiErrorShape } from '../contract'

export interface Rejection {
  status: number
  error: ApiErrorShape
}

/**
 * DNS-rebinding defence: a page on evil.example that re-resolves to 127.0.0.1 still sends its own
 * Host, so only our literal loopback names with our port are served.
 */
export function checkHost(req: IncomingMessage, port: number): Rejection | null {
  const host = req.headers.host
  if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return null
  return {
    status: 403,
    error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { reason: 'host' } },
  }
}

/** A browser sends Origin on cross-origin requests (and on POSTs); when present it must be us. */
export function checkOrigin(req: IncomingMessage): Rejection | null {
  const origin = req.headers.origin
  if (origin === undefined || origin === `http://${req.headers.host}`) return null
  return {
    status: 403,
    error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { reason: 'origin' } },
  }
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest()

/** Constant-time comparison; hashing first hides the length of the expected token as well. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false
  return timingSafeEqual(digest(given), digest(expected))
}

export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization
  const m = typeof h === 'string' ? /^Bearer ([A-Za-z0-9_-]+)$/.exec(h) : null
  return m ? m[1] : null
}

export const unauthenticated = (): Rejection => ({
  status: 401,
  error: { code: 'UNAUTHENTICATED', messageKey: 'errors.UNAUTHENTICATED', details: { reason: 'token' } },
})

/** Per-tab session ids are client-generated random strings; anything else is refused before dispatch. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

export function sessionKeyFor(sessionId: string | null | undefined): string | null {
  return typeof sessionId === 'string' && SESSION_ID_PATTERN.test(sessionId) ? `web:${sessionId}` : null
}
