import { foldForSearch } from '../contact/fold'

/**
 * The FAQ ("Jautājumi un atbildes"): articles in LV, EN and RU that the desk and the portal show. The
 * categories follow the portal's sections, so an agent finds an answer under the section the customer
 * is looking at. Built-in articles are in `faq-default.ts`; supervisors edit them on the desk (each edit
 * keeps the earlier version), and the central system will publish the retailer's set as a dataset.
 */
export const FAQ_LANGUAGES = ['lv', 'en', 'ru'] as const
export type FaqLanguage = (typeof FAQ_LANGUAGES)[number]

/** In the portal's menu order. */
export const FAQ_CATEGORIES = ['readings', 'invoices', 'profile', 'users', 'messages'] as const
export type FaqCategory = (typeof FAQ_CATEGORIES)[number]

export const isFaqCategory = (v: unknown): v is FaqCategory =>
  typeof v === 'string' && (FAQ_CATEGORIES as readonly string[]).includes(v)

export interface FaqText {
  question: string
  /** Plain text; paragraphs separated by a blank line. */
  answer: string
}

export interface FaqArticle {
  /** Stable across languages and versions, e.g. `readings-window`. */
  id: string
  category: FaqCategory
  sortOrder: number
  text: Record<FaqLanguage, FaqText>
}

export interface FaqDataset {
  kind: 'faq'
  version: string
  articles: FaqArticle[]
}

/** Query limits: nobody types more, and a pasted page must cost no more than a short question. */
export const FAQ_QUERY_MAX_CHARS = 200
const MAX_TOKENS = 8
const MAX_TOKEN_CHARS = 40
export const FAQ_QUESTION_MAX = 300
export const FAQ_ANSWER_MAX = 8000

/**
 * The words of a query, folded as the customer search folds names (ā -> a, š -> s, Cyrillic lower-cased),
 * so `skaititajs` meets `skaitītājs` and `ПОКАЗАНИЯ` meets `показания`. Punctuation is only a separator.
 */
export function faqQueryTokens(query: string): string[] {
  const tokens = faqFold(query.slice(0, FAQ_QUERY_MAX_CHARS))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '')
    .map((t) => [...t].slice(0, MAX_TOKEN_CHARS).join(''))
  return [...new Set(tokens)].slice(0, MAX_TOKENS)
}

/**
 * The customer search's folding, plus ё -> е: names keep ё apart (a letter of its own there), but running
 * Russian text is mostly written and typed with е (счетчик, платеж), and a word changes between the two
 * as it inflects (платёж, платежа).
 */
const faqFold = (text: string): string => foldForSearch(text).replace(/ё/gu, 'е')

/** The text a field is searched in: folded, with a space before it so a word start is ` token`. */
export const faqSearchText = (text: string): string => ` ${faqFold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')}`

export type FaqMatch = 'question' | 'answer'

/**
 * The word without its likely ending, so an inflected form meets the others: Latvian and Russian change
 * the last letters (`skaitītājs`, `skaitītāja`, `skaitītāju`; `показания`, `показаний`). Short words are
 * left whole: their stems would match nearly everything.
 */
export function faqStem(token: string): string | null {
  const letters = [...token]
  const n = letters.length
  // Latvian endings run to three letters (izlīdzināt-ais, -ajam), Russian ones too (показа-ния).
  const cut = n >= 9 ? 3 : n >= 7 ? 2 : n >= 5 ? 1 : 0
  return cut === 0 ? null : letters.slice(0, n - cut).join('')
}

/**
 * Scores one article for the query's tokens: every token must occur in the question or the answer — as a
 * word start, as a word start once its ending is taken off, or inside a word — else null. The whole word
 * counts more than its stem, which counts more than a match inside a word, and the question counts more
 * than the answer; `match` is 'question' when every token is in the question, so such articles always
 * come before those found only through their answers.
 */
export function scoreFaq(
  tokens: readonly string[],
  question: string,
  answer: string,
): { score: number; match: FaqMatch } | null {
  let score = 0
  let allInQuestion = true
  for (const token of tokens) {
    const stem = faqStem(token)
    const q = fieldScore(question, token, stem, 12)
    const a = fieldScore(answer, token, stem, 3)
    if (q === 0 && a === 0) return null
    if (q === 0) allInQuestion = false
    score += q + a
  }
  return { score, match: allInQuestion ? 'question' : 'answer' }
}

function fieldScore(text: string, token: string, stem: string | null, weight: number): number {
  if (text.includes(` ${token}`)) return weight
  if (stem !== null && text.includes(` ${stem}`)) return weight * 0.75
  return text.includes(token) ? weight * 0.5 : 0
}

/** The start of an answer for a result list: whole words, one line. */
export function faqSnippet(answer: string, max = 160): string {
  const flat = answer.replace(/\s+/gu, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/u, '')} …`
}
