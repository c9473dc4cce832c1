import { accept, rejector, type Validation } from '../contact/result'

/**
 * IBAN (ISO 13616): country code, two check digits, BBAN; valid when the number rearranged (first four
 * characters moved to the end, letters as 10..35) is ≡ 1 (mod 97). Lengths per country from the SWIFT IBAN
 * registry for the SEPA countries (where an EPC credit transfer can go).
 */
export const IBAN_REASONS = ['empty', 'characters', 'country', 'length', 'checksum'] as const
export type IbanReason = (typeof IBAN_REASONS)[number]

const reject = rejector<IbanReason>('iban')

export const SEPA_IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
}

/** Remainder mod 97 of a string of digits and letters (A=10 ... Z=35), processed in chunks. */
export function mod97(text: string): number {
  let remainder = 0
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    const value = code >= 65 ? String(code - 55) : ch
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
  }
  return remainder
}

export function validateIban(input: string): Validation<string, IbanReason> {
  const iban = input.replace(/[\s-]/gu, '').toUpperCase()
  if (iban === '') return reject('empty')
  if (!/^[A-Z0-9]+$/u.test(iban) || !/^[A-Z]{2}\d{2}/u.test(iban)) return reject('characters')
  const length = SEPA_IBAN_LENGTHS[iban.slice(0, 2)]
  if (length === undefined) return reject('country')
  if (iban.length !== length) return reject('length')
  // Latvia: a 4-letter bank code and 13 alphanumerics.
  if (iban.startsWith('LV') && !/^LV\d{2}[A-Z]{4}[A-Z0-9]{13}$/u.test(iban)) return reject('characters')
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return reject('checksum')
  return accept(iban)
}

/** Print form in groups of four: `LV80 BANK 0000 4351 9500 1`. */
export const formatIban = (iban: string): string => iban.replace(/(.{4})(?=.)/gu, '$1 ')

/** Computes the two check digits for a country code and BBAN (for tests and demo data). */
export function ibanCheckDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0')
}
