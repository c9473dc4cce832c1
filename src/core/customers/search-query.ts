import { foldForSearch } from '../contact/fold'
import { phoneSearchDigits } from '../contact/phone'
import { hasCyrillic, latinSpellings } from '../contact/transliterate'

/** Longer input is cut: nobody types more, and a 10 kB paste must cost no more than a short query. */
export const SEARCH_MAX_INPUT = 200
const MAX_TOKENS = 8
const MAX_TOKEN_LENGTH = 40
/** Below this many letters or digits the whole customer base matches; the box asks for more. */
export const SEARCH_MIN_CHARS = 2
/**
 * How much of a personal code the index holds: the date-of-birth part, which the masked code shows on
 * every hit anyway (`161175-*****`). The rest is matched only as a whole code, never by prefix.
 */
export const PERSONAL_CODE_INDEXED_DIGITS = 6

export interface SearchPlan {
  /** An FTS5 MATCH expression built only from quoted letter/digit tokens, or null if there is nothing to find. */
  match: string | null
  /** When the input is a single identifier-like word: the forms to look up exactly (ranked first). */
  exact: ExactKeys | null
  /**
   * Whole personal codes (11 digits, hyphen dropped) typed in the query. They are never FTS terms: a
   * customer matches only when the stored code equals one of them exactly.
   */
  personalCodes: string[]
  tooShort: boolean
}

export interface ExactKeys {
  /** As typed, trimmed (e-mail, contract number, meter serial, invoice number). */
  raw: string
  /** Without spaces and hyphens, upper-cased (customer/subscriber number, metering point id, serial). */
  compact: string
  /** Digits only (personal code with or without hyphen, registration number), or null. */
  digits: string | null
  /** E.164 forms a phone query can have. */
  phones: string[]
}

// Only digits and the separators people put into numbers: `2612 3456`, `+371 2612-3456`, `161175-19997`.
const NUMBER_LIKE = /^[\d\s+().\-/]+$/u
/** Words that announce an apartment number: `dz 38`, `dz. 38`, `dzīv. 38`, `кв 38`. */
const APARTMENT_WORDS = new Set(['dz', 'dziv', 'dzivoklis', 'кв', 'квартира'])
/** A run this long is an identifier; as a prefix it may only meet identifiers (see `term`). */
const LONG_DIGITS = /\d{7}/u

/**
 * Eleven digits that can be a Latvian personal code: legacy codes start with the day (01-31), new ones
 * with 32-39, so the first digit is 0-3. (Registration numbers start with 4, 5 or 9.)
 */
export function isPersonalCodeShaped(digits: string): boolean {
  return /^[0-3]\d{10}$/u.test(digits)
}

/**
 * Turns whatever the agent typed into a safe search plan. The MATCH expression never contains user
 * punctuation (quotes, `*`, `NEAR`, `-`, parentheses): the input is split into letter/digit tokens, each
 * quoted, and FTS5 ANDs them. So any text is plain text and never a syntax error.
 */
