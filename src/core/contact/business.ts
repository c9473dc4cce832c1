import { checkPersonalCode } from '../personal-code'
import { accept, rejector, type Validation } from './result'

/**
 * Latvian registration numbers (reģistrācijas numurs) of legal entities are 11 digits. The first digit
 * tells the register: 4 — entities registered by the Register of Enterprises (4000…, 4010…, 4020…, 4000 8…
 * for associations), 5 — entities from the older registers, 9 — state and municipal institutions
 * registered with the State Revenue Service. 0–3 are personal codes (natural persons), 6–8 are not
 * issued. The last digit is a check digit: with weights 9,1,4,8,3,10,2,5,7,6,1 over all eleven digits the
 * weighted sum is ≡ 3 (mod 11). (Checked against published numbers: 40003000642, 40203108921,
 * 40203041605, 40003032949.)
 */
export const REGISTRATION_NUMBER_REASONS = ['empty', 'characters', 'length', 'prefix', 'check-digit'] as const
export type RegistrationNumberReason = (typeof REGISTRATION_NUMBER_REASONS)[number]

const rejectReg = rejector<RegistrationNumberReason>('registrationNumber')
const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]
const ENTITY_PREFIXES = new Set(['4', '5', '9'])

export function registrationChecksumOk(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < 11; i++) sum += Number(digits[i]) * WEIGHTS[i]
  return sum % 11 === 3
}

/** The check digit that completes ten digits, or null when none exists (the sum would need a 10). */
export function registrationCheckDigit(firstTen: string): number | null {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * WEIGHTS[i]
  const digit = (((3 - sum) % 11) + 11) % 11
  return digit === 10 ? null : digit
}

function digitsOf(input: string): string | RegistrationNumberReason {
  const raw = input.trim().replace(/[\s-]/gu, '')
  if (raw === '') return 'empty'
  if (!/^\d+$/u.test(raw)) return 'characters'
  if (raw.length !== 11) return 'length'
  return raw
}

export function validateRegistrationNumber(input: string): Validation<string, RegistrationNumberReason> {
  const digits = digitsOf(input)
  if (digits.length !== 11) return rejectReg(digits as RegistrationNumberReason)
  if (!ENTITY_PREFIXES.has(digits[0])) return rejectReg('prefix')
  if (!registrationChecksumOk(digits)) return rejectReg('check-digit')
  return accept(digits)
}

/**
 * Latvian VAT numbers: `LV` + 11 digits. A legal entity's VAT number is its registration number; a natural
 * person registered as a VAT payer has their personal code (legacy with a valid date and check digit, or
 * the new 32…–39… format). The value is `LV` + digits, without spaces.
 */
export const VAT_NUMBER_REASONS = ['empty', 'country', 'characters', 'length', 'check-digit'] as const
export type VatNumberReason = (typeof VAT_NUMBER_REASONS)[number]

const rejectVat = rejector<VatNumberReason>('vatNumber')

export function validateVatNumber(input: string): Validation<string, VatNumberReason> {
  const raw = input.trim().replace(/[\s-]/gu, '').toUpperCase()
  if (raw === '') return rejectVat('empty')
  if (!raw.startsWith('LV')) return rejectVat(/^[A-Z]{2}/u.test(raw) ? 'country' : 'characters')
  const digits = raw.slice(2)
  if (!/^\d*$/u.test(digits)) return rejectVat('characters')
  if (digits.length !== 11) return rejectVat('length')
  const valid = Number(digits[0]) > 3 ? registrationChecksumOk(digits) : checkPersonalCode(digits).valid
  return valid ? accept(`LV${digits}`) : rejectVat('check-digit')
}
