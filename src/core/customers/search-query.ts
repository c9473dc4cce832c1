import { foldForSearch } from '../contact/fold'
import { phoneSearchDigits } from '../contact/phone'

/** Longer input is cut: nobody types more, and a 10 kB paste must cost no more than a short query. */
export const SEARCH_MAX_INPUT = 200
const MAX_TOKENS = 8
const MAX_TOKEN_LENGTH = 40
/** Below this many letters or digits the whole customer base matches; the box asks for more. */
export const SEARCH_MIN_CHARS = 2

export interface SearchPlan {
  /** An FTS5 MATCH expression built only from quoted letter/digit tokens, or null if there is nothing to find. */
  match: string | null
  /** When the input is a single identifier-like word: the forms to look up exactly (ranked first). */
  exact: ExactKeys | null
  tooShort: boolean
}

export interface ExactKeys {
  /** As typed, trimmed (e-mail, contract number, meter serial). */
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

/**
 * Turns whatever the agent typed into a safe search plan. The MATCH expression never contains user
 * punctuation (quotes, `*`, `NEAR`, `-`, parentheses): the input is split into letter/digit tokens, each
 * quoted as a prefix term, and FTS5 ANDs them. So any text is plain text and never a syntax error.
 */
export function planSearch(input: string): SearchPlan {
  const text = input.slice(0, SEARCH_MAX_INPUT).normalize('NFC').trim()
  const exact = exactKeys(text)
  let tokens: string[]
  const digitCount = (text.match(/\d/gu) ?? []).length
  if (NUMBER_LIKE.test(text) && digitCount >= 6) {
    // A number typed with spaces or hyphens is one identifier (phone, personal code), not several words.
    tokens = [phoneSearchDigits(text)]
  } else {
    // A personal code keeps its digits together inside a longer query (`berzins 161175-19997`).
    tokens = foldForSearch(text.replace(/\b(\d{6})-(\d{5})\b/gu, '$1$2'))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t !== '')
      .map((t) => t.slice(0, MAX_TOKEN_LENGTH))
    // Single characters beside longer words (`L` of a contract number, `k` of `12 k-2`) match nearly
    // everyone and only slow the query down.
    if (tokens.some((t) => [...t].length > 1)) tokens = tokens.filter((t) => [...t].length > 1)
    tokens = tokens.slice(0, MAX_TOKENS)
  }
  const chars = tokens.reduce((n, t) => n + [...t].length, 0)
  if (chars < SEARCH_MIN_CHARS) return { match: null, exact: null, tooShort: true }
  const hasWord = tokens.some((t) => /\p{L}/u.test(t))
  const match = tokens
    .map((t) => {
      const q = `"${t.replace(/"/gu, '""')}"`
      // Beside a word (`brivibas 12`) a short number is a house or flat number: look for it in the address
      // only, and let the exact number outrank its prefix matches (12 before 120-129).
      if (hasWord && /^\d{1,4}$/u.test(t)) return `(address : ${q} OR address : ${q}*)`
      return `${q}*`
    })
    .join(' AND ')
  return { match, exact, tooShort: false }
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
