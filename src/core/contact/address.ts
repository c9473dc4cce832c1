import { tidy } from './result'

/**
 * A Latvian address in the parts the State Address Register uses: street and house number in towns
 * (Brīvības iela 12 k-2, dz. 5), or a house name in the countryside (“Ozoli”), then the town (pilsēta) or
 * village/parish (ciems, pagasts), the municipality (novads) and the postal code LV-NNNN. The seven
 * state-city municipalities (Rīga, Daugavpils, Jelgava, Jūrmala, Liepāja, Rēzekne, Ventspils) have no
 * novads above them; every other address needs its municipality.
 */
export interface AddressInput {
  street?: string | null
  /** House number with a street (12, 12A, 12 k-2), or the house name without one. */
  house: string
  apartment?: string | null
  town?: string | null
  parish?: string | null
  municipality?: string | null
  postalCode: string
}

export interface Address {
  street: string | null
  house: string
  apartment: string | null
  town: string | null
  parish: string | null
  municipality: string | null
  postalCode: string
}

export type AddressField = keyof AddressInput
export const ADDRESS_REASONS = [
  'required',
  'too-long',
  'characters',
  'house-number',
  'apartment',
  'town-or-parish',
  'municipality',
  'postal-code',
] as const
export type AddressReason = (typeof ADDRESS_REASONS)[number]

export type AddressValidation =
  | { ok: true; value: Address }
  | { ok: false; errors: Array<{ field: AddressField; reason: AddressReason; messageKey: string }> }

export const STATE_CITY_MUNICIPALITIES = [
  'Rīga',
  'Daugavpils',
  'Jelgava',
  'Jūrmala',
  'Liepāja',
  'Rēzekne',
  'Ventspils',
]

const MAX_PART = 80
const PART = /^[\p{L}\p{M}\p{N} .,'’"“”„()/-]+$/u
const HOUSE_NUMBER = /^(\d{1,4})\s*([A-ZĀ-Ž])?(?:\s*k-?\s*(\d{1,3}))?$/u
const APARTMENT = /^\d{1,4}[A-ZĀ-Ž]?$/u

/** `lv1010`, `LV 1010`, `1010` -> `LV-1010`; null if it is not a Latvian postal code (LV-1000..LV-5999). */
export function normalizePostalCode(input: string): string | null {
  const m = /^(?:LV)?\s*-?\s*([1-5]\d{3})$/iu.exec(input.trim())
  return m ? `LV-${m[1]}` : null
}

/** `12a` -> `12A`, `12 k2` -> `12 k-2`; null if it is not a house number. */
export function normalizeHouseNumber(input: string): string | null {
  const m = HOUSE_NUMBER.exec(
    tidy(input)
      .toUpperCase()
      .replace(/K-?\s*(\d)/u, 'k-$1'),
  )
  if (!m || Number(m[1]) === 0) return null
  return `${m[1]}${m[2] ?? ''}${m[3] ? ` k-${m[3]}` : ''}`
}

const isStateCity = (town: string | null): boolean =>
  town !== null && STATE_CITY_MUNICIPALITIES.some((c) => c.toLowerCase() === town.toLowerCase())

export function validateAddress(input: AddressInput): AddressValidation {
  const errors: Array<{ field: AddressField; reason: AddressReason; messageKey: string }> = []
  const fail = (field: AddressField, reason: AddressReason): void => {
    errors.push({ field, reason, messageKey: `validation.address.${reason}` })
  }
  const text = (field: AddressField): string | null => {
    const value = tidy(String(input[field] ?? ''))
    if (value === '') return null
    if (value.length > MAX_PART) fail(field, 'too-long')
    else if (!PART.test(value)) fail(field, 'characters')
    return value
  }

  const street = text('street')
  let house = text('house')
  if (house === null) fail('house', 'required')
  else if (street !== null) {
    // In a street address the house part must be a number; a farmstead name goes without a street.
    const normalised = normalizeHouseNumber(house)
    if (normalised === null) fail('house', 'house-number')
    else house = normalised
  }
  let apartment = text('apartment')
  if (apartment !== null) {
    apartment = apartment.toUpperCase().replace(/^(?:DZ\.?\s*)/u, '')
    if (!APARTMENT.test(apartment)) fail('apartment', 'apartment')
  }
  const town = text('town')
  const parish = text('parish')
  const municipality = text('municipality')
  if (town === null && parish === null) fail('town', 'town-or-parish')
  if (municipality === null && !isStateCity(town)) fail('municipality', 'municipality')
  const postalCode = normalizePostalCode(String(input.postalCode ?? ''))
  if (postalCode === null)
    fail('postalCode', String(input.postalCode ?? '').trim() ? 'postal-code' : 'required')

  if (errors.length > 0 || house === null || postalCode === null) return { ok: false, errors }
  return { ok: true, value: { street, house, apartment, town, parish, municipality, postalCode } }
}

/** One line for lists and search: `Brīvības iela 12 k-2-5, Rīga, LV-1010`. */
export function formatAddress(a: Address): string {
  const first = a.street ? `${a.street} ${a.house}${a.apartment ? `-${a.apartment}` : ''}` : `“${a.house}”`
  return [first, a.town, a.parish, a.municipality, a.postalCode]
    .filter((p) => p !== null && p !== '')
    .join(', ')
}
