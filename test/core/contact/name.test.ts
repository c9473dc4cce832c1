import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { validateCompanyName, validateName } from '../../../src/core/contact'

describe('validateName', () => {
  it.each([
    ['Jānis', 'Jānis'],
    ['  Bērziņš  ', 'Bērziņš'],
    ['Anna-Marija', 'Anna-Marija'],
    ['Anna - Marija', 'Anna-Marija'],
    ["O'Brien", 'O’Brien'],
    ['Ģirts  Ķēniņš', 'Ģirts Ķēniņš'],
    ['Александр Ёлкин', 'Александр Ёлкин'],
    ['Zoë Ødegård', 'Zoë Ødegård'],
  ])('accepts %j as %j', (input, value) => {
    expect(validateName(input)).toEqual({ ok: true, value })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['J4nis', 'characters'],
    ['Jānis 😀', 'characters'],
    ['Jānis.', 'characters'],
    ['-Jānis', 'format'],
    ['Jānis-', 'format'],
    ['Anna--Marija', 'format'],
    ['王小明', 'format'],
    ['a'.repeat(101), 'too-long'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateName(input)).toMatchObject({ ok: false, reason, messageKey: `validation.name.${reason}` })
  })

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const r = validateName(s)
        if (r.ok) expect(validateName(r.value)).toEqual(r)
      }),
    )
  })
})

describe('validateCompanyName', () => {
  it('keeps registered names with quotes, digits and ampersands', () => {
    expect(validateCompanyName(' SIA  “Ozols & Co 2” ')).toEqual({ ok: true, value: 'SIA “Ozols & Co 2”' })
  })
  it('rejects control characters, empty and overlong names', () => {
    expect(validateCompanyName('SIA\u0000X')).toMatchObject({ ok: false, reason: 'characters' })
    expect(validateCompanyName(' ')).toMatchObject({ ok: false, reason: 'empty' })
    expect(validateCompanyName('x'.repeat(201))).toMatchObject({ ok: false, reason: 'too-long' })
  })
})
