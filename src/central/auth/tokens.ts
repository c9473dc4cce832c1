import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  ACCESS_TOKEN_TTL_S,
  REFRESH_TOKEN_TTL_S,
  type EnrolResponse,
  type RefreshResponse,
  type TokenPair,
} from '../../contract/sync'
import type { Queryable, Sql } from '../db/sql'
import type { Workstation } from '../sync/apply'
import { SyncHttpError } from '../sync/http-error'

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex')

/** The signing key every instance on this database shares; made once. */
export async function tokenKey(sql: Sql): Promise<Buffer> {
  await sql.query(
    "INSERT INTO central_secrets (name, value) VALUES ('access-token-key', $1) ON CONFLICT DO NOTHING",
    [randomBytes(32).toString('base64')],
  )
  const [row] = await sql.query<{ value: string }>(
    "SELECT value FROM central_secrets WHERE name = 'access-token-key'",
  )
  return Buffer.from(row.value, 'base64')
}

interface Claims {
  w: string
  c: string
  exp: number
}

/** `gd1.<claims>.<hmac>`: stateless, so any instance checks it; 15 minutes. */
export function signAccess(key: Buffer, w: Workstation, nowMs: number): { token: string; expiresAt: string } {
  const exp = Math.floor(nowMs / 1000) + ACCESS_TOKEN_TTL_S
  const body = Buffer.from(
    JSON.stringify({ w: w.workstationId, c: w.centreId, exp } satisfies Claims),
  ).toString('base64url')
  const mac = createHmac('sha256', key).update(`gd1.${body}`).digest('base64url')
  return { token: `gd1.${body}.${mac}`, expiresAt: new Date(exp * 1000).toISOString() }
}

export function verifyAccess(key: Buffer, token: string, nowMs: number): Workstation {
  const [v, body, mac] = token.split('.')
  if (v !== 'gd1' || !body || !mac) throw new SyncHttpError('unauthenticated', { reason: 'invalid' })
  const want = createHmac('sha256', key).update(`gd1.${body}`).digest()
  const got = Buffer.from(mac, 'base64url')
  if (got.length !== want.length || !timingSafeEqual(got, want))
    throw new SyncHttpError('unauthenticated', { reason: 'invalid' })
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims
  if (claims.exp * 1000 <= nowMs) throw new SyncHttpError('unauthenticated', { reason: 'expired' })
  return { workstationId: claims.w, centreId: claims.c }
}

async function issuePair(q: Queryable, key: Buffer, w: Workstation, nowMs: number): Promise<TokenPair> {
  const access = signAccess(key, w, nowMs)
  const refresh = randomBytes(32).toString('base64url')
  const refreshExpiresAt = new Date(nowMs + REFRESH_TOKEN_TTL_S * 1000).toISOString()
  await q.query('INSERT INTO refresh_tokens (token_hash, workstation_id, expires_at) VALUES ($1, $2, $3)', [
    sha256(refresh),
    w.workstationId,
    refreshExpiresAt,
  ])
  return {
    accessToken: access.token,
    accessExpiresAt: access.expiresAt,
    refreshToken: refresh,
    refreshExpiresAt,
  }
}

/** Codes are typed by a person: no 0/O, 1/I/L; grouped as XXXX-XXXX-XXXX, compared without dashes. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const normaliseCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/gu, '')

export function newEnrolCode(): string {
  const bytes = randomBytes(12)
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('')
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
}

/** One-time: the code is spent in the same transaction that issues the workstation's first tokens. */
export async function enrol(
  sql: Sql,
  key: Buffer,
  code: string,
  hostName: string | undefined,
  nowMs: number,
): Promise<EnrolResponse> {
  return sql.transaction(async (tx) => {
    const rows = await tx.query<{ workstation_id: string; expires_at: string; used_at: string | null }>(
      'SELECT workstation_id, expires_at, used_at FROM enrol_codes WHERE code_hash = $1 FOR UPDATE',
      [sha256(normaliseCode(code))],
    )
    const c = rows[0]
    if (!c || c.used_at !== null || Date.parse(c.expires_at) <= nowMs)
      throw new SyncHttpError('unauthenticated', {
        reason: c?.used_at ? 'revoked' : c ? 'expired' : 'invalid',
      })
    const [w] = await tx.query<{ id: string; name: string; centre_id: string; revoked_at: string | null }>(
      'SELECT id, name, centre_id, revoked_at FROM workstations WHERE id = $1 FOR UPDATE',
      [c.workstation_id],
    )
    if (w.revoked_at) throw new SyncHttpError('unauthenticated', { reason: 'revoked' })
    const at = new Date(nowMs).toISOString()
    await tx.query('UPDATE enrol_codes SET used_at = $2 WHERE code_hash = $1', [
      sha256(normaliseCode(code)),
      at,
    ])
    await tx.query(
      'UPDATE workstations SET enrolled_at = $2, host_name = coalesce($3, host_name) WHERE id = $1',
      [w.id, at, hostName ?? null],
    )
    const pair = await issuePair(tx, key, { workstationId: w.id, centreId: w.centre_id }, nowMs)
    return { ...pair, workstationId: w.id, workstationName: w.name, centreId: w.centre_id, serverTime: at }
  })
}

/**
 * A refresh token works once. Presenting one that was already used means it leaked (or a response was
 * lost): every refresh token of the workstation is retired and it must enrol again.
 */
export async function refresh(sql: Sql, key: Buffer, token: string, nowMs: number): Promise<RefreshResponse> {
  const outcome = await sql.transaction(async (tx) => {
    const rows = await tx.query<{ workstation_id: string; expires_at: string; used_at: string | null }>(
      'SELECT workstation_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
      [sha256(token)],
    )
    const r = rows[0]
    if (!r) return { error: 'invalid' as const }
    if (r.used_at !== null) {
      await tx.query(
        'UPDATE refresh_tokens SET used_at = coalesce(used_at, now()) WHERE workstation_id = $1',
        [r.workstation_id],
      )
      return { error: 'revoked' as const }
    }
    if (Date.parse(r.expires_at) <= nowMs) return { error: 'expired' as const }
    const [w] = await tx.query<{ centre_id: string; revoked_at: string | null }>(
      'SELECT centre_id, revoked_at FROM workstations WHERE id = $1',
      [r.workstation_id],
    )
    if (w.revoked_at) return { error: 'revoked' as const }
    await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1', [sha256(token)])
    const pair = await issuePair(tx, key, { workstationId: r.workstation_id, centreId: w.centre_id }, nowMs)
    return { pair }
  })
  // The reuse clean-up above must commit, so the refusal is thrown only after the transaction.
  if ('error' in outcome) throw new SyncHttpError('unauthenticated', { reason: outcome.error! })
  return { ...outcome.pair, serverTime: new Date(nowMs).toISOString() }
}

/** The workstation behind a bearer token, checked against revocation on every request. */
export async function authenticate(
  sql: Sql,
  key: Buffer,
  header: string | undefined,
  nowMs: number,
): Promise<Workstation> {
  if (!header?.startsWith('Bearer ')) throw new SyncHttpError('unauthenticated', { reason: 'missing' })
  const w = verifyAccess(key, header.slice(7).trim(), nowMs)
  const rows = await sql.query<{ centre_id: string; revoked_at: string | null }>(
    'SELECT centre_id, revoked_at FROM workstations WHERE id = $1',
    [w.workstationId],
  )
  if (!rows[0] || rows[0].revoked_at) throw new SyncHttpError('unauthenticated', { reason: 'revoked' })
  return { workstationId: w.workstationId, centreId: rows[0].centre_id }
}
