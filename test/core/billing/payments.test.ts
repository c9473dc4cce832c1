import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  buildEpcQrPayload,
  daysLate,
  formatIban,
  formatInvoiceNumber,
  ibanCheckDigits,
  isCreditorReference,
  lateInterestCents,
  parseInvoiceNumber,
  paymentDueDate,
  validateIban,
} from '../../../src/core/billing'

describe('due dates and late interest', () => {
  it('payment is due on the 20th of the month after supply, also across the year end', () => {
    expect(paymentDueDate('2024-03')).toBe('2024-04-20')
    expect(paymentDueDate('2024-12')).toBe('2025-01-20')
    expect(() => paymentDueDate('2024-13')).toThrow(/period/)
  })
  it('charges 0.15 % a day for each day after the due date, rounded once', () => {
    expect(daysLate('2024-04-20', '2024-04-20')).toBe(0)
    expect(daysLate('2024-04-20', '2024-04-19')).toBe(0)
    expect(lateInterestCents(10_000, '2024-04-20', '2024-04-30')).toBe(150) // 100.00 x 0.0015 x 10
    expect(lateInterestCents(1051, '2024-04-20', '2024-04-23')).toBe(5) // 10.51 x 0.0045 = 0.0473
    expect(lateInterestCents(10_000, '2024-04-20', '2024-04-20')).toBe(0)
  })
  it('interest grows with the days late and never goes negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        (amount, days) => {
          const paid = new Date(Date.UTC(2024, 3, 20 + days)).toISOString().slice(0, 10)
          const i = lateInterestCents(amount, '2024-04-20', paid)
          expect(i).toBeGreaterThanOrEqual(0)
          expect(Math.abs(i * 10_000 - amount * 15 * days)).toBeLessThanOrEqual(5_000)
        },
      ),
    )
  })
})

describe('invoice numbering', () => {
  const series = { prefix: 'GD', width: 6 }
  it('formats prefix, year and the allocated sequence, and parses it back', () => {
    expect(formatInvoiceNumber(series, 2025, 42)).toBe('GD-2025-000042')
    expect(parseInvoiceNumber(series, 'GD-2025-000042')).toEqual({ year: 2025, sequence: 42 })
    expect(parseInvoiceNumber(series, 'GD-2025-42')).toBeNull()
    expect(parseInvoiceNumber(series, 'XX-2025-000042')).toBeNull()
  })
  it('never truncates or invents: a sequence that does not fit, zero or a fraction is refused', () => {
    expect(() => formatInvoiceNumber(series, 2025, 1_000_000)).toThrow(/sequence/)
    expect(() => formatInvoiceNumber(series, 2025, 0)).toThrow(/sequence/)
    expect(() => formatInvoiceNumber(series, 2025, 1.5)).toThrow(/sequence/)
    expect(() => formatInvoiceNumber({ prefix: 'gd', width: 6 }, 2025, 1)).toThrow(/series/)
  })
  it('round-trips every sequence that fits and keeps numbers in sequence order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 1, max: 999_999 }), (a, b) => {
        const na = formatInvoiceNumber(series, 2025, a)
        expect(parseInvoiceNumber(series, na)).toEqual({ year: 2025, sequence: a })
        expect(Math.sign(na.localeCompare(formatInvoiceNumber(series, 2025, b)))).toBe(Math.sign(a - b))
      }),
    )
  })
})

