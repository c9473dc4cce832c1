import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { normalizePhone, phoneSearchDigits } from '../../../src/core/contact'

describe('normalizePhone', () => {
  it.each([
    '2612 3456',
    '26123456',
    '+371 26123456',
    '+37126123456',
    '00371 26123456',
    '(+371) 2612-3456',
    '371 2612 3456',
    ' +371 26 12 34 56 ',
  ])('accepts the common Latvian spelling %j as +37126123456', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: '+37126123456' })
  })

  it('accepts landlines starting with 6', () => {
    expect(normalizePhone('67 123 456')).toEqual({ ok: true, value: '+37167123456' })
  })

  it.each([
    ['', 'empty'],
    ['2612345', 'national-format'],
    ['+371 2612345', 'lv-length'],
    ['+371 261234567', 'lv-length'],
    ['+371 36123456', 'lv-prefix'],
    ['36123456', 'lv-prefix'],
    ['2612 3456 ext', 'characters'],
    ['26+123456', 'characters'],
    ['++37126123456', 'characters'],
    ['+0 123456789', 'country-code'],
    ['+44 20', 'foreign-length'],
    ['+1234567890123456', 'foreign-length'],
  ])('rejects %j with %s', (input, reason) => {
    const r = normalizePhone(input)
    expect(r).toMatchObject({ ok: false, reason, messageKey: `validation.phone.${reason}` })
  })

  it('accepts foreign numbers in E.164 with their country code', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' })
    expect(normalizePhone('0049 30 1234567')).toEqual({ ok: true, value: '+49301234567' })
  })

  const lvNational = fc.tuple(fc.constantFrom('2', '6'), fc.stringMatching(/^\d{7}$/)).map(([a, b]) => a + b)
  const spelled = lvNational.chain((n) =>
    fc.constantFrom(
      n,
      `${n.slice(0, 4)} ${n.slice(4)}`,
      `+371 ${n}`,
      `+371${n}`,
      `00371 ${n}`,
      `(+371) ${n.slice(0, 4)}-${n.slice(4)}`,
    ),
  )

  it('every accepted Latvian number is +371 and 8 digits starting with 2 or 6', () => {
    fc.assert(
      fc.property(fc.oneof(spelled, fc.stringMatching(/^[+0-9 ()-]{0,20}$/)), (input) => {
        const r = normalizePhone(input)
        if (r.ok && r.value.startsWith('+371')) expect(r.value).toMatch(/^\+371[26]\d{7}$/)
        if (r.ok) expect(r.value).toMatch(/^\+[1-9]\d{7,14}$/)
      }),
    )
  })

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(spelled, fc.stringMatching(/^[+0-9 ()-]{0,20}$/)), (input) => {
        const r = normalizePhone(input)
        if (r.ok) expect(normalizePhone(r.value)).toEqual(r)
      }),
    )
  })

  it('every spelling of a Latvian number normalises to the same value', () => {
    fc.assert(
      fc.property(lvNational, (n) => {
        for (const s of [n, `+371 ${n}`, `00371${n}`, `(+371) ${n.slice(0, 4)}-${n.slice(4)}`]) {
          expect(normalizePhone(s)).toEqual({ ok: true, value: `+371${n}` })
        }
      }),
    )
  })
})

describe('phoneSearchDigits', () => {
  it('reduces every Latvian spelling to the 8 national digits', () => {
    for (const s of ['2612 3456', '+37126123456', '00371 26123456', '(+371) 2612-3456']) {
      expect(phoneSearchDigits(s)).toBe('26123456')
    }
  })
  it('keeps fragments usable for search-as-you-type', () => {
    expect(phoneSearchDigits('2612')).toBe('2612')
    expect(phoneSearchDigits('+371 26')).toBe('26')
    expect(phoneSearchDigits('+44 20 7946')).toBe('44207946')
  })
  it('agrees with normalizePhone for Latvian numbers', () => {
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom('2', '6'), fc.stringMatching(/^\d{7}$/)), ([a, b]) => {
        const r = normalizePhone(a + b)
        expect(r.ok && phoneSearchDigits(r.value)).toBe(a + b)
      }),
    )
  })
})
