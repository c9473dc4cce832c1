import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  energyKWh,
  formatCents,
  mul,
  parseDecimal,
  rational,
  toCents,
  BillingError,
  type InvoiceInput,
  type TariffDataset,
  type EnergyLine,
} from '../../../src/core/billing'
import { addDays, dayNumber, fromDayNumber } from '../../../src/core/calendar'

const base = (over: Partial<InvoiceInput> = {}): InvoiceInput => ({
  period: { from: '2024-03-01', to: '2024-03-31' },
  consumption: { kWh: 53 },
  permittedLoadM3h: '6',
  consumptionGroup: 1,
  tariffs: DEFAULT_TARIFFS,
  prices: DEFAULT_PRICE_LIST,
  ...over,
})

const amounts = (r: ReturnType<typeof computeInvoice>) =>
  Object.fromEntries(r.lines.map((l) => [l.component, formatCents(l.amountCents)]))

describe('computeInvoice: golden cases', () => {
  it('reproduces the DOMAIN.md worked example exactly (2024, 10.55 kWh/m³, 5 m³)', () => {
    const r = computeInvoice(base({ consumption: { volumeM3: 5, calorificValue: '10.55' } }))
    expect(r.energyKWh).toBe(53)
    expect(r.lines.map((l) => [l.component, formatCents(l.amountCents)])).toEqual([
      ['gas', '2.39'],
      ['transmissionExit', '0.10'],
      ['distributionVariable', '1.49'],
      ['distributionFixed', '4.62'],
      ['excise', '0.09'],
    ])
    expect([r.netCents, r.vatPercent, r.vatCents, r.totalCents]).toEqual([869, '21', 182, 1051])
  })

  it('rounds m³ x calorific value to whole kWh, halves up', () => {
    expect(energyKWh(5, '10.55')).toBe(53)
    expect(energyKWh(2, '10.25')).toBe(21) // 20.5
    expect(energyKWh(100, '10.538')).toBe(1054)
    expect(energyKWh(0, '10.538')).toBe(0)
    expect(() => energyKWh(1.5, '10.5')).toThrow(BillingError)
  })

  it('uses the 2023 rates and the consumption group 2 rate', () => {
    const r = computeInvoice(
      base({
        period: { from: '2023-06-01', to: '2023-06-30' },
        consumption: { kWh: 1000 },
        consumptionGroup: 2,
      }),
    )
    // 1000 x 0.045 = 45.00; x 0.0019297 = 1.9297; x 0.0089199 = 8.9199; 3.30; x 0.00165 = 1.65
    expect(amounts(r)).toEqual({
      gas: '45.00',
      transmissionExit: '1.93',
      distributionVariable: '8.92',
      distributionFixed: '3.30',
      excise: '1.65',
    })
    expect(r.netCents).toBe(6080)
    expect(r.vatCents).toBe(1277) // 12.768
    expect(r.totalCents).toBe(7357)
  })

  it('prorates a tariff change inside the period by days (15 Dec 2023 - 14 Jan 2024)', () => {
    const r = computeInvoice(
      base({
        period: { from: '2023-12-15', to: '2024-01-14' },
        consumption: { kWh: 1000 },
        consumptionGroup: 2,
      }),
    )
    const dv = r.lines.filter((l) => l.component === 'distributionVariable') as EnergyLine[]
    // 31 days, 17 under the 2023 tariff: 1000 x 17/31 = 548.39 -> 548 kWh, the rest 452 kWh.
    expect(dv.map((l) => [l.from, l.to, l.kWh, l.rate, l.amountCents])).toEqual([
      ['2023-12-15', '2023-12-31', 548, '8.9199', 489],
      ['2024-01-01', '2024-01-14', 452, '12.1219', 548],
    ])
    // Unchanged rates stay one line over the change date.
    expect(r.lines.filter((l) => l.component === 'gas')).toHaveLength(1)
    expect(r.lines.filter((l) => l.component === 'excise')).toHaveLength(1)
    // Fixed: 3.30 x 17/31 = 1.8097 -> 1.81 in December; 4.62 x 14/31 = 2.0865 -> 2.09 in January.
    const fixed = r.lines.filter((l) => l.component === 'distributionFixed')
    expect(fixed.map((l) => [l.from, l.to, l.amountCents])).toEqual([
      ['2023-12-15', '2023-12-31', 181],
      ['2024-01-01', '2024-01-14', 209],
    ])
  })

  it('from 2026 a 4 m³/h meter falls in the <= 4 band and a 5 m³/h meter in 4.1-6', () => {
    const p = { from: '2026-02-01', to: '2026-02-28' }
    const band = (load: string) => {
      const l = computeInvoice(base({ period: p, permittedLoadM3h: load })).lines.find(
        (x) => x.kind === 'fixed',
      )
      return l && l.kind === 'fixed' ? l.band : null
    }
    expect(band('4')).toEqual({ index: 0, minExclusiveM3h: null, maxLoadM3h: '4' })
    expect(band('4.1')).toEqual({ index: 1, minExclusiveM3h: '4', maxLoadM3h: '6' })
    expect(band('6')).toEqual({ index: 1, minExclusiveM3h: '4', maxLoadM3h: '6' })
    expect(band('6.1')).toEqual({ index: 2, minExclusiveM3h: '6', maxLoadM3h: '10' })
    expect(() => computeInvoice(base({ period: p, permittedLoadM3h: '16' }))).toThrow(/load-band/)
  })

  it('refuses periods without a tariff, reversed periods and fractional kWh', () => {
    expect(() => computeInvoice(base({ period: { from: '2022-12-01', to: '2022-12-31' } }))).toThrow(
      /no-tariff/,
    )
    expect(() => computeInvoice(base({ period: { from: '2024-03-02', to: '2024-03-01' } }))).toThrow(/period/)
    expect(() => computeInvoice(base({ consumption: { kWh: 1.5 } }))).toThrow(/quantity/)
    expect(() => computeInvoice(base({ period: { from: '2024-02-30', to: '2024-03-01' } }))).toThrow(
      RangeError,
    )
  })

  it('a zero-consumption month still bills the fixed part and shows zero energy lines', () => {
    const r = computeInvoice(base({ consumption: { kWh: 0 } }))
    expect(r.lines.map((l) => l.amountCents)).toEqual([0, 0, 0, 462, 0])
    expect(r.totalCents).toBe(462 + 97)
  })
})

