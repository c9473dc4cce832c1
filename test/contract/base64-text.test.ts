import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isBase64Text } from '../../src/contract/methods/documents'

/** The upload check accepts exactly what /^[A-Za-z0-9+/]*={0,2}$/ accepts (its faster equivalent). */
const REFERENCE = /^[A-Za-z0-9+/]*={0,2}$/
const ALPHABET = 'ABCXYZabcxyz0189+/=- \n<'.split('')

describe('isBase64Text', () => {
  it('agrees with the anchored pattern on any string over base64 and nearby characters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }), (chars) => {
        const s = chars.join('')
        expect(isBase64Text(s)).toBe(REFERENCE.test(s))
      }),
      { numRuns: 5000 },
    )
  })

  it('takes real base64 and refuses padding in the middle or three pads', () => {
    expect(isBase64Text(Buffer.from('GasDesk!').toString('base64'))).toBe(true)
    expect(isBase64Text('')).toBe(true)
    expect(isBase64Text('ab==')).toBe(true)
    expect(isBase64Text('ab=c')).toBe(false)
    expect(isBase64Text('a===')).toBe(false)
    expect(isBase64Text('<script>')).toBe(false)
  })
})
