/**
 * Latvian personas kods (DOMAIN.md): legacy DDMMYY-CNNNK with a century digit and a check digit, and
 * the new format (since 1 July 2017) 32xxxxxxxxx–39xxxxxxxxx accepted on shape alone.
 */
export type PersonalCodeFormat = 'legacy' | 'new' | 'unknown'

export const PERSONAL_CODE_REASONS = [
  'empty',
  'characters',
  'length',
  'hyphen-position',
  'century',
  'date',
  'check-digit',
  'new-format-shape',
] as const
export type PersonalCodeReason = (typeof PERSONAL_CODE_REASONS)[number]

export interface PersonalCodeResult {
  valid: boolean
  format: PersonalCodeFormat
  /** Null when valid; otherwise a stable key under `validation.personalCode.*` in locales. */
  reason: PersonalCodeReason | null
  /** The 11 digits without hyphen, when the input had that shape. */
  digits: string | null
  /** ISO birth date for legacy codes (never derived from new-format codes). */
  birthDate: string | null
}

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

export function legacyCheckDigit(firstTen: string): number {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * WEIGHTS[i]
  return ((((1101 - sum) % 11) + 11) % 11) % 10
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = [
    31,
    (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ]
  return d <= days[m - 1]
}

const fail = (
  format: PersonalCodeFormat,
  reason: PersonalCodeReason,
  digits: string | null = null,
): PersonalCodeResult => ({
  valid: false,
  format,
  reason,
  digits,
  birthDate: null,
})

export function checkPersonalCode(input: string): PersonalCodeResult {
  const raw = input.trim()
  if (raw === '') return fail('unknown', 'empty')
  if (!/^[0-9-]+$/.test(raw)) return fail('unknown', 'characters')
  const hyphens = raw.split('-').length - 1
  if (hyphens > 1 || (hyphens === 1 && raw.indexOf('-') !== 6)) return fail('unknown', 'hyphen-position')
  const digits = raw.replace('-', '')
  if (digits.length !== 11) return fail('unknown', 'length')

  // New format: 3, then 2-9, then nine digits; no date, no published check digit. Days 30 and 31 of
  // legacy codes also start with 3, so only 32-39 mean the new format (no day is 32 or more). The State
  // Revenue Service writes these codes as 32XXXX-XXXXX too, so the hyphen after six digits is accepted.
  if (/^3[2-9]/.test(digits)) return { valid: true, format: 'new', reason: null, digits, birthDate: null }

  const dd = Number(digits.slice(0, 2))
  const mm = Number(digits.slice(2, 4))
  const yy = Number(digits.slice(4, 6))
  const century = Number(digits[6])
  if (century > 2) return fail('legacy', 'century', digits)
  const year = 1800 + century * 100 + yy
  if (!isRealDate(year, mm, dd)) return fail('legacy', 'date', digits)
  if (legacyCheckDigit(digits) !== Number(digits[10])) return fail('legacy', 'check-digit', digits)
  const iso = `${String(year).padStart(4, '0')}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`
  return { valid: true, format: 'legacy', reason: null, digits, birthDate: iso }
}

/** `161175-19997` -> `161175-*****`; new-format codes keep their first six digits the same way. */
export function maskPersonalCode(code: string): string {
  const digits = code.replace('-', '')
  if (digits.length !== 11) return '*'.repeat(code.length)
  return `${digits.slice(0, 6)}-*****`
}

/** Canonical display form: legacy with hyphen, new format without. */
export function formatPersonalCode(code: string): string {
  const r = checkPersonalCode(code)
  if (!r.digits) return code
  return r.format === 'legacy' ? `${r.digits.slice(0, 6)}-${r.digits.slice(6)}` : r.digits
}

/**
 * Builds a valid legacy code for a birth date and a 3-digit serial (for the demo generator and tests).
 * Returns null for dates outside 1800-2099.
 */
export function makeLegacyPersonalCode(isoDate: string, serial: number): string | null {
  const [y, m, d] = isoDate.split('-').map(Number)
  if (y < 1800 || y > 2099 || !isRealDate(y, m, d)) return null
  const c = Math.floor((y - 1800) / 100)
  const ten = `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}${c}${String(serial % 1000).padStart(3, '0')}`
  return `${ten.slice(0, 6)}-${ten.slice(6)}${legacyCheckDigit(ten)}`
}
