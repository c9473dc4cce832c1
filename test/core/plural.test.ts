import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { latvianPlural, russianPlural } from '../../src/core/plural'

describe('Latvian plural forms (zero | one | other)', () => {
  it('uses the zero form only for 0', () => {
    expect(latvianPlural(0, 3)).toBe(0)
  })
  it.each([1, 21, 31, 101, 1001])('uses the one form for %i', (n) => {
    expect(latvianPlural(n, 3)).toBe(1)
  })
  it.each([2, 9, 10, 11, 12, 19, 20, 111, 211, 1011])('uses the other form for %i', (n) => {
    expect(latvianPlural(n, 3)).toBe(2)
  })
  it('agrees with CLDR on "one" for every non-negative integer', () => {
    const cldr = new Intl.PluralRules('lv')
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (n) => {
        expect(latvianPlural(n, 3) === 1).toBe(cldr.select(n) === 'one')
      }),
    )
  })
  it('never points past the forms a message has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 3 }), (n, forms) => {
        const i = latvianPlural(n, forms)
        expect(i).toBeGreaterThanOrEqual(0)
        expect(i).toBeLessThan(forms)
      }),
    )
  })
})

describe('Russian plural forms (one | few | many)', () => {
  it.each([
    [1, 0],
    [21, 0],
    [101, 0],
    [2, 1],
    [4, 1],
    [22, 1],
    [104, 1],
    [0, 2],
    [5, 2],
    [11, 2],
    [12, 2],
    [14, 2],
    [20, 2],
    [111, 2],
    [112, 2],
  ])('%i takes form %i', (n, form) => {
    expect(russianPlural(n, 3)).toBe(form)
  })
  it('agrees with CLDR one/few/many for every non-negative integer', () => {
    const cldr = new Intl.PluralRules('ru')
    const index = { one: 0, few: 1, many: 2 } as Record<string, number>
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(russianPlural(n, 3)).toBe(index[cldr.select(n)])
      }),
    )
  })
})
