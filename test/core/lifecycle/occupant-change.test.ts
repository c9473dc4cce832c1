import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  computeInvoice,
  DEFAULT_PRICE_LIST,
  DEFAULT_TARIFFS,
  energyKWh,
  ENERGY_COMPONENTS,
  type InvoiceCalculation,
  type TariffDataset,
} from '../../../src/core/billing'
import { addDays, lastDayOfMonth } from '../../../src/core/calendar'
import {
  estimatedFinalReading,
  planOccupantChange,
  splitSharedPeriod,
  type MeterSpan,
  type OccupantChangeInput,
  type SharedPeriodPart,
} from '../../../src/core/lifecycle'
import { G4, monthlyHistory, reading } from '../readings/helpers'

const plan = (over: Partial<OccupantChangeInput>) =>
  planOccupantChange({
    today: '2025-03-20',
    meter: G4,
    moveOut: { date: '2025-03-15', value: 4520, estimated: false },
    ...over,
  })
const codes = (r: ReturnType<typeof plan>) => (r.ok ? [] : r.problems.map((p) => p.code))

describe('planOccupantChange', () => {
  it('same-day handover: one reading ends the outgoing supply with that day and starts the incoming the next', () => {
    const r = plan({ moveIn: { date: '2025-03-15', value: null } })
    expect(r).toEqual({
      ok: true,
      value: {
        outgoing: {
          lastSupplyDay: '2025-03-15',
          finalReading: { date: '2025-03-15', value: 4520, estimated: false },
        },
        incoming: {
          firstSupplyDay: '2025-03-16',
          openingReading: { date: '2025-03-15', value: 4520, estimated: false },
          sameReading: true,
        },
        vacancy: null,
        estimateReplaced: false,
        finalEstimateTooHigh: false,
      },
    })
    // Typing the same value again is the same reading; another value on the same day is refused.
    expect(plan({ moveIn: { date: '2025-03-15', value: 4520 } }).ok).toBe(true)
    expect(codes(plan({ moveIn: { date: '2025-03-15', value: 4521 } }))).toEqual([
      'opening-differs-from-final',
    ])
  })

  it('an estimated final reading gives way to the incoming customer’s actual reading of the same day', () => {
    const r = plan({
      moveOut: { date: '2025-03-15', value: 4530, estimated: true },
      moveIn: { date: '2025-03-15', value: 4522 },
    })
    expect(r.ok && r.value.outgoing.finalReading).toEqual({
      date: '2025-03-15',
      value: 4522,
      estimated: false,
    })
    expect(r.ok && r.value.estimateReplaced).toBe(true)
  })

  it('a later move-in leaves a vacancy with its own days and m³, billed to neither customer', () => {
    const r = plan({ moveIn: { date: '2025-03-19', value: 4523 } })
    expect(r.ok && r.value.vacancy).toEqual({ from: '2025-03-16', to: '2025-03-19', days: 4, m3: 3 })
    expect(r.ok && r.value.incoming?.firstSupplyDay).toBe('2025-03-20')
    expect(codes(plan({ moveIn: { date: '2025-03-19', value: null } }))).toEqual(['opening-required'])
    expect(codes(plan({ moveIn: { date: '2025-03-19', value: 4000 } }))).toEqual(['opening-below-final'])
    const high = plan({
      moveOut: { date: '2025-03-15', value: 4530, estimated: true },
      moveIn: { date: '2025-03-19', value: 4525 },
    })
    expect(high.ok && [high.value.finalEstimateTooHigh, high.value.vacancy?.m3]).toEqual([true, -5])
  })

  it('no one moving in yet: an open vacancy; dates in the future and a move-in before the move-out are refused', () => {
    const r = plan({ moveIn: null })
    expect(r.ok && r.value.vacancy).toEqual({ from: '2025-03-16', to: null, days: null, m3: null })
    expect(codes(plan({ moveOut: { date: '2025-03-21', value: 1, estimated: false } }))).toEqual([
      'reading-in-future',
    ])
    expect(codes(plan({ moveIn: { date: '2025-03-14', value: 4520 } }))).toEqual(['move-in-before-move-out'])
  })
})

describe('estimatedFinalReading', () => {
  it('estimates from the premise’s history and flags it; without history the desk needs a reading', () => {
    const history = monthlyHistory('2024-01', 5000, [90, 80, 60, 30, 15, 10, 10, 15, 40, 70, 95, 100, 92])
    const r = estimatedFinalReading(history, '2025-03-15', G4)
    expect(r.ok && [r.value.date, r.value.value, r.value.estimated, r.value.basis.m3]).toEqual([
      '2025-03-15',
      5746,
      true,
      39,
    ])
    const none = estimatedFinalReading([reading('2025-02', '2025-02-28', 7)], '2025-03-15', G4)
    expect(none.ok ? [] : none.problems.map((p) => [p.code, p.field])).toEqual([
      ['no-history-for-estimate', 'moveOut.value'],
    ])
  })
})

// --- the month shared by two customers -----------------------------------------------------------

