import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatQuantity } from '../../src/core/format'

describe('formatQuantity', () => {
  it('writes Latvian and Russian decimals with a comma and no-break-space groups', () => {
    expect(formatQuantity(10.538, 'lv')).toBe('10,538')
    expect(formatQuantity(1234567, 'lv')).toBe('1\u00a0234\u00a0567')
    expect(formatQuantity('2635.1', 'ru')).toBe('2\u00a0635,1')
    expect(formatQuantity(-53, 'lv')).toBe('-53')
  })

  it('writes English with a decimal point and comma groups', () => {
    expect(formatQuantity(10.538, 'en')).toBe('10.538')
    expect(formatQuantity('263450', 'en')).toBe('263,450')
  })

  it('keeps exactly the digits it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 999 }), (w, f) => {
        const text = `${w}.${String(f).padStart(3, '0')}`
        const out = formatQuantity(text, 'lv')
        expect(out.replace(/\u00a0/g, '').replace(',', '.')).toBe(text)
      }),
    )
  })

  it('returns text that is not a plain decimal unchanged', () => {
    expect(formatQuantity('-', 'lv')).toBe('-')
    expect(formatQuantity('1e21', 'en')).toBe('1e21')
  })
})
