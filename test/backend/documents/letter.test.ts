import { describe, expect, it } from 'vitest'
import { loadSeller } from '../../../src/backend/documents'
import { letterDate, letterPlace } from '../../../src/backend/documents/letter'
import { envelopeLines } from '../../../src/backend/services/customers/welcome'
import { RESOURCES } from './helpers'

describe('a letter is dated as letters are in each language', () => {
  const seller = loadSeller(RESOURCES)

  it('Latvian: "Rīgā, 2026. gada 2. decembrī" (the month in the locative, the day without a leading zero)', () => {
    expect(letterDate('lv', '2026-12-02', letterPlace(seller, 'lv'))).toBe('Rīgā, 2026. gada 2. decembrī')
    expect(letterDate('lv', '2027-01-01', 'Rīgā')).toBe('Rīgā, 2027. gada 1. janvārī')
    expect(letterDate('lv', '2026-03-15', 'Rīgā')).toBe('Rīgā, 2026. gada 15. martā')
  })

  it('English and Russian', () => {
    expect(letterDate('en', '2026-12-02', letterPlace(seller, 'en'))).toBe('Riga, 2 December 2026')
    expect(letterDate('ru', '2026-12-02', letterPlace(seller, 'ru'))).toBe('Рига, 2 декабря 2026 г.')
  })

  it("falls back to the legal address's town when the seller names no place", () => {
    expect(letterPlace({ ...seller, letterPlace: undefined }, 'en')).toBe('Rīga')
  })

  it('puts an address on envelope lines: street, then town with the postal code', () => {
    expect(envelopeLines('Brīvības iela 77-3, Rīga, LV-1001')).toEqual([
      'Brīvības iela 77-3',
      'Rīga, LV-1001',
    ])
    expect(envelopeLines('“Kalnieši”, Ķekava, Ķekavas nov., LV-2123')).toEqual([
      '“Kalnieši”',
      'Ķekava',
      'Ķekavas nov., LV-2123',
    ])
    expect(envelopeLines(null)).toEqual([])
  })
})
