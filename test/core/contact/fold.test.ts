import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldForSearch } from '../../../src/core/contact'

describe('foldForSearch', () => {
  it.each([
    ['Bērziņš', 'berzins'],
    ['ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž', 'acegiklnsuz acegiklnsuz'],
    ['Ødegård  Straße', 'odegard strasse'],
    ['O’Brien', "o'brien"],
    ['Ёлкин Йодов', 'ёлкин йодов'],
    ['BRĪVĪBAS 12', 'brivibas 12'],
    ['Be\u0304rzin\u0326s\u030c', 'berzins'],
    ['\u0301a\u0301', '\u0301a'],
  ])('%j -> %j', (input, out) => expect(foldForSearch(input)).toBe(out))

  it('is idempotent and never leaves combining marks on Latin letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const f = foldForSearch(s)
        expect(foldForSearch(f)).toBe(f)
        expect(f).not.toMatch(/\p{Script=Latin}\p{M}/u)
      }),
    )
  })
})
