import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planSearch } from '../../../src/core/customers/search-query'

describe('planSearch', () => {
  it('builds MATCH expressions only from quoted letter/digit tokens, whatever was typed', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ maxLength: 20_000 })),
        (input) => {
          const plan = planSearch(input)
          if (plan.match === null) return
          // Each term is "token"* or a column-filtered house number; nothing of the input's syntax survives.
          const rest = plan.match
            .replace(/\(address : "\d{1,4}" OR address : "\d{1,4}"\*\)/gu, '')
            .replace(/"[\p{L}\p{N}]+"\*/gu, '')
            .replace(/ AND /gu, '')
          expect(rest.trim()).toBe('')
        },
      ),
    )
  })

  it('keeps numbers typed in groups together (phones, personal codes)', () => {
    expect(planSearch('2612 3456').match).toBe('"26123456"*')
    expect(planSearch('+371 2612-3456').match).toBe('"26123456"*')
    expect(planSearch('161175-19997').match).toBe('"16117519997"*')
    expect(planSearch('berzins 161175-19997').match).toBe('"berzins"* AND "16117519997"*')
  })

  it('folds diacritics and looks for short numbers beside words in the address only', () => {
    expect(planSearch('Bērziņš').match).toBe('"berzins"*')
    expect(planSearch('brīvības 12').match).toBe('"brivibas"* AND (address : "12" OR address : "12"*)')
  })

  it('asks for more than one character', () => {
    expect(planSearch('a')).toMatchObject({ match: null, tooShort: true })
    expect(planSearch('  "* ')).toMatchObject({ match: null, tooShort: true })
    expect(planSearch('😀')).toMatchObject({ match: null, tooShort: true })
  })

  it('offers exact keys for one identifier-like word only', () => {
    expect(planSearch('A001234567').exact).toMatchObject({ compact: 'A001234567' })
    expect(planSearch('2612 3456').exact?.phones).toEqual(['+37126123456'])
    expect(planSearch('janis berzins').exact).toBeNull()
  })
})
