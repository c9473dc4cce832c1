import { describe, expect, it } from 'vitest'
import {
  formatAddress,
  normalizeHouseNumber,
  normalizePostalCode,
  validateAddress,
} from '../../../src/core/contact'

describe('validateAddress', () => {
  it('accepts a Riga street address without a municipality and normalises the parts', () => {
    const r = validateAddress({
      street: ' Brīvības  iela ',
      house: '12a',
      apartment: 'dz. 5',
      town: 'Rīga',
      postalCode: 'lv1010',
    })
    expect(r).toEqual({
      ok: true,
      value: {
        street: 'Brīvības iela',
        house: '12A',
        apartment: '5',
        town: 'Rīga',
        parish: null,
        municipality: null,
        postalCode: 'LV-1010',
      },
    })
    if (r.ok) expect(formatAddress(r.value)).toBe('Brīvības iela 12A-5, Rīga, LV-1010')
  })

  it('accepts a countryside house name with parish and municipality', () => {
    const r = validateAddress({
      house: 'Ozoli',
      parish: 'Ropažu pagasts',
      municipality: 'Ropažu novads',
      postalCode: '2135',
    })
    expect(r.ok).toBe(true)
    if (r.ok) expect(formatAddress(r.value)).toBe('“Ozoli”, Ropažu pagasts, Ropažu novads, LV-2135')
  })

  it('reports every missing or wrong part at once, with its field', () => {
    const r = validateAddress({
      street: 'Rīgas iela',
      house: 'Ozoli',
      town: '',
      postalCode: 'LV-999',
      apartment: '5-7',
    })
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.errors.map((e) => [e.field, e.reason])).toEqual([
        ['house', 'house-number'],
        ['apartment', 'apartment'],
        ['town', 'town-or-parish'],
        ['municipality', 'municipality'],
        ['postalCode', 'postal-code'],
      ])
  })

  it('requires the house and the postal code', () => {
    const r = validateAddress({ street: 'Rīgas iela', house: ' ', town: 'Rīga', postalCode: '' })
    expect(!r.ok && r.errors.map((e) => [e.field, e.reason, e.messageKey])).toEqual([
      ['house', 'required', 'validation.address.required'],
      ['postalCode', 'required', 'validation.address.required'],
    ])
  })

  it('needs a municipality outside the seven state-city municipalities', () => {
    const base = { street: 'Skolas iela', house: '3', postalCode: 'LV-2101' }
    expect(validateAddress({ ...base, town: 'Ogre' }).ok).toBe(false)
    expect(validateAddress({ ...base, town: 'Ogre', municipality: 'Ogres novads' }).ok).toBe(true)
    expect(validateAddress({ ...base, town: 'Jūrmala' }).ok).toBe(true)
  })

  it('rejects overlong parts and odd characters', () => {
    const r = validateAddress({
      street: 'x'.repeat(81),
      house: '1',
      town: 'Rīga<script>',
      postalCode: 'LV-1010',
    })
    expect(!r.ok && r.errors.map((e) => e.reason)).toEqual(['too-long', 'characters', 'municipality'])
  })
})

describe('address part helpers', () => {
  it.each([
    ['12', '12'],
    ['12a', '12A'],
    ['12 k-2', '12 k-2'],
    ['12K2', '12 k-2'],
    ['0', null],
    ['12-5', null],
  ])('normalizeHouseNumber(%j) = %j', (input, out) => expect(normalizeHouseNumber(input)).toBe(out))
  it.each([
    ['LV-1010', 'LV-1010'],
    ['lv 1010', 'LV-1010'],
    ['5401', 'LV-5401'],
    ['LV-0101', null],
    ['LV-10101', null],
  ])('normalizePostalCode(%j) = %j', (input, out) => expect(normalizePostalCode(input)).toBe(out))
})