export function planSearch(input: string): SearchPlan {
  const text = input.slice(0, SEARCH_MAX_INPUT).normalize('NFC').trim()
  const exact = exactKeys(text)
  let tokens: string[]
  const digitCount = (text.match(/\d/gu) ?? []).length
  const international = /^\(?(\+|00)/u.test(text)
  if (NUMBER_LIKE.test(text) && digitCount >= 6) {
    // A number typed with spaces or hyphens is one identifier (phone, personal code), not several words.
    tokens = [international ? phoneSearchDigits(text) : text.replace(/\D/gu, '')]
    if (!isPersonalCodeShaped(tokens[0])) tokens = [phoneSearchDigits(text)]
  } else {
    // A personal code keeps its digits together inside a longer query (`berzins 161175-19997`).
    tokens = foldForSearch(text.replace(/(?<!\d)(\d{6})-(\d{5})(?!\d)/gu, '$1$2'))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t !== '')
      .map((t) => t.slice(0, MAX_TOKEN_LENGTH))
    tokens = joinApartments(tokens)
    // Single characters beside longer words (`L` of a contract number, `k` of `12 k-2`) match nearly
    // everyone and only slow the query down.
    if (tokens.some((t) => [...t].length > 1)) tokens = tokens.filter((t) => [...t].length > 1)
    tokens = tokens.slice(0, MAX_TOKENS)
  }
  const personalCodes = international ? [] : tokens.filter(isPersonalCodeShaped)
  const terms = tokens.filter((t) => !personalCodes.includes(t))
  const chars = tokens.reduce((n, t) => n + [...t].length, 0)
  if (chars < SEARCH_MIN_CHARS) return { match: null, exact: null, personalCodes: [], tooShort: true }
  const hasWord = terms.some((t) => /\p{L}/u.test(t))
  const match = terms.length === 0 ? null : terms.map((t) => term(t, hasWord)).join(' AND ')
  return { match, exact, personalCodes: [...new Set(personalCodes)], tooShort: false }
}

const quote = (t: string): string => `"${t.replace(/"/gu, '""')}"`

function term(t: string, besideWord: boolean): string {
  const q = quote(t)
  // `dz38`: the apartment, indexed as one word with the address (never a prefix: dz38 is not dz380).
  if (/^dz\d/u.test(t)) return `address : ${q}`
  // Beside a word (`brivibas 12`) a short number is a house or flat number: look for it in the address
  // only, and let the exact number outrank its prefix matches (12 before 120-129).
  if (besideWord && /^\d{1,4}$/u.test(t)) return `(address : ${q} OR address : ${q}*)`
  // A long run of digits is a prefix only among the identifiers the index was built with (which hold no
  // whole personal code); anywhere else (an e-mail, a company name) it must match as a whole word.
  if (LONG_DIGITS.test(t)) return `(ids : ${q}* OR ${q})`
  // Cyrillic is also looked up by its Latin spellings (Попов finds Popovs), and the index holds the Latin
  // spellings of Cyrillic names (popovs finds Попов).
  if (hasCyrillic(t)) return `(${[t, ...latinSpellings(t)].map((f) => `${quote(f)}*`).join(' OR ')})`
  return `${q}*`
}

/** `dz 38` / `dz. 38` / `кв 38` -> `dz38`; a trailing `dz` (still being typed) after a number is dropped. */
function joinApartments(tokens: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    const glued = /^(?:dz|кв)(\d{1,4}\p{L}?)$/u.exec(t)
    if (glued) out.push(`dz${glued[1]}`)
    else if (APARTMENT_WORDS.has(t) && /^\d{1,4}\p{L}?$/u.test(tokens[i + 1] ?? '')) {
      out.push(`dz${tokens[i + 1]}`)
      i++
    } else if (APARTMENT_WORDS.has(t) && i === tokens.length - 1 && /^\d/u.test(tokens[i - 1] ?? '')) continue
    else out.push(t)
  }
  return out
}

function exactKeys(text: string): ExactKeys | null {
  if (text === '' || text.length > 80) return null
  const compact = text.replace(/[\s-]/gu, '').toUpperCase()
  // Several words are a name or an address, except numbers typed in groups.
  if (/\s/u.test(text) && !NUMBER_LIKE.test(text)) return null
  const onlyDigits = text.replace(/[\s\-+()./]/gu, '')
  const digits = /^\d+$/u.test(onlyDigits) ? onlyDigits : null
  const phones: string[] = []
  if (digits !== null && NUMBER_LIKE.test(text)) {
    const d = phoneSearchDigits(text)
    if (d.length === 8 && /^[26]/u.test(d)) phones.push(`+371${d}`)
    else if (d.length >= 8 && d.length <= 15) phones.push(`+${d}`)
  }
  return { raw: text, compact, digits, phones }
}
