import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDate, formatDateTime, formatMoney, minutesBetween } from '../../src/core/format'

// Spaces inside amounts are no-break spaces (U+00A0) so an amount never wraps; written out here.
const S = '\u00a0'

describe('money from integer cents', () => {
  it('writes Latvian amounts as 1 234,56 €', () => {
    expect(formatMoney(123456, 'lv')).toBe(`1${S}234,56${S}€`)
    expect(formatMoney(123456, 'lv').replace(/\u00a0/g, ' ')).toBe('1 234,56 €')
  })
  it('pads cents and groups large amounts', () => {
    expect(formatMoney(0, 'lv')).toBe(`0,00${S}€`)
    expect(formatMoney(5, 'lv')).toBe(`0,05${S}€`)
    expect(formatMoney(1051, 'lv')).toBe(`10,51${S}€`)
    expect(formatMoney(123456789, 'lv')).toBe(`1${S}234${S}567,89${S}€`)
    expect(formatMoney(-182, 'lv')).toBe(`-1,82${S}€`)
  })
  it('writes Russian like Latvian and English as €1,234.56', () => {
    expect(formatMoney(123456, 'ru')).toBe(`1${S}234,56${S}€`)
    expect(formatMoney(123456, 'en')).toBe('€1,234.56')
    expect(formatMoney(-100000, 'en')).toBe('-€1,000.00')
  })
  it('refuses fractional cents', () => {
    expect(() => formatMoney(1.5, 'lv')).toThrow(RangeError)
  })
  it('keeps every cent: the digits read back to the same integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        for (const lang of ['lv', 'en', 'ru'] as const) {
          const digits = formatMoney(cents, lang).replace(/[^\d-]/g, '')
          expect(Number(digits)).toBe(cents)
        }
      }),
    )
  })
})

describe('calendar dates', () => {
  it('writes Latvian dates as 26.11.2026.', () => {
    expect(formatDate('2026-11-26', 'lv')).toBe('26.11.2026.')
    expect(formatDate('2026-01-02', 'lv')).toBe('02.01.2026.')
  })
  it('writes Russian as 26.11.2026 and English as 26/11/2026', () => {
    expect(formatDate('2026-11-26', 'ru')).toBe('26.11.2026')
    expect(formatDate('2026-11-26', 'en')).toBe('26/11/2026')
  })
  it('refuses anything but YYYY-MM-DD', () => {
    expect(() => formatDate('26.11.2026', 'lv')).toThrow(RangeError)
  })
})

describe('instants shown in Riga time', () => {
  it('converts UTC to Riga winter and summer time', () => {
    expect(formatDateTime('2026-11-26T12:05:00Z', 'lv')).toBe('26.11.2026. 14:05')
    expect(formatDateTime('2026-07-01T21:30:00Z', 'lv')).toBe('02.07.2026. 00:30')
    expect(formatDateTime('2026-11-26T12:05:00Z', 'ru')).toBe('26.11.2026 14:05')
    expect(formatDateTime('2026-11-26T12:05:00Z', 'en')).toBe('26/11/2026 14:05')
  })
  it('counts whole minutes and never goes negative', () => {
    const now = Date.parse('2026-11-26T12:00:00Z')
    expect(minutesBetween('2026-11-26T11:30:30Z', now)).toBe(29)
    expect(minutesBetween('2026-11-26T12:01:00Z', now)).toBe(0)
  })
})