describe('IBAN', () => {
  it('accepts the registry example for Latvia in any spacing and formats it in groups of four', () => {
    expect(validateIban('lv80 bank 0000 4351 9500 1')).toEqual({ ok: true, value: 'LV80BANK0000435195001' })
    expect(formatIban('LV80BANK0000435195001')).toBe('LV80 BANK 0000 4351 9500 1')
    expect(validateIban('DE89370400440532013000').ok).toBe(true)
  })
  it.each([
    ['', 'empty'],
    ['LV80BANK000043519500!', 'characters'],
    ['XX80BANK0000435195001', 'country'],
    ['LV80BANK000043519500', 'length'],
    ['LV81BANK0000435195001', 'checksum'],
    ['LV801234000043519500X', 'characters'],
  ])('rejects %j with %s', (iban, reason) => {
    expect(validateIban(iban)).toMatchObject({ ok: false, reason, messageKey: `validation.iban.${reason}` })
  })
  it('detects every single-character change and every swap of neighbouring different digits', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z]{4}\d{13}$/),
        fc.integer({ min: 4, max: 20 }),
        fc.integer({ min: 1, max: 9 }),
        (bban, pos, delta) => {
          const iban = `LV${ibanCheckDigits('LV', bban)}${bban}`
          expect(validateIban(iban).ok).toBe(true)
          const ch = iban[pos]
          if (/\d/.test(ch)) {
            const changed = iban.slice(0, pos) + String((Number(ch) + delta) % 10) + iban.slice(pos + 1)
            expect(validateIban(changed).ok).toBe(false)
          }
          if (pos < 20 && /\d/.test(iban[pos]) && /\d/.test(iban[pos + 1]) && iban[pos] !== iban[pos + 1]) {
            const swapped = iban.slice(0, pos) + iban[pos + 1] + iban[pos] + iban.slice(pos + 2)
            expect(validateIban(swapped).ok).toBe(false)
          }
        },
      ),
    )
  })
})

describe('EPC QR payload', () => {
  it('builds the EPC069-12 version 002 payload with the subscriber number as remittance text', () => {
    const payload = buildEpcQrPayload({
      bic: 'HABALV22',
      name: 'AS Gāzes tirgotājs',
      iban: 'LV80 BANK 0000 4351 9500 1',
      amountCents: 1051,
      remittance: 'Abonenta Nr. 100234567',
    })
    expect(payload.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      'HABALV22',
      'AS Gāzes tirgotājs',
      'LV80BANK0000435195001',
      'EUR10.51',
      '',
      '',
      'Abonenta Nr. 100234567',
    ])
  })
  it('puts a structured RF reference in its own field and omits trailing empty fields', () => {
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true)
    expect(isCreditorReference('RF19 5390 0754 7034')).toBe(false)
    const p = buildEpcQrPayload({
      name: 'X',
      iban: 'LV80BANK0000435195001',
      amountCents: 100_000,
      reference: 'RF18539007547034',
    })
    expect(p).toBe('BCD\n002\n1\nSCT\n\nX\nLV80BANK0000435195001\nEUR1000.00\n\nRF18539007547034')
  })
  it('refuses what a banking app would reject', () => {
    const ok = { name: 'X', iban: 'LV80BANK0000435195001', amountCents: 100 }
    expect(() => buildEpcQrPayload({ ...ok, iban: 'LV81BANK0000435195001' })).toThrow(/epc-field/)
    expect(() => buildEpcQrPayload({ ...ok, amountCents: 0 })).toThrow(/amount/)
    expect(() => buildEpcQrPayload({ ...ok, amountCents: 100_000_000_000 })).toThrow(/amount/)
    expect(() => buildEpcQrPayload({ ...ok, name: ' ' })).toThrow(/name/)
    expect(() => buildEpcQrPayload({ ...ok, name: 'x'.repeat(71) })).toThrow(/name/)
    expect(() => buildEpcQrPayload({ ...ok, reference: 'RF18539007547034', remittance: 'x' })).toThrow(
      /not both/,
    )
    expect(() => buildEpcQrPayload({ ...ok, reference: '12345' })).toThrow(/RF/)
    expect(() => buildEpcQrPayload({ ...ok, remittance: 'x'.repeat(141) })).toThrow(/remittance/)
    expect(() => buildEpcQrPayload({ ...ok, bic: 'HABA' })).toThrow(/BIC/)
  })
})
