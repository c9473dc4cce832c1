import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths, monthOf } from '../../../src/core/calendar'
import { computeInvoice, DEFAULT_PRICE_LIST, DEFAULT_TARIFFS, energyKWh } from '../../../src/core/billing'
import { monthlyConsumptionSeries, type ReadingRecord } from '../../../src/core/readings'
import {
  consumptionOnChain,
  loadChangesWithin,
  premiseConsumptionSeries,
  type MeterSpan,
  type RegisterPoint,
} from '../../../src/core/lifecycle'

const rec = (
  id: string,
  date: string,
  value: number,
  status: ReadingRecord['status'] = 'actual',
): ReadingRecord => ({
  id,
  date,
  value,
  period: null,
  status,
  recordedAt: `${date}T10:00:00Z`,
})

// Old meter 4510 on 1 Mar, removed on 10 Mar at 4562; the new one installed at 3, read 40 on 31 Mar.
const chain: MeterSpan[] = [
  {
    meterId: 'm1',
    serial: 'OLD-1',
    digits: 5,
    permittedLoadM3h: '6',
    installed: { date: '2019-05-02', value: 0 },
    removed: { date: '2025-03-10', value: 4562 },
  },
  {
    meterId: 'm2',
    serial: 'NEW-2',
    digits: 5,
    permittedLoadM3h: '6',
    installed: { date: '2025-03-10', value: 3 },
    removed: null,
  },
]

describe('consumption across a meter exchange', () => {
  it('March = old meter up to the removal + new meter from the installation (52 + 37 m³)', () => {
    const c = consumptionOnChain(
      chain,
      { meterId: 'm1', date: '2025-02-28', value: 4510 },
      { meterId: 'm2', date: '2025-03-31', value: 40 },
    )
    expect(c.m3).toBe(89)
    expect(c.parts.map((p) => [p.serial, p.from.value, p.to.value, p.m3])).toEqual([
      ['OLD-1', 4510, 4562, 52],
      ['NEW-2', 3, 40, 37],
    ])
    // The invoice bills the 89 m³ once, converted to kWh once.
    const inv = computeInvoice({
      period: { from: '2025-03-01', to: '2025-03-31' },
      consumption: { volumeM3: c.m3, calorificValue: '10.55' },
      permittedLoadM3h: '6',
      loadChanges: loadChangesWithin(chain, '2025-03-01', '2025-03-31'),
      consumptionGroup: 1,
      tariffs: DEFAULT_TARIFFS,
      prices: DEFAULT_PRICE_LIST,
    })
    expect(inv.energyKWh).toBe(energyKWh(89, '10.55'))
  })

  it('a meter of another size changes the fixed part from the day after the exchange', () => {
    const bigger = [chain[0], { ...chain[1], permittedLoadM3h: '10' }]
    expect(loadChangesWithin(bigger, '2025-03-01', '2025-03-31')).toEqual([
      { from: '2025-03-11', permittedLoadM3h: '10' },
    ])
    expect(loadChangesWithin(chain, '2025-03-01', '2025-03-31')).toEqual([])
    expect(loadChangesWithin(bigger, '2025-04-01', '2025-04-30')).toEqual([])
  })

  it('refuses readings outside the meter’s time on the premise and chains with a gap', () => {
    expect(() =>
      consumptionOnChain(
        chain,
        { meterId: 'm1', date: '2025-03-20', value: 4600 },
        { meterId: 'm2', date: '2025-03-31', value: 40 },
      ),
    ).toThrow(/outside/)
    const gap = [chain[0], { ...chain[1], installed: { date: '2025-03-11', value: 3 } }]
    expect(() =>
      consumptionOnChain(
        gap,
        { meterId: 'm1', date: '2025-02-28', value: 4510 },
        { meterId: 'm2', date: '2025-03-31', value: 40 },
      ),
    ).toThrow(/not removed on the day/)
  })

  it('the history shows the exchange month with both meters’ m³ and a boundary, not a drop', () => {
    const readings = {
      m1: [rec('a', '2025-01-28', 4460), rec('b', '2025-02-28', 4510), rec('c', '2025-03-10', 4562)],
      m2: [rec('d', '2025-03-10', 3), rec('e', '2025-03-28', 40), rec('f', '2025-04-28', 70)],
    }
    const s = premiseConsumptionSeries(chain, readings, { endMonth: '2025-04', months: 3 })
    // The removal on the 10th anchors to February (a reading in a month's first half closes the month
    // before, as for every reading outside a window), so February carries 1-10 March of the old meter.
    expect(s.months.map((m) => [m.month, m.m3, m.exchange])).toEqual([
      ['2025-02', 102, false],
      ['2025-03', 37, true],
      ['2025-04', 30, false],
    ])
    expect(s.segments.map((g) => [g.serial, g.from, g.to, g.readings.length])).toEqual([
      ['OLD-1', '2019-05-02', '2025-03-10', 3],
      ['NEW-2', '2025-03-10', null, 3],
    ])
    expect(s.exchanges).toEqual([
      { date: '2025-03-10', oldMeterId: 'm1', newMeterId: 'm2', removal: 4562, installation: 3 },
    ])
    // What a chart of all readings as one register would have shown: a rollover of ~95,000 m³.
    const naive = monthlyConsumptionSeries([...readings.m1, ...readings.m2], {
      endMonth: '2025-04',
      months: 3,
      digits: 5,
    })
    expect(naive[1].m3).toBeGreaterThan(90_000)
  })
})

// --- ground truth ---------------------------------------------------------------------------------

