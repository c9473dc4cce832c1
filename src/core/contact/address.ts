import { addressLine } from '../customers/display'
import { foldForSearch } from './fold'
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

/*
 * What agents type for the same address differs (Riga, RĪGA, Rīga; iela, iela., iel.; dz. 5, dz5, 5;
 * "Maskavas iela 39-38" in one field), and a stored address must be spelled one way, or duplicate checks
 * and search miss it. `normalizeAddress` rewrites those variants before validation and storage; it only
 * changes spellings of the same thing and leaves anything it does not recognise as typed.
 */

/** Street-type words (closed list, so their Latvian letters can be restored) and their abbreviations. */
const STREET_TYPES: Record<string, string> = {
  iela: 'iela',
  iel: 'iela',
  gatve: 'gatve',
  bulvaris: 'bulvāris',
  bulv: 'bulvāris',
  prospekts: 'prospekts',
  prosp: 'prospekts',
  soseja: 'šoseja',
  sos: 'šoseja',
  laukums: 'laukums',
  lauk: 'laukums',
  krastmala: 'krastmala',
  krastm: 'krastmala',
  linija: 'līnija',
  dambis: 'dambis',
  aleja: 'aleja',
  cels: 'ceļš',
  skersiela: 'šķērsiela',
}
const MUNICIPALITY_WORDS: Record<string, string> = { novads: 'novads', nov: 'novads' }
const PARISH_WORDS: Record<string, string> = { pagasts: 'pagasts', pag: 'pagasts' }
const APARTMENT_PREFIX = /^(?:dz(?:[iī]v(?:oklis)?)?|кв(?:артира)?)\.?\s*/iu

/** Rewrites a trailing type word (`iela.`, `iel`, `nov.`) to its full form; the rest stays as typed. */
function canonicalTail(value: string, words: Record<string, string>): string {
  const parts = value.split(' ')
  const last = parts[parts.length - 1]
  const full = words[foldForSearch(last).replace(/\.$/u, '')]
  if (parts.length < 2 || full === undefined) return value
  parts[parts.length - 1] = full
  return parts.join(' ')
}

const capitalise = (v: string): string => (/^\p{Ll}/u.test(v) ? v[0].toUpperCase() + v.slice(1) : v)

/** `riga`, `RĪGA`, `Rīga ` -> `Rīga` for the state cities; other towns only get a capital letter. */
export function normalizeTown(input: string): string {
  const value = tidy(input)
  const folded = foldForSearch(value)
  const city = STATE_CITY_MUNICIPALITIES.find((c) => foldForSearch(c) === folded)
  if (city) return city
  // Typed in capitals (OGRE) it becomes Ogre; otherwise only the first letter is raised.
  const raised = capitalise(value)
  return raised === raised.toUpperCase() && /\p{L}{2}/u.test(raised)
    ? capitalise(value.toLowerCase())
    : raised
}

export function normalizeApartment(input: string): string {
  // Tidied again after the prefix and trailing dots go, so `! .` is `!` on the first pass, not the second.
  return tidy(
    tidy(input)
      .replace(APARTMENT_PREFIX, '')
      .replace(/[\s.]+$/u, ''),
  ).toUpperCase()
}

// `Maskavas iela 39`, `Maskavas iela 39-38`, `Maskavas iela 39 dz. 38`, `Maskavas iela 39 k-2 dz 38`.
const STREET_WITH_NUMBER =
  /^(.*?\p{L}.*?)\s+(\d{1,4}(?:(?![kK])\p{L})?(?:\s*k\.?-?\s*\d{1,3})?)(?:\s*(?:-|\s(?:dz(?:[iī]v)?\.?|кв\.?))\s*(\d{1,4}\s*\p{L}?))?\.?$/iu

/** Every part tidied and its variants spelled one way; unknown text is left for validation to judge. */
export function normalizeAddress(input: AddressInput): AddressInput {
  const part = (v: string | null | undefined): string => tidy(String(v ?? ''))
  let street = part(input.street)
  let house = part(input.house)
  let apartment = part(input.apartment)
  if (street !== '' && house === '') {
    // The whole address typed into the street field.
    const m = STREET_WITH_NUMBER.exec(street)
    if (m) {
      street = m[1]
      house = m[2]
      if (m[3] && apartment === '') apartment = m[3]
    }
  }
  // Before the house split below looks at it: `dz.` alone is no apartment.
  if (apartment !== '') apartment = normalizeApartment(apartment)
  // Trailing dots and commas, however many (`iela.`, `.,`), so a second pass finds nothing to strip; a
  // street that was nothing but those is no street.
  if (street !== '') street = capitalise(canonicalTail(street.replace(/[\s.,]+$/u, ''), STREET_TYPES))
  if (street !== '') {
    // `39-38` in the house field of a street address: house 39, apartment 38.
    const split = /^(\d{1,4}(?:(?![kK])\p{L})?)\s*-\s*(\d{1,4}\p{L}?)$/u.exec(house)
    if (split && apartment === '') {
      house = split[1]
      apartment = split[2]
    }
    house = tidy(house.replace(/\s*k(?:orp)?\.?\s*-?\s*(\d)/iu, ' k-$1'))
  }
  // Again for what the house split or the street field gave (`12-5a` → `5A`).
  if (apartment !== '') apartment = normalizeApartment(apartment)
  const town = part(input.town) === '' ? '' : normalizeTown(part(input.town))
  let municipality = part(input.municipality)
  if (municipality !== '') municipality = capitalise(canonicalTail(municipality, MUNICIPALITY_WORDS))
  // A state city is its own municipality: `Rīga` twice is stored once.
  const city = STATE_CITY_MUNICIPALITIES.find((c) => foldForSearch(c) === foldForSearch(municipality))
  if (city && foldForSearch(city) === foldForSearch(town)) municipality = ''
  else if (city) municipality = city
  const parish = part(input.parish) === '' ? '' : capitalise(canonicalTail(part(input.parish), PARISH_WORDS))
  const orNull = (v: string): string | null => (v === '' ? null : v)
  return {
    street: orNull(street),
    house,
    apartment: orNull(apartment),
    town: orNull(town),
    parish: orNull(parish),
    municipality: orNull(municipality),
    postalCode: normalizePostalCode(String(input.postalCode ?? '')) ?? String(input.postalCode ?? '').trim(),
  }
}

export function validateAddress(raw: AddressInput): AddressValidation {
  const input = normalizeAddress(raw)
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
  const apartment = text('apartment')
  if (apartment !== null && !APARTMENT.test(apartment)) fail('apartment', 'apartment')
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

/** One line for lists and search: `Brīvības iela 12 k-2-5, Rīga, LV-1010` (the one rule in customers/display). */
export function formatAddress(a: Address): string {
  return addressLine(
    {
      street: a.street,
      house: a.house,
      apartment: a.apartment,
      town: a.town,
      parish: a.parish,
      municipality: a.municipality,
      postalCode: a.postalCode,
    },
    'full',
  )
}
