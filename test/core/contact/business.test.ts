import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  registrationCheckDigit,
  validateRegistrationNumber,
  validateVatNumber,
} from '../../../src/core/contact'
import { makeLegacyPersonalCode } from '../../../src/core/personal-code'

// Registration numbers published by the companies themselves (invoices, Lursoft).
const REAL = ['40003000642', '40203108921', '40203041605', '40003032949', '40003074764']

describe('validateRegistrationNumber', () => {
  it.each(REAL)('accepts the published number %s', (n) => {
    expect(validateRegistrationNumber(n)).toEqual({ ok: true, value: n })
  })
  it('tolerates spaces and hyphens and returns the 11 digits', () => {
    expect(validateRegistrationNumber(' 4000 3000 642 ')).toEqual({ ok: true, value: '40003000642' })
  })
  it.each([
    ['', 'empty'],
    ['4000300064', 'length'],
    ['400030006420', 'length'],
    ['4000300064X', 'characters'],
    ['40003000643', 'check-digit'],
    ['161175-19997', 'prefix'],
    ['70003000642', 'prefix'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateRegistrationNumber(input)).toMatchObject({
      ok: false,
      reason,
      messageKey: `validation.registrationNumber.${reason}`,
    })
  })
  it('every number completed by registrationCheckDigit validates; any single-digit change fails', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('4', '5', '9'),
        fc.stringMatching(/^\d{9}$/),
        fc.nat(10),
        fc.integer({ min: 1, max: 9 }),
        (first, rest, pos, delta) => {
          const ten = first + rest
          const check = registrationCheckDigit(ten)
          fc.pre(check !== null)
          const n = `${ten}${check}`
          expect(validateRegistrationNumber(n).ok).toBe(true)
          // Weights 1..10 are invertible mod 11 and |delta| < 11, so a single changed digit always shows.
          const changed = n.slice(0, pos) + String((Number(n[pos]) + delta) % 10) + n.slice(pos + 1)
          expect(validateRegistrationNumber(changed).ok).toBe(false)
        },
      ),
    )
  })
})

describe('validateVatNumber', () => {
  it('accepts LV + a legal entity registration number, normalised', () => {
    expect(validateVatNumber('lv 40003000642')).toEqual({ ok: true, value: 'LV40003000642' })
  })
  it('accepts LV + a natural person’s personal code (legacy and new format)', () => {
    expect(validateVatNumber('LV16117519997')).toEqual({ ok: true, value: 'LV16117519997' })
    expect(validateVatNumber('LV32123456789')).toEqual({ ok: true, value: 'LV32123456789' })
  })
  it.each([
    ['', 'empty'],
    ['EE100931558', 'country'],
    ['40003000642', 'characters'],
    ['LV4000300064', 'length'],
    ['LV4000300064A', 'characters'],
    ['LV40003000643', 'check-digit'],
    ['LV16117519998', 'check-digit'],
  ])('rejects %j with %s', (input, reason) => {
    expect(validateVatNumber(input)).toMatchObject({ ok: false, reason })
  })
  it('accepts every legacy personal code as a person’s VAT number', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2017-06-30'), noInvalidDate: true }),
        fc.nat(999),
        (d, serial) => {
          const code = makeLegacyPersonalCode(d.toISOString().slice(0, 10), serial)!
          expect(validateVatNumber(`LV${code.replace('-', '')}`).ok).toBe(true)
        },
      ),
    )
  })
})
