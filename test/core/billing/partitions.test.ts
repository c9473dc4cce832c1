import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  energyKWh,
  energyKWhParts,
  type FixedLine,
  type InvoiceInput,
} from '../../../src/core/billing'
import { addDays, lastDayOfMonth } from '../../../src/core/calendar'

const base = (over: Partial<InvoiceInput> = {}): InvoiceInput => ({
  period: { from: '2024-02-01', to: '2024-02-29' },
  consumption: { kWh: 100 },
  permittedLoadM3h: '6',
  consumptionGroup: 1,
  tariffs: DEFAULT_TARIFFS,
  prices: DEFAULT_PRICE_LIST,
  ...over,
})
const fixedCents = (input: InvoiceInput): number =>
  computeInvoice(input)
    .lines.filter((l): l is FixedLine => l.kind === 'fixed')
    .reduce((s, l) => s + l.amountCents, 0)

const monthArb = fc
  .tuple(fc.integer({ min: 2023, max: 2026 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)

describe('distribution fixed part shared between invoices of one month', () => {
  it('two customers of a 28-day month at 4.62 pay 1.16 + 3.46, not 1.16 + 3.47 (a half cent rounded up twice)', () => {
    // 4.62 x 7/28 = 1.155 and 4.62 x 21/28 = 3.465: rounded on their own they make 4.63.
    // The 2023 fee 3.30 has the same trap: 0.825 + 2.475.
    const first = fixedCents(base({ period: { from: '2023-02-01', to: '2023-02-07' } }))
    const second = fixedCents(base({ period: { from: '2023-02-08', to: '2023-02-28' } }))
    expect(first + second).toBe(330)
    const a = fixedCents(base({ period: { from: '2025-02-01', to: '2025-02-07' } }))
    const b = fixedCents(base({ period: { from: '2025-02-08', to: '2025-02-28' } }))
    expect([a, b]).toEqual([116, 346])
  })

  it('any partition of a month into consecutive periods bills exactly the monthly fee in total', () => {
    fc.assert(
      fc.property(
        monthArb,
        fc.uniqueArray(fc.integer({ min: 2, max: 31 }), { maxLength: 4 }),
        fc.constantFrom('2.5', '4', '5', '6', '8', '10'),
        (month, cutDays, load) => {
          const last = lastDayOfMonth(month)
          const cuts = cutDays
            .map((d) => `${month}-${String(d).padStart(2, '0')}`)
            .filter((d) => d <= last)
            .sort()
          const starts = [`${month}-01`, ...cuts]
          const total = starts.reduce((sum, from, i) => {
            const to = i + 1 < starts.length ? addDays(starts[i + 1], -1) : last
            return sum + fixedCents(base({ period: { from, to }, permittedLoadM3h: load }))
          }, 0)
          expect(total).toBe(
            fixedCents(base({ period: { from: `${month}-01`, to: last }, permittedLoadM3h: load })),
          )
        },
      ),
    )
  })

  it('a load change inside the period (a meter of another size) splits the fixed part by days', () => {
    const r = computeInvoice(
      base({
        period: { from: '2026-03-01', to: '2026-03-31' },
        permittedLoadM3h: '6',
        loadChanges: [{ from: '2026-03-11', permittedLoadM3h: '10' }],
      }),
    )
    const fixed = r.lines.filter((l): l is FixedLine => l.kind === 'fixed')
    // 4.62 x 10/31 = 1.4903 -> 1.49; cumulative 1.4903 + 12.31 x 21/31 = 9.8294 -> 9.83, so 8.34.
    expect(fixed.map((l) => [l.from, l.to, l.perMonth, l.amountCents])).toEqual([
      ['2026-03-01', '2026-03-10', '4.62', 149],
      ['2026-03-11', '2026-03-31', '12.31', 834],
    ])
    expect(() =>
      computeInvoice(base({ loadChanges: [{ from: '2024-02-10', permittedLoadM3h: 'x' }] })),
    ).toThrow()
  })
})

describe('energyKWhParts', () => {
  it('shares the kWh of consecutive volumes so they add up to the kWh of the total volume', () => {
    // 7 m³ and 7 m³ at 10.55: 73.85 -> 74 alone, but 14 m³ -> 147.7 -> 148, so 74 + 74.
    expect(energyKWhParts([7, 7], '10.55')).toEqual([74, 74])
    // 1 m³ and 1 m³ at 10.5: 10.5 -> 11 each alone would make 22; the total is 21.
    expect(energyKWhParts([1, 1], '10.5')).toEqual([11, 10])
  })
  it('parts add up to energyKWh of the sum, the first part is energyKWh of itself, each within 1 kWh', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 95_000, max: 115_000 }).map((n) => (n / 10_000).toFixed(4)),
        (volumes, cv) => {
          const parts = energyKWhParts(volumes, cv)
          const sum = volumes.reduce((a, b) => a + b, 0)
          expect(parts.reduce((a, b) => a + b, 0)).toBe(energyKWh(sum, cv))
          expect(parts[0]).toBe(energyKWh(volumes[0], cv))
          volumes.forEach((v, i) => expect(Math.abs(parts[i] - v * Number(cv))).toBeLessThanOrEqual(1))
        },
      ),
    )
  })
})