const single = (digits = 5): MeterSpan[] => [
  { meterId: 'm', serial: 'S', digits, installed: { date: '2018-01-01', value: 0 }, removed: null },
]
const pricing = {
  permittedLoadM3h: '6',
  consumptionGroup: 1 as const,
  tariffs: DEFAULT_TARIFFS,
  prices: DEFAULT_PRICE_LIST,
}

const sum = (parts: SharedPeriodPart[], f: (i: InvoiceCalculation) => number) =>
  parts.reduce((s, p) => s + f(p.invoice), 0)
const componentCents = (i: InvoiceCalculation, c: string) =>
  i.lines.filter((l) => l.component === c).reduce((s, l) => s + l.amountCents, 0)

describe('a month shared by two customers', () => {
  it('March 2024, handover on the 15th, 7 + 7 m³ at 10.55: 74 + 74 kWh, fixed 2.24 + 2.38', () => {
    const parts = splitSharedPeriod({
      period: { from: '2024-03-01', to: '2024-03-31' },
      chain: single(),
      opening: { meterId: 'm', date: '2024-02-29', value: 100 },
      finalReading: { meterId: 'm', date: '2024-03-15', value: 107 },
      openingReading: { meterId: 'm', date: '2024-03-15', value: 107 },
      closing: { meterId: 'm', date: '2024-03-31', value: 114 },
      calorificValue: '10.55',
      pricing,
    })
    const whole = computeInvoice({
      ...pricing,
      period: { from: '2024-03-01', to: '2024-03-31' },
      consumption: { volumeM3: 14, calorificValue: '10.55' },
    })
    expect(parts.map((p) => [p.role, p.period.from, p.period.to, p.consumption.m3, p.kWh])).toEqual([
      ['outgoing', '2024-03-01', '2024-03-15', 7, 74],
      ['incoming', '2024-03-16', '2024-03-31', 7, 74],
    ])
    // 7 m³ alone would be 73.85 -> 74 kWh each, 148 together: the same as 14 m³ (147.7 -> 148).
    expect(whole.energyKWh).toBe(148)
    // 4.62 x 15/31 = 2.2355 -> 2.24; the month rounds to 4.62, so the incoming customer pays 2.38.
    expect(parts.map((p) => componentCents(p.invoice, 'distributionFixed'))).toEqual([224, 238])
    expect(sum(parts, (i) => i.totalCents) - whole.totalCents).toBe(
      sum(parts, (i) => i.netCents) - whole.netCents + sum(parts, (i) => i.vatCents) - whole.vatCents,
    )
  })

  const caseArb = fc.record({
    year: fc.integer({ min: 2023, max: 2026 }),
    month: fc.integer({ min: 1, max: 12 }),
    handover: fc.integer({ min: 1, max: 30 }),
    vacancyDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 })),
    m3: fc.tuple(
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 3000 }),
    ),
    start: fc.integer({ min: 0, max: 99_999 }),
    // Optionally the meter is exchanged on some day of the month, too.
    exchange: fc.option(
      fc.record({ day: fc.integer({ min: 1, max: 28 }), install: fc.integer({ min: 0, max: 50 }) }),
    ),
    cv: fc.integer({ min: 95_000, max: 115_000 }).map((n) => (n / 10_000).toFixed(4)),
    load: fc.constantFrom('2.5', '4', '5', '6', '8', '10'),
    group: fc.constantFrom(1 as const, 2 as const),
  })

  type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never

  /** Readings of a month with daily use concentrated per part; the truth is the parts' m³. */
  function scenario(c: Case, tariffs: TariffDataset = DEFAULT_TARIFFS) {
    const month = `${c.year}-${String(c.month).padStart(2, '0')}`
    const to = lastDayOfMonth(month)
    const dim = Number(to.slice(8))
    const h = Math.min(c.handover, dim - 1)
    const o = Math.min(h + c.vacancyDays, dim - 1)
    const m1 = c.m3[0]
    const mv = o > h ? c.m3[1] : 0
    const m2 = c.m3[2]
    const dates = {
      opening: addDays(`${month}-01`, -1),
      final: `${month}-${String(h).padStart(2, '0')}`,
      open: `${month}-${String(o).padStart(2, '0')}`,
      closing: to,
    }
    const used = { opening: 0, final: m1, open: m1 + mv, closing: m1 + mv + m2 }
    // Exchange at the end of day x: the old meter reads start + used up to then, the new one install + after.
    const x = c.exchange ? `${month}-${String(Math.min(c.exchange.day, dim)).padStart(2, '0')}` : null
    // m³ used by the end of day x: all of a part's use falls on its last day, for a simple truth.
    const usedBy = (d: string) =>
      (d >= dates.final ? m1 : 0) + (d >= dates.open ? mv : 0) + (d >= dates.closing ? m2 : 0)
    const chain: MeterSpan[] = x
      ? [
          {
            meterId: 'a',
            serial: 'A',
            digits: 5,
            installed: { date: '2018-01-01', value: 0 },
            removed: { date: x, value: (c.start + usedBy(x)) % 100_000 },
          },
          {
            meterId: 'b',
            serial: 'B',
            digits: 5,
            installed: { date: x, value: c.exchange!.install },
            removed: null,
          },
        ]
      : single()
    const point = (key: keyof typeof dates) => {
      const d = dates[key]
      // On the exchange day a reading may be on either meter: take the new one after the removal.
      if (x && d >= x)
        return { meterId: 'b', date: d, value: (c.exchange!.install + used[key] - usedBy(x)) % 100_000 }
      return { meterId: x ? 'a' : 'm', date: d, value: (c.start + used[key]) % 100_000 }
    }
    const parts = splitSharedPeriod({
      period: { from: `${month}-01`, to },
      chain,
      opening: point('opening'),
      finalReading: point('final'),
      openingReading: point('open'),
      closing: point('closing'),
      calorificValue: c.cv,
      pricing: { permittedLoadM3h: c.load, consumptionGroup: c.group, tariffs, prices: DEFAULT_PRICE_LIST },
    })
    const whole = computeInvoice({
      period: { from: `${month}-01`, to },
      consumption: { volumeM3: m1 + mv + m2, calorificValue: c.cv },
      permittedLoadM3h: c.load,
      consumptionGroup: c.group,
      tariffs,
      prices: DEFAULT_PRICE_LIST,
    })
    return { parts, whole, m3: [m1, mv, m2], vacancy: o > h }
  }

  it('property: m³ and kWh are split without loss or double billing, the fixed fee exactly, money within the rounding rule', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { parts, whole, m3, vacancy } = scenario(c)
        expect(parts.map((p) => p.role)).toEqual(
          vacancy ? ['outgoing', 'vacant', 'incoming'] : ['outgoing', 'incoming'],
        )
        // Every day of the month belongs to exactly one part.
        expect(parts[0].period.from).toBe(whole.period.from)
        expect(parts[parts.length - 1].period.to).toBe(whole.period.to)
        parts.slice(1).forEach((p, i) => expect(p.period.from).toBe(addDays(parts[i].period.to, 1)))
        // m³ by readings, exactly what each part used; kWh add up to the single invoice's kWh.
        expect(parts.map((p) => p.consumption.m3)).toEqual(vacancy ? m3 : [m3[0], m3[2]])
        expect(parts.reduce((s, p) => s + p.kWh, 0)).toBe(whole.energyKWh)
        expect(whole.energyKWh).toBe(energyKWh(m3[0] + m3[1] + m3[2], c.cv))
        // The distribution fixed part: exact.
        expect(sum(parts, (i) => componentCents(i, 'distributionFixed'))).toBe(
          componentCents(whole, 'distributionFixed'),
        )
        // Each per-kWh line: rounded once per invoice instead of once, so within 1 cent per extra invoice.
        for (const comp of ENERGY_COMPONENTS)
          expect(
            Math.abs(sum(parts, (i) => componentCents(i, comp)) - componentCents(whole, comp)),
          ).toBeLessThanOrEqual(parts.length - 1)
        const dNet = sum(parts, (i) => i.netCents) - whole.netCents
        const dVat = sum(parts, (i) => i.vatCents) - whole.vatCents
        expect(Math.abs(dNet)).toBeLessThanOrEqual(4 * (parts.length - 1))
        // VAT: 21 % of the net difference, plus half a cent of rounding per invoice.
        expect(Math.abs(100 * dVat - 21 * dNet)).toBeLessThanOrEqual(50 * (parts.length + 1))
        const dTotal = sum(parts, (i) => i.totalCents) - whole.totalCents
        expect(dTotal).toBe(dNet + dVat)
        // |dTotal| <= 1.21 x |dNet| + VAT rounding: 6 cents for two invoices, 11 for three.
        expect(Math.abs(dTotal)).toBeLessThanOrEqual(parts.length === 2 ? 6 : 11)
      }),
    )
  })

  it('property: with a tariff change inside the month kWh and the fixed fee still add up exactly', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 2, max: 28 }), (c, changeDay) => {
        const month = `${c.year}-${String(c.month).padStart(2, '0')}`
        const at = `${month}-${String(changeDay).padStart(2, '0')}`
        const periods = DEFAULT_TARIFFS.periods
        const current = [...periods].reverse().find((p) => p.from <= at)!
        fc.pre(!periods.some((p) => p.from === at))
        const changed: TariffDataset = {
          ...DEFAULT_TARIFFS,
          periods: [
            ...periods,
            {
              from: at,
              source: 'test: a mid-month change',
              rates: {
                ...current.rates,
                excisePerMWh: '9.99',
                distributionFixed: current.rates.distributionFixed.map((b) => ({ ...b, perMonth: '7.77' })),
              },
            },
          ].sort((a, b) => (a.from < b.from ? -1 : 1)),
        }
        const { parts, whole } = scenario(c, changed)
        expect(parts.reduce((s, p) => s + p.kWh, 0)).toBe(whole.energyKWh)
        expect(sum(parts, (i) => componentCents(i, 'distributionFixed'))).toBe(
          componentCents(whole, 'distributionFixed'),
        )
      }),
    )
  })
})
