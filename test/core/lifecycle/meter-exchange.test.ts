import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays } from '../../../src/core/calendar'
import {
  checkMeterExchange,
  consumptionOnChain,
  type MeterExchangeInput,
  type MeterSpan,
} from '../../../src/core/lifecycle'
import { G4, monthlyHistory, noon } from '../readings/helpers'

// Period readings on the 28th from Oct 2025: 1000, 1090, 1190 (28 Dec).
const history = monthlyHistory('2025-10', 1000, [90, 100])
const oldSpan: MeterSpan = {
  meterId: 'old',
  serial: 'gms-104 551',
  digits: 5,
  installed: { date: '2019-04-01', value: 0 },
  removed: null,
}
const input = (over: Partial<MeterExchangeInput> = {}): MeterExchangeInput => ({
  at: noon('2026-01-14'),
  now: noon('2026-01-15'),
  oldMeter: { span: oldSpan, spec: G4, readings: history },
  removal: { value: 1240 },
  newMeter: { meterId: 'new', serial: 'EL-77 12 001', spec: G4, installationValue: 2 },
  seals: { removed: ['LG 004411'], installed: ['lg 009001', 'LG009002'] },
  ...over,
})
const codes = (c: ReturnType<typeof checkMeterExchange>) => c.problems.map((p) => p.code)

describe('meter exchange', () => {
  it('closes the old meter at its removal reading and opens the new one at its installation reading', () => {
    const c = checkMeterExchange(input())
    expect(c.problems).toEqual([])
    expect(c.canSave).toBe(true)
    expect(c.removal.consumptionM3).toBe(50)
    expect(c.installation.findings.map((f) => f.code)).toEqual(['out-of-window', 'first-reading'])
    expect(c.exchange).toEqual({
      date: '2026-01-14',
      serial: 'EL-7712001',
      seals: { removed: ['LG004411'], installed: ['LG009001', 'LG009002'] },
      oldSpan: { ...oldSpan, removed: { date: '2026-01-14', value: 1240 } },
      newSpan: {
        meterId: 'new',
        serial: 'EL-7712001',
        digits: 5,
        installed: { date: '2026-01-14', value: 2 },
        removed: null,
      },
    })
  })

  it('inside the reading window the removal is not a second reading for the month', () => {
    const c = checkMeterExchange(
      input({ at: noon('2025-12-30'), now: noon('2025-12-30'), removal: { value: 1195 } }),
    )
    expect(c.canSave).toBe(true)
    expect(c.removal.period).toBeNull()
  })

  it('the removal reading is checked like any reading: lower than the last actual one blocks', () => {
    const c = checkMeterExchange(input({ removal: { value: 1100 } }))
    expect(codes(c)).toEqual(['removal-reading'])
    expect(c.problems[0].params).toEqual({ codes: 'lower-than-last-actual' })
    expect(c).toMatchObject({ canSave: false, exchange: null })
  })

  it('an implausible removal reading waits for the agent’s confirmation', () => {
    const far = monthlyHistory('2024-10', 1000, Array(14).fill(10))
    const warn = checkMeterExchange(
      input({ oldMeter: { span: oldSpan, spec: G4, readings: far }, removal: { value: 1300 } }),
    )
    expect(warn.problems).toEqual([])
    expect(warn.removal.needsConfirmation).toContain('consumption-high')
    expect(warn.canSave).toBe(false)
    const confirmed = checkMeterExchange(
      input({
        oldMeter: { span: oldSpan, spec: G4, readings: far },
        removal: { value: 1300, confirmed: ['consumption-high'] },
      }),
    )
    expect(confirmed.canSave).toBe(true)
  })

  it('the installation reading must fit the new register', () => {
    const c = checkMeterExchange(
      input({
        newMeter: { ...input().newMeter, spec: { digits: 4, maxFlowM3h: 6 }, installationValue: 12345 },
      }),
    )
    expect(codes(c)).toEqual(['installation-reading'])
  })

  it('serial: required, plausible, and not the old meter’s', () => {
    const withSerial = (serial: string) =>
      codes(checkMeterExchange(input({ newMeter: { ...input().newMeter, serial } })))
    expect(withSerial('  ')).toEqual(['serial-required'])
    expect(withSerial('a!')).toEqual(['serial-format'])
    expect(withSerial('GMS 104551')).toEqual(['serial-unchanged'])
  })

  it('seals: at least one on the new meter, each a plausible number, none used twice', () => {
    const withSeals = (removed: string[], installed: string[]) =>
      codes(checkMeterExchange(input({ seals: { removed, installed } })))
    expect(withSeals(['A1'], [])).toEqual(['seals-required'])
    expect(withSeals([], ['A1', 'a 1'])).toEqual(['seal-duplicate'])
    expect(withSeals(['A1'], ['a1'])).toEqual(['seal-duplicate'])
    expect(withSeals([], ['#1'])).toEqual(['seal-format'])
    expect(
      withSeals(
        [],
        Array.from({ length: 11 }, (_, i) => `S${i}`),
      ),
    ).toEqual(['too-many-seals'])
  })

  it('the date: not in the future, not before the old meter came, not before its later readings', () => {
    expect(codes(checkMeterExchange(input({ now: noon('2026-01-13') })))).toEqual(['exchange-in-future'])
    const late = { ...oldSpan, installed: { date: '2026-01-20', value: 0 } }
    expect(codes(checkMeterExchange(input({ oldMeter: { span: late, spec: G4, readings: [] } })))).toEqual([
      'exchange-before-installation',
    ])
    // An exchange dated 20 Dec while the meter has a reading of 28 Dec: the date is wrong.
    const c = checkMeterExchange(input({ at: noon('2025-12-20'), removal: { value: 1150 } }))
    expect(codes(c)).toContain('readings-after-exchange')
    expect(c.problems.find((p) => p.code === 'readings-after-exchange')?.params).toEqual({
      count: 1,
      firstDate: '2025-12-28',
    })
    expect(() =>
      checkMeterExchange(
        input({
          oldMeter: {
            span: { ...oldSpan, removed: { date: '2025-01-01', value: 1 } },
            spec: G4,
            readings: [],
          },
        }),
      ),
    ).toThrow(/already removed/)
  })

  it('property: whatever the values, the next bill counts the old meter to removal plus the new from installation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 20 }),
        (used, installationValue, usedAfter, day) => {
          const at = noon(addDays('2026-01-01', day - 1))
          const c = checkMeterExchange(
            input({
              at,
              now: noon('2026-01-31'),
              removal: { value: 1190 + used, confirmed: ['consumption-high', 'consumption-low'] },
              newMeter: { ...input().newMeter, installationValue },
            }),
          )
          fc.pre(c.canSave)
          const ex = c.exchange!
          const next = {
            meterId: 'new',
            date: '2026-01-28',
            value: (installationValue + usedAfter) % 100_000,
          }
          const bill = consumptionOnChain(
            [ex.oldSpan, ex.newSpan],
            { meterId: 'old', date: '2025-12-28', value: 1190 },
            next,
          )
          expect(bill.m3).toBe(used + usedAfter)
          expect(bill.parts.map((p) => p.m3)).toEqual([used, usedAfter])
        },
      ),
    )
  })
})