// --- properties --------------------------------------------------------------------------------------

const day = fc.integer({ min: dayNumber('2023-01-01'), max: dayNumber('2026-12-31') }).map(fromDayNumber)
const periodArb = fc
  .tuple(day, fc.integer({ min: 0, max: 95 }))
  .map(([from, len]) => ({ from, to: addDays(from, len) }))
  .filter((p) => p.to <= '2026-12-31')
const inputArb = fc.record({
  period: periodArb,
  kWh: fc.integer({ min: 0, max: 60_000 }),
  load: fc.constantFrom('2.5', '4', '5', '6', '8', '10'),
  group: fc.constantFrom(1 as const, 2 as const),
})

type Gen = typeof inputArb extends fc.Arbitrary<infer T> ? T : never
const run = (x: Gen, tariffs = DEFAULT_TARIFFS) =>
  computeInvoice(
    base({
      period: x.period,
      consumption: { kWh: x.kWh },
      permittedLoadM3h: x.load,
      consumptionGroup: x.group,
      tariffs,
    }),
  )

describe('computeInvoice: properties', () => {
  it('net is the sum of the rounded lines, VAT is 21 % of the net rounded once, total = net + VAT', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const r = run(x)
        expect(r.netCents).toBe(r.lines.reduce((s, l) => s + l.amountCents, 0))
        expect(r.vatCents).toBe(Math.round((r.netCents * 21) / 100))
        expect(r.vatCents).toBe(toCents(mul(rational(r.netCents, 100), rational(21, 100))))
        expect(r.totalCents).toBe(r.netCents + r.vatCents)
      }),
    )
  })

  it('each energy line is its kWh x unit price rounded to cents, and every component bills all the kWh', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const r = run(x)
        for (const c of ['gas', 'transmissionExit', 'distributionVariable', 'excise']) {
          const ls = r.lines.filter((l) => l.component === c) as EnergyLine[]
          expect(ls.length).toBeGreaterThan(0)
          expect(ls.reduce((s, l) => s + l.kWh, 0)).toBe(x.kWh)
          for (const l of ls)
            expect(l.amountCents).toBe(toCents(mul(rational(l.kWh), parseDecimal(l.unitPricePerKWh))))
        }
      }),
    )
  })

  it('the fixed part of a whole month is exactly the monthly fee; partial months are prorated by days', () => {
    fc.assert(
      fc.property(inputArb, (x) => {
        const r = run(x)
        for (const l of r.lines) {
          if (l.kind !== 'fixed') continue
          const exact = mul(parseDecimal(l.perMonth), rational(l.days, l.daysInMonth))
          expect(Math.abs(l.amountCents - toCents(exact))).toBeLessThanOrEqual(1)
          if (l.days === l.daysInMonth) expect(l.amountCents).toBe(toCents(parseDecimal(l.perMonth)))
        }
        const fixedDays = r.lines
          .filter((l) => l.kind === 'fixed')
          .reduce((s, l) => s + (l.kind === 'fixed' ? l.days : 0), 0)
        expect(fixedDays).toBe(dayNumber(x.period.to) - dayNumber(x.period.from) + 1)
      }),
    )
  })

  it('a tariff “change” that changes nothing leaves the invoice exactly as it was (proration sums to the whole)', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 95 }), (x, offset) => {
        const at = addDays(x.period.from, offset)
        const periods = DEFAULT_TARIFFS.periods
        const current = [...periods].reverse().find((p) => p.from <= at)!
        fc.pre(!periods.some((p) => p.from === at))
        const republished: TariffDataset = {
          ...DEFAULT_TARIFFS,
          periods: [...periods, { ...current, from: at, source: 'identical re-publication' }].sort((a, b) =>
            a.from < b.from ? -1 : 1,
          ),
        }
        expect(run(x, republished)).toEqual(run(x))
      }),
    )
  })

  it('at a change date the old rate applies up to the day before and the new rate from that day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 50_000 }),
        (before, after, kWh) => {
          const change = '2024-01-01'
          const r = computeInvoice(
            base({
              period: { from: addDays(change, -before), to: addDays(change, after) },
              consumption: { kWh },
              consumptionGroup: 2,
            }),
          )
          const dv = r.lines.filter((l) => l.component === 'distributionVariable') as EnergyLine[]
          const old = dv.find((l) => l.rate === '8.9199')
          const neu = dv.find((l) => l.rate === '12.1219')
          const total = before + after + 1
          // kWh shared by days: each side within one kWh of its exact share, together all of it.
          const oldKWh = old?.kWh ?? 0
          expect(Math.abs(oldKWh * total - kWh * before)).toBeLessThanOrEqual(total)
          expect(oldKWh + (neu?.kWh ?? 0)).toBe(kWh)
          if (old) expect([old.from, old.to]).toEqual([addDays(change, -before), addDays(change, -1)])
          if (neu) expect([neu.from, neu.to]).toEqual([change, addDays(change, after)])
        },
      ),
    )
  })

  it('splitting a period in two never loses or invents more than a cent per line against one invoice', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 1, max: 95 }), (x, cutOffset) => {
        const cut = addDays(x.period.from, cutOffset)
        fc.pre(cut <= x.period.to)
        const whole = run(x)
        const firstDays = cutOffset
        const totalDays = dayNumber(x.period.to) - dayNumber(x.period.from) + 1
        const k1 = Math.round((x.kWh * firstDays) / totalDays)
        const a = run({ ...x, period: { from: x.period.from, to: addDays(cut, -1) }, kWh: k1 })
        const b = run({ ...x, period: { from: cut, to: x.period.to }, kWh: x.kWh - k1 })
        expect(a.energyKWh + b.energyKWh).toBe(whole.energyKWh)
        const bound = whole.lines.length + a.lines.length + b.lines.length
        expect(Math.abs(a.netCents + b.netCents - whole.netCents)).toBeLessThanOrEqual(bound)
      }),
    )
  })
})
