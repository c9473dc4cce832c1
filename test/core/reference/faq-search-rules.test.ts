import { describe, expect, it } from 'vitest'
import {
  FAQ_QUERY_MAX_CHARS,
  faqQueryTokens,
  faqSearchText,
  faqSnippet,
  faqStem,
  scoreFaq,
} from '../../../src/core/reference/faq'

describe('FAQ search rules (core)', () => {
  it('fold queries like the customer search: Latvian diacritics off, Cyrillic lower-cased, ё as е', () => {
    expect(faqQueryTokens('SKAITĪTĀJS ņēmējs')).toEqual(['skaititajs', 'nemejs'])
    expect(faqQueryTokens('ĀČĒĢĪĶĻŅŠŪŽ')).toEqual(['acegiklnsuz'])
    expect(faqQueryTokens('Счётчик ПОКАЗАНИЯ')).toEqual(['счетчик', 'показания'])
  })

  it('treat punctuation as a separator, cut long input and keep at most eight distinct words', () => {
    expect(faqQueryTokens('{name} | @:x "*" NEAR(')).toEqual(['name', 'x', 'near'])
    expect(faqQueryTokens('@ { | } ')).toEqual([])
    expect(faqQueryTokens('a b c d e f g h i j k a')).toHaveLength(8)
    expect(faqQueryTokens('x'.repeat(10_000))[0].length).toBeLessThanOrEqual(40)
    expect(faqQueryTokens(`${'y '.repeat(FAQ_QUERY_MAX_CHARS)}zzz`)).not.toContain('zzz')
  })

  it('take endings off longer words only', () => {
    expect(faqStem('skaititajs')).toBe('skaitit')
    expect(faqStem('maksajums')).toBe('maksaj')
    expect(faqStem('parole')).toBe('parol')
    expect(faqStem('gaze')).toBeNull()
  })

  it('rank a word in the question above it in the answer, whole words above stems above inner matches', () => {
    const q = faqSearchText('Kad var iesniegt skaitītāja rādījumu?')
    const a = faqSearchText('Rādījumu var iesniegt no 27. datuma.')
    expect(scoreFaq(['iesniegt'], q, a)).toEqual({ score: 15, match: 'question' })
    expect(scoreFaq(['datuma'], q, a)).toEqual({ score: 3, match: 'answer' })
    expect(scoreFaq(['skaititajs'], q, a)).toEqual({ score: 9, match: 'question' })
    expect(scoreFaq(['itaja'], q, a)).toEqual({ score: 6, match: 'question' })
    expect(scoreFaq(['iesniegt', 'datuma'], q, a)?.match).toBe('answer')
    expect(scoreFaq(['iesniegt', 'zzz'], q, a)).toBeNull()
  })

  it('cut snippets at a word with an ellipsis', () => {
    expect(faqSnippet('Īss teksts.')).toBe('Īss teksts.')
    const long = faqSnippet('vārds '.repeat(100), 40)
    expect(long.endsWith(' …')).toBe(true)
    expect(long.length).toBeLessThanOrEqual(42)
    expect(long).not.toMatch(/vār …$/u)
  })
})
