import { accept, rejector, type Validation } from './result'

/**
 * Phone numbers to E.164. Latvian numbers (+371) have 8 national digits, mobiles starting with 2 and
 * landlines with 6; a bare 8-digit number is taken as Latvian. Foreign numbers must be written with their
 * country code (+ or 00) and have 8..15 digits in total (E.164 allows at most 15).
 */
export const PHONE_REASONS = [
  'empty',
  'characters',
  'lv-length',
  'lv-prefix',
  'foreign-length',
  'country-code',
  'national-format',
] as const
export type PhoneReason = (typeof PHONE_REASONS)[number]

const reject = rejector<PhoneReason>('phone')
const LV = '371'

function checkLatvian(national: string): Validation<string, PhoneReason> {
  if (national.length !== 8) return reject('lv-length')
  if (national[0] !== '2' && national[0] !== '6') return reject('lv-prefix')
  return accept(`+${LV}${national}`)
}

export function normalizePhone(input: string): Validation<string, PhoneReason> {
  const raw = input.trim()
  if (raw === '') return reject('empty')
  if (!/^[0-9+\s().\-/]+$/u.test(raw)) return reject('characters')
  // A single leading + is allowed, also inside a leading parenthesis: "(+371) 2612-3456".
  const plusCount = (raw.match(/\+/gu) ?? []).length
  if (plusCount > 1 || (plusCount === 1 && !/^\(?\+/u.test(raw))) return reject('characters')
  const digits = raw.replace(/\D/gu, '')
  if (digits === '') return reject('characters')

  let international: string | null = null
  if (plusCount === 1) international = digits
  else if (digits.startsWith('00')) international = digits.slice(2)

  if (international === null) {
    if (digits.length === 8) return checkLatvian(digits)
    // Agents also type the country code without + ("371 26123456").
    if (digits.length === 11 && digits.startsWith(LV)) return checkLatvian(digits.slice(3))
    return reject('national-format')
  }
  if (international.startsWith('0') || international === '') return reject('country-code')
  if (international.startsWith(LV)) return checkLatvian(international.slice(3))
  if (international.length < 8 || international.length > 15) return reject('foreign-length')
  return accept(`+${international}`)
}

/**
 * The digits to index and to search by: Latvian numbers as their 8 national digits (so `2612 3456`,
 * `+37126123456` and `0037126123456` meet), anything else as its digits without a leading 00. Works on
 * fragments too, for search-as-you-type.
 */
export function phoneSearchDigits(input: string): string {
  let digits = input.replace(/\D/gu, '')
  let explicit = input.trim().replace(/^\(/u, '').startsWith('+')
  if (digits.startsWith('00')) {
    digits = digits.slice(2)
    explicit = true
  }
  // With an explicit international prefix even a fragment ("+371 26") drops the country code.
  if (digits.startsWith(LV) && (explicit || digits.length > 8)) digits = digits.slice(3)
  return digits
}
