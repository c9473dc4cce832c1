/**
 * Redaction for everything that leaves the process as text for people other than the agent: log lines,
 * error reports, diagnostics. Secrets (passwords, sync tokens, enrolment secrets, the browser shell's
 * token, session keys) and personal codes never appear in them.
 *
 * Two layers: object keys that name a secret or a personal code lose their value whatever it is, and
 * every string is scanned for personal codes (11 digits, hyphen after the sixth optional), bearer
 * tokens and token-like URL parameters.
 */

export const REDACTED = '[redacted]'
export const PERSONAL_CODE_MASK = '[personal code]'

/** Keys whose values are never shown (matched case-insensitively, ignoring `_` and `-`). */
const SECRET_KEY =
  /(password|passwd|secret|token|authorization|cookie|sessionkey|apikey|privatekey|enrol|enroll|enrolment|enrollment|credential|credentials|personalcode|personascode)$/

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[_-]/g, '')

export const isSecretKey = (key: string): boolean => SECRET_KEY.test(normalizeKey(key))

/**
 * 11 digits as a personal code is written (`DDMMYY-NNNNN`, `DDMMYYNNNNN`, new format `32…`), not part
 * of a longer digit run — an IBAN or a meter serial with more digits is left alone.
 */
const PERSONAL_CODE = /(?<![\d])\d{6}[-‐‑–]?\d{5}(?![\d])/g
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
/** token=..., #token=..., secret=..., password=... in URLs, query strings and key=value log text. */
const KEY_VALUE =
  /\b([A-Za-z_-]*(?:token|secret|password|passwd|apikey|sessionkey|enrol[A-Za-z]*))=([^&\s"',;]+)/gi

export function redactText(text: string): string {
  return text
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(KEY_VALUE, (_m, key: string) => `${key}=${REDACTED}`)
    .replace(PERSONAL_CODE, PERSONAL_CODE_MASK)
}

/**
 * A redacted copy of any value: plain objects and arrays are walked (cycles cut), secret keys masked,
 * strings scanned, errors turned into `{name, message, stack}` with their text redacted.
 */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value)
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redactText(value.message) }
    if (value.stack) out.stack = redactText(value.stack)
    for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, seen)
    if (value.cause !== undefined) out.cause = redact(value.cause, seen)
    return out
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, seen))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? REDACTED : redact(v, seen)
  return out
}

/** One line of text for a log: the redacted value, errors with their stack. */
export function redactForLog(value: unknown): string {
  const r = redact(value)
  if (typeof r === 'string') return r
  if (r && typeof r === 'object' && 'stack' in r && typeof r.stack === 'string') return r.stack
  try {
    return JSON.stringify(r)
  } catch {
    return String(r)
  }
}
