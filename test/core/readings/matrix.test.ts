import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import {
  allFindingMessageKeys,
  OUT_OF_WINDOW_REASONS,
  outOfWindowReasonKey,
  severityOf,
  validateReading,
  type FindingCode,
} from '../../../src/core/readings'
import { holidaysOfYear } from '../../../src/core/calendar'
import { G4, monthlyHistory } from './helpers'

const resolve = (messages: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages)
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('messages in LV, EN and RU', () => {
  const keys = [
    ...allFindingMessageKeys(),
    ...OUT_OF_WINDOW_REASONS.map(outOfWindowReasonKey),
    ...[...new Set(holidaysOfYear(2023).map((h) => `calendar.holiday.${h.key}`))],
    'calendar.holiday.papalVisit2018',
  ]
  it('every finding, reason and holiday has a message in all three languages with the same placeholders', () => {
    for (const key of keys) {
      const texts = [lv, en, ru].map((m) => resolve(m, key))
      for (const t of texts) expect(typeof t, key).toBe('string')
      const [a, b, c] = texts.map((t) => placeholders(t as string))
      expect(b, key).toEqual(a)
      expect(c, key).toEqual(a)
    }
  })
})

// Random readings against a steady 100 m³/month history ending with period 2025-12.
const history = monthlyHistory('2024-12', 10_000, Array(12).fill(100)) // last value 11_200
const confirmable: FindingCode[] = ['rollover', 'consumption-high', 'consumption-low', 'zero-streak']
const candidate = fc.record({
  value: fc.oneof(fc.integer({ min: -5, max: 100_005 }), fc.double({ min: 0, max: 100_000, noNaN: true })),
  day: fc.integer({ min: 20, max: 31 }),
  reason: fc.constantFrom(undefined, ...OUT_OF_WINDOW_REASONS),
  correction: fc.constantFrom(undefined, 'slip misread'),
  confirmed: fc.subarray(confirmable),
})

describe('validation matrix properties', () => {
  it('severity, blocking, confirmation and saving always agree', () => {
    fc.assert(
      fc.property(candidate, ({ value, day, reason, correction, confirmed }) => {
        const at = `2026-01-${String(day).padStart(2, '0')}T10:00:00Z`
        const v = validateReading(
          { value, at, outOfWindowReason: reason, correctionReason: correction, confirmed },
          { meter: G4, readings: history },
        )
        for (const f of v.findings) expect(f.severity).toBe(severityOf(f.code))
        expect(v.blocked).toBe(v.findings.some((f) => f.severity === 'block'))
        const open = v.findings.filter((f) => f.severity === 'warn' && !confirmed.includes(f.code))
        expect(v.needsConfirmation).toEqual([...new Set(open.map((f) => f.code))])
        expect(v.canSave).toBe(!v.blocked && open.length === 0)
        expect(v.outOfWindow).toBe(v.period === null)
        if (v.outOfWindow && !reason) expect(v.blocked).toBe(true)
        if (!Number.isInteger(value) || value < 0 || value >= 100_000) expect(v.canSave).toBe(false)
        if (v.canSave && v.consumptionM3 !== null) {
          expect(v.consumptionM3).toBeGreaterThanOrEqual(0)
          expect(v.consumptionM3).toBeLessThanOrEqual(144 * 31)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('a value at or above the last actual reading never triggers the lower-than or rollover rules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11_200, max: 99_999 }), (value) => {
        const v = validateReading({ value, at: '2026-01-28T10:00:00Z' }, { meter: G4, readings: history })
        const c = v.findings.map((f) => f.code)
        expect(c).not.toContain('lower-than-last-actual')
        expect(c).not.toContain('rollover')
        expect(v.consumptionM3).toBe(value - 11_200)
        expect(c.includes('exceeds-max-flow')).toBe(value - 11_200 > 144 * 31)
      }),
    )
  })
})
