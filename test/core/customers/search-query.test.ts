import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPersonalCodeShaped, planSearch } from '../../../src/core/customers/search-query'
import { makeLegacyPersonalCode } from '../../../src/core/personal-code'

// One term of a MATCH expression: "tok"*, a column-filtered house/flat number, an identifier prefix
// restricted to the ids column, an apartment word, or a group of Latin spellings of a Cyrillic word.
const TERM = new RegExp(
  [
    String.raw`"[\p{L}\p{N}]+"\*`,
    String.raw`\(address : "\d{1,4}" OR address : "\d{1,4}"\*\)`,
    String.raw`\(ids : "[\p{L}\p{N}]+"\* OR "[\p{L}\p{N}]+"\)`,
    String.raw`address : "dz\d{1,4}\p{L}?"`,
    String.raw`\("[\p{L}\p{N}]+"\*(?: OR "[\p{L}\p{N}]+"\*)*\)`,
  ].join('|'),
  'gu',
)

const legacyCode = fc
  .record({
    date: fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
    serial: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ date, serial }) => makeLegacyPersonalCode(date.toISOString().slice(0, 10), serial)!)
const newCode = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([d, rest]) => `3${d}${rest}`)

describe('planSearch', () => {
  it('builds MATCH expressions only from quoted letter/digit tokens, whatever was typed', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ maxLength: 20_000 })),
        (input) => {
          const plan = planSearch(input)
          if (plan.match === null) return
          // Nothing of the input's syntax survives: only whole terms joined by AND.
          expect(plan.match.replace(TERM, '').replace(/ AND /gu, '').trim()).toBe('')
        },
      ),
    )
  })

  it('never turns a personal code, or more of one than the birth date, into a prefix term', () => {
    // "<surname> 3207650…": every way of typing a code or a part of it, beside a name or alone.
    fc.assert(
      fc.property(
        fc.oneof(legacyCode, newCode),
        fc.integer({ min: 7, max: 11 }),
        fc.constantFrom('', 'berzins ', 'Bērziņš ', 'попов ', 'x '),
        fc.constantFrom('plain', 'hyphen', 'spaced', 'vat'),
        (code, keep, before, style) => {
          const digits = code.replace('-', '').slice(0, keep)
          const typed =
            style === 'hyphen' && digits.length > 6
              ? `${digits.slice(0, 6)}-${digits.slice(6)}`
              : style === 'spaced'
                ? digits.replace(/(\d{3})/gu, '$1 ').trim()
                : style === 'vat'
                  ? `LV${digits}`
                  : digits
          const plan = planSearch(`${before}${typed}`)
          // A long run of digits is a prefix only in the ids column, which holds no whole personal code.
          for (const m of (plan.match ?? '').matchAll(/"([^"]*\d{7}[^"]*)"\*/gu))
            expect(plan.match!.slice(0, m.index)).toMatch(/ids : $/u)
          // A whole code is never an FTS term at all: it is compared whole (plan.personalCodes).
          if (keep === 11 && style !== 'vat') expect(plan.match ?? '').not.toContain(digits)
          if (keep === 11 && (style === 'plain' || style === 'hyphen' || before === ''))
            expect(plan.personalCodes).toEqual(style === 'vat' ? [] : [digits])
        },
      ),
      { numRuns: 500 },
    )
  })

  it('keeps numbers typed in groups together (phones, personal codes)', () => {
    expect(planSearch('2612 3456').match).toBe('(ids : "26123456"* OR "26123456")')
    expect(planSearch('+371 2612-3456').match).toBe('(ids : "26123456"* OR "26123456")')
    expect(planSearch('161175-19997')).toMatchObject({ match: null, personalCodes: ['16117519997'] })
    expect(planSearch('berzins 161175-19997')).toMatchObject({
      match: '"berzins"*',
      personalCodes: ['16117519997'],
    })
    // A foreign phone with its country code is a phone, even with 11 digits.
    expect(planSearch('+1 202 555 0147').personalCodes).toEqual([])
  })

  it('knows which eleven digits can be a personal code', () => {
    expect(isPersonalCodeShaped('16117519997')).toBe(true)
    expect(isPersonalCodeShaped('32076512345')).toBe(true)
    expect(isPersonalCodeShaped('40003000642')).toBe(false)
    expect(isPersonalCodeShaped('1611751999')).toBe(false)
  })

  it('folds diacritics and looks for short numbers beside words in the address only', () => {
    expect(planSearch('Bērziņš').match).toBe('"berzins"*')
    expect(planSearch('brīvības 12').match).toBe('"brivibas"* AND (address : "12" OR address : "12"*)')
  })

  it('reads "dz 38" (and dz. 38, dz38, кв 38) as the apartment, and drops a "dz" still being typed', () => {
    const expected = '"maskavas"* AND "iela"* AND (address : "39" OR address : "39"*) AND address : "dz38"'
    for (const q of ['maskavas iela 39 dz 38', 'Maskavas iela 39, dz. 38', 'maskavas iela 39 dz38'])
      expect(planSearch(q).match).toBe(expected)
    expect(planSearch('maskavas iela 39 кв 38').match).toBe(expected)
    expect(planSearch('maskavas 39 dz').match).toBe('"maskavas"* AND (address : "39" OR address : "39"*)')
    // Alone, "dz" is the start of a name (Dzintars).
    expect(planSearch('dz').match).toBe('"dz"*')
  })

  it('looks Cyrillic words up by their Latin spellings too', () => {
    expect(planSearch('Попов').match).toBe('("попов"* OR "popov"* OR "popovs"*)')
    expect(planSearch('Шевченко').match).toBe('("шевченко"* OR "sevcenko"* OR "shevchenko"*)')
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
