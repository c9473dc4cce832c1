import { accept, rejector, type Validation } from './result'

/**
 * E-mail addresses: the practical subset of RFC 5321/5322 that mail systems actually deliver to — a
 * dot-atom local part (no quoted strings, comments or IP literals) and a domain of at least two labels.
 * Internationalised domains (bērziņš.lv) are accepted; their length limits are checked on the ASCII
 * (punycode) form, as DNS sees it. The value keeps the local part as typed (it is case-sensitive by the
 * standard) and lower-cases the domain.
 */
export const EMAIL_REASONS = [
  'empty',
  'whitespace',
  'format',
  'too-long',
  'local-too-long',
  'local-characters',
  'local-dots',
  'domain-too-long',
  'domain-label',
  'domain-tld',
] as const
export type EmailReason = (typeof EMAIL_REASONS)[number]

const reject = rejector<EmailReason>('email')

// RFC 5322 atext; the local part is ASCII only (SMTPUTF8 mailboxes are still rare at Latvian providers).
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/u
const LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u
const MAX_ADDRESS = 254 // RFC 5321 path of 256 octets minus the angle brackets
const MAX_LOCAL = 64
const MAX_DOMAIN = 253
const MAX_LABEL = 63

/** The ASCII (A-label) form of a domain via the WHATWG URL parser's IDNA processing; null if refused. */
export function domainToAscii(domain: string): string | null {
  try {
    const host = new URL(`http://${domain}/`).hostname
    return host === '' ? null : host
  } catch {
    return null
  }
}

export function validateEmail(input: string): Validation<string, EmailReason> {
  const raw = input.normalize('NFC').trim()
  if (raw === '') return reject('empty')
  if (/\s/u.test(raw)) return reject('whitespace')
  const at = raw.lastIndexOf('@')
  if (at <= 0 || at === raw.length - 1 || raw.indexOf('@') !== at) return reject('format')
  const local = raw.slice(0, at)
  const domain = raw
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/u, '')

  if (local.length > MAX_LOCAL) return reject('local-too-long')
  const atoms = local.split('.')
  if (atoms.some((a) => a === '')) return reject('local-dots')
  if (!atoms.every((a) => ATEXT.test(a))) return reject('local-characters')

  const labels = domain.split('.')
  if (labels.length < 2) return reject('format')
  if (!labels.every((l) => LABEL.test(l))) return reject('domain-label')
  const tld = labels[labels.length - 1]
  if (!/^\p{L}{2,}$/u.test(tld) && !/^xn--[a-z0-9-]+$/u.test(tld)) return reject('domain-tld')
  const ascii = domainToAscii(domain)
  if (ascii === null) return reject('domain-label')
  if (ascii.split('.').some((l) => l.length > MAX_LABEL)) return reject('domain-label')
  if (ascii.length > MAX_DOMAIN) return reject('domain-too-long')
  if (local.length + 1 + ascii.length > MAX_ADDRESS) return reject('too-long')
  return accept(`${local}@${domain}`)
}