interface World {
  start: string
  daily: number[]
  /** Exchange days (day index; the exchange is at the end of that day). */
  exchanges: number[]
  meters: Array<{ digits: number; install: number }>
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    daily: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 60, maxLength: 700 }),
    exchangeFractions: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 3 }),
    meters: fc.array(
      fc.record({
        digits: fc.constantFrom(5, 6),
        nearTop: fc.boolean(),
        offset: fc.integer({ min: 0, max: 19_999 }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
    startOffset: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ daily, exchangeFractions, meters, startOffset }) => {
    const exchanges = [...new Set(exchangeFractions.map((f) => Math.floor((f * (daily.length - 1)) / 1000)))]
      .filter((d) => d > 0)
      .sort((a, b) => a - b)
    return {
      start: addDays('2022-01-01', startOffset),
      daily,
      exchanges,
      meters: meters.slice(0, exchanges.length + 1).map((m) => ({
        digits: m.digits,
        // Near the top of the register half the time, so parts roll over.
        install: m.nearTop ? 10 ** m.digits - 1 - m.offset : m.offset,
      })),
    }
  })

/** m³ used from the start up to the end of day d. */
const cumulative = (w: World, d: number): number => w.daily.slice(0, d + 1).reduce((a, b) => a + b, 0)
const dateOf = (w: World, d: number): string => addDays(w.start, d)

function worldChain(w: World): MeterSpan[] {
  const bounds = [0, ...w.exchanges]
  return w.meters.map((m, i) => {
    const from = bounds[i]
    const to = w.exchanges[i]
    const startT = i === 0 ? 0 : cumulative(w, from)
    return {
      meterId: `m${i}`,
      serial: `S${i}`,
      digits: m.digits,
      installed: { date: dateOf(w, from), value: m.install },
      removed:
        to === undefined
          ? null
          : { date: dateOf(w, to), value: (m.install + cumulative(w, to) - startT) % 10 ** m.digits },
    }
  })
}

/** The register of the meter in place at the end of day d (the later meter on an exchange day if asked). */
function pointAt(w: World, chain: MeterSpan[], d: number, preferNew: boolean): RegisterPoint {
  let i = w.exchanges.filter((x) => x < d).length
  if (preferNew && w.exchanges.includes(d)) i++
  const bounds = [0, ...w.exchanges]
  const startT = i === 0 ? 0 : cumulative(w, bounds[i])
  const m = w.meters[i]
  return {
    meterId: chain[i].meterId,
    date: dateOf(w, d),
    value: (m.install + cumulative(w, d) - startT) % 10 ** m.digits,
  }
}

describe('consumption across exchanges: properties against the gas actually used', () => {
  it('every billing period gets exactly the m³ used in it, across any number of exchanges and rollovers', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 998 }), { maxLength: 12 }),
        fc.boolean(),
        (w, cutFractions, preferNew) => {
          const chain = worldChain(w)
          const last = w.daily.length - 1
          const cuts = [...new Set([0, ...cutFractions.map((f) => Math.floor((f * last) / 999)), last])].sort(
            (a, b) => a - b,
          )
          let billed = 0
          for (let j = 1; j < cuts.length; j++) {
            const c = consumptionOnChain(
              chain,
              pointAt(w, chain, cuts[j - 1], preferNew),
              pointAt(w, chain, cuts[j], !preferNew),
            )
            expect(c.m3).toBe(cumulative(w, cuts[j]) - cumulative(w, cuts[j - 1]))
            expect(c.parts.every((p) => p.m3 >= 0)).toBe(true)
            billed += c.m3
          }
          expect(billed).toBe(cumulative(w, last) - cumulative(w, 0))
        },
      ),
    )
  })

  it('the premise history: months add up to the m³ used, none negative, exchange months marked', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 20, max: 35 }), (w, every) => {
        const chain = worldChain(w)
        const last = w.daily.length - 1
        const readDays = [
          ...new Set([...Array.from({ length: Math.floor(last / every) + 1 }, (_, k) => k * every), last]),
        ]
        const byMeter: Record<string, ReadingRecord[]> = {}
        for (const d of readDays) {
          const p = pointAt(w, chain, d, false)
          ;(byMeter[p.meterId] ??= []).push(rec(`r${d}`, p.date, p.value))
        }
        const endMonth = monthOf(dateOf(w, last))
        const s = premiseConsumptionSeries(chain, byMeter, { endMonth, months: 30 })
        const known = s.months.filter((m) => m.m3 !== null)
        expect(known.every((m) => (m.m3 as number) >= 0)).toBe(true)
        // The series starts at its first point: the latest reading of the earliest month a reading closes
        // (a reading in the first half of a month closes the month before). 30 months reach back past
        // the first reading (at most 700 days earlier), so everything after that point is shown.
        const anchor = (d: number): string => {
          const date = dateOf(w, d)
          return Number(date.slice(8)) <= 15 ? addMonths(monthOf(date), -1) : monthOf(date)
        }
        const pointDays = [...readDays, ...w.exchanges]
        const firstAnchor = pointDays.map(anchor).sort()[0]
        const firstPoint = Math.max(...pointDays.filter((d) => anchor(d) === firstAnchor))
        const shown = known.reduce((a, m) => a + (m.m3 as number), 0)
        expect(shown).toBe(cumulative(w, last) - cumulative(w, firstPoint))
        for (const x of w.exchanges) {
          const m = s.months.find((mm) => mm.month === monthOf(dateOf(w, x)))
          if (m) expect(m.exchange).toBe(true)
        }
        expect(s.outsideSpan).toEqual([])
      }),
    )
  })
})
