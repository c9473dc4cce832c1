import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  normalizeAddress,
  normalizeApartment,
  normalizeTown,
  validateAddress,
  type AddressInput,
} from '../../../src/core/contact'

// The same Riga address as agents type it: town, street type word, apartment, postal code each in any
// of their spellings, or the whole address in the street field.
const spelling = fc.record({
  town: fc.constantFrom('Rīga', 'Riga', 'riga', 'RĪGA', 'RIGA', ' rīga '),
  type: fc.constantFrom('iela', 'iela.', 'iel.', 'iel', 'IELA', 'Iela'),
  flat: fc.constantFrom('38', 'dz. 38', 'dz.38', 'dz 38', 'dz38', 'DZ. 38', 'dzīv. 38', '38.'),
  postal: fc.constantFrom('LV-1003', 'lv1003', 'LV 1003', '1003', 'Lv-1003'),
  street: fc.constantFrom('Maskavas', 'maskavas'),
  layout: fc.constantFrom('fields', 'house-flat', 'street-only', 'street-dz'),
  municipality: fc.constantFrom('', 'Rīga', 'riga'),
})

function typed(s: {
  town: string
  type: string
  flat: string
  postal: string
  street: string
  layout: string
  municipality: string
}): AddressInput {
  const number = s.flat.replace(/\D/gu, '')
  const base = { town: s.town, postalCode: s.postal, municipality: s.municipality }
  switch (s.layout) {
    case 'house-flat':
      return { ...base, street: `${s.street} ${s.type}`, house: `39-${number}` }
    case 'street-only':
      return { ...base, street: `${s.street} ${s.type} 39-${number}`, house: '' }
    case 'street-dz':
      return { ...base, street: `${s.street} ${s.type} 39 dz. ${number}`, house: '' }
    default:
      return { ...base, street: `${s.street} ${s.type}`, house: '39', apartment: s.flat }
  }
}

const canonical = {
  street: 'Maskavas iela',
  house: '39',
  apartment: '38',
  town: 'Rīga',
  parish: null,
  municipality: null,
  postalCode: 'LV-1003',
}

describe('address normalisation before storing', () => {
  it('spells every variant of one address the same way (Riga/Rīga, iela/iela., dz./dz, 39-38)', () => {
    fc.assert(
      fc.property(spelling, (s) => {
        expect(validateAddress(typed(s))).toEqual({ ok: true, value: canonical })
      }),
    )
  })

  it('recognises "Riga" without ā as the state city, so no novads is asked for', () => {
    const r = validateAddress({ street: 'Skolas iela', house: '3', town: 'Riga', postalCode: 'LV-1010' })
    expect(r).toMatchObject({ ok: true, value: { town: 'Rīga', municipality: null } })
    for (const city of ['daugavpils', 'JELGAVA', 'Jurmala', 'Liepaja', 'Rezekne', 'ventspils'])
      expect(
        validateAddress({ street: 'Skolas iela', house: '3', town: city, postalCode: 'LV-4001' }).ok,
      ).toBe(true)
    expect(normalizeTown('jurmala')).toBe('Jūrmala')
    // Other towns keep their spelling (and still need their municipality).
    expect(normalizeTown('ogre')).toBe('Ogre')
    expect(
      validateAddress({ street: 'Skolas iela', house: '3', town: 'ogre', postalCode: 'LV-5001' }).ok,
    ).toBe(false)
  })

  it('writes abbreviated type words out (nov., pag., bulv., šos.) and korpuss as k-2', () => {
    expect(
      normalizeAddress({
        street: 'brīvības bulv.',
        house: '12k2',
        town: 'Ogre',
        parish: 'Ogresgala pag.',
        municipality: 'Ogres nov.',
        postalCode: '5001',
      }),
    ).toEqual({
      street: 'Brīvības bulvāris',
      house: '12 k-2',
      apartment: null,
      town: 'Ogre',
      parish: 'Ogresgala pagasts',
      municipality: 'Ogres novads',
      postalCode: 'LV-5001',
    })
    expect(normalizeApartment('dzīvoklis 5a')).toBe('5A')
  })

  it('leaves what it does not recognise as typed, for validation to judge', () => {
    expect(normalizeAddress({ street: '13. janvāra iela', house: 'Ozoli', postalCode: 'x' })).toMatchObject({
      street: '13. janvāra iela',
      house: 'Ozoli',
      postalCode: 'x',
    })
  })

  it('strips every trailing dot and comma from a street at once (a second pass changes nothing)', () => {
    const once = normalizeAddress({ street: '.,', house: 'Rīga', postalCode: 'Rīga' })
    expect(normalizeAddress(once)).toEqual(once)
    expect(normalizeAddress({ street: 'Brīvības iela.,', house: '1', postalCode: 'LV-1010' }).street).toBe(
      'Brīvības iela',
    )
    // Found by a longer run of the property below: each once took two passes to settle.
    for (const a of [
      { street: '', house: '', apartment: '! .', town: 'Rīga', postalCode: 'Rīga' },
      { street: ' . ', house: 'k-2.', parish: 'Rīga', postalCode: 'Rīga' },
      { street: '!', house: '12-5', apartment: 'dz.', town: 'Rīga', postalCode: 'Rīga' },
      { street: 'Ielas iela', house: '12-5a', apartment: '', postalCode: 'LV-1010' },
    ]) {
      const once = normalizeAddress(a)
      expect(normalizeAddress(once)).toEqual(once)
    }
  })

  it('is idempotent on any input and never changes whether an address is valid a second time', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('Rīga', 'riga', 'iela.', 'dz. 5', '12-5', '12 k-2', 'Ogres nov.', 'LV-1010', ''),
    )
    fc.assert(
      fc.property(
        fc.record({
          street: part,
          house: part,
          apartment: part,
          town: part,
          municipality: part,
          postalCode: part,
        }),
        (a) => {
          const once = normalizeAddress(a)
          expect(normalizeAddress(once)).toEqual(once)
          expect(validateAddress(once)).toEqual(validateAddress(a))
        },
      ),
      { numRuns: 500 },
    )
  })
})
