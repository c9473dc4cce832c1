import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  checkPersonalCode,
  formatPersonalCode,
  legacyCheckDigit,
  makeLegacyPersonalCode,
  maskPersonalCode,
} from '../../src/core/personal-code'

const isoDate = fc
  .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

/** The mod-11 residue before the final `mod 10` of the check-digit rule. */
const residue = (ten: string): number => {
  const w = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const s = [...ten].reduce((a, c, i) => a + Number(c) * w[i], 0)
  return (((1101 - s) % 11) + 11) % 11
}

describe('checkPersonalCode', () => {
  it.each([
    ['161175-19997', '1975-11-16'],
    ['290156-11605', '1956-01-29'],
    ['120768-18764', '1968-07-12'],
    ['061193-06460', '1893-11-06'],
    ['16117519997', '1975-11-16'],
  ])('accepts the DOMAIN.md example %s (birth date %s)', (code, birthDate) => {
    expect(checkPersonalCode(code)).toMatchObject({ valid: true, format: 'legacy', reason: null, birthDate })
  })

  it('061193-06460 is the case where the mod-11 residue 10 becomes check digit 0', () => {
    expect(residue('0611930646')).toBe(10)
    expect(legacyCheckDigit('0611930646')).toBe(0)
  })

  it.each([
    ['', 'unknown', 'empty'],
    ['16117S-19997', 'unknown', 'characters'],
    ['1611751-9997', 'unknown', 'hyphen-position'],
    ['161175--19997', 'unknown', 'hyphen-position'],
    ['161175-1999', 'unknown', 'length'],
    ['161175-39997', 'legacy', 'century'],
    ['310275-19997', 'legacy', 'date'],
    ['290257-10000', 'legacy', 'date'],
    ['161175-19998', 'legacy', 'check-digit'],
  ])('rejects %j as %s/%s', (code, format, reason) => {
    expect(checkPersonalCode(code)).toMatchObject({ valid: false, format, reason })
  })

  it('accepts 29 February only in leap years (1900 was not one, 2000 was)', () => {
    expect(checkPersonalCode(makeLegacyPersonalCode('2000-02-29', 1)!).valid).toBe(true)
    const ten = '2902001000'
    expect(checkPersonalCode(`${ten}${legacyCheckDigit(ten)}`)).toMatchObject({
      valid: false,
      reason: 'date',
    })
  })

  it('accepts the new format on shape (32..39 + nine digits), with or without the hyphen, and derives nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const code = `3${second}${rest}`
        const r = checkPersonalCode(code)
        expect(r).toEqual({ valid: true, format: 'new', reason: null, digits: code, birthDate: null })
        expect(checkPersonalCode(`${code.slice(0, 6)}-${code.slice(6)}`).valid).toBe(true)
        expect(formatPersonalCode(code)).toBe(code)
      }),
    )
  })

  it('never accepts 30/31 prefixes as new format: they are legacy days', () => {
    expect(checkPersonalCode('31017512345').format).toBe('legacy')
  })

  it('every code built by makeLegacyPersonalCode validates and carries its birth date', () => {
    fc.assert(
      fc.property(isoDate, fc.nat(999), (date, serial) => {
        const code = makeLegacyPersonalCode(date, serial)!
        expect(code).toMatch(/^\d{6}-\d{5}$/)
        expect(checkPersonalCode(code)).toMatchObject({ valid: true, format: 'legacy', birthDate: date })
        expect(formatPersonalCode(code.replace('-', ''))).toBe(code)
      }),
    )
  })

  it('any single-digit change to a valid legacy code fails, except the rule’s 10 -> 0 fold and new-format look-alikes', () => {
    // Weights 1..10 are invertible mod 11, so every single-digit change alters the mod-11 residue. The
    // published rule then maps residue 10 to check digit 0, so a change that moves the residue between 0
    // and 10 keeps the check digit: the one blind spot of the algorithm, pinned here rather than hidden.
    fc.assert(
      fc.property(
        isoDate,
        fc.nat(999),
        fc.nat(10),
        fc.integer({ min: 1, max: 9 }),
        (date, serial, pos, delta) => {
          const digits = makeLegacyPersonalCode(date, serial)!.replace('-', '')
          const changed =
            digits.slice(0, pos) + String((Number(digits[pos]) + delta) % 10) + digits.slice(pos + 1)
          const r = checkPersonalCode(changed)
          const blindSpot =
            pos < 10 &&
            new Set([residue(digits.slice(0, 10)), residue(changed.slice(0, 10))]).size === 2 &&
            [0, 10].includes(residue(digits.slice(0, 10))) &&
            [0, 10].includes(residue(changed.slice(0, 10)))
          // A first digit changed to 3 before a second digit 2-9 makes a new-format code, valid on shape alone.
          const becameNewFormat = /^3[2-9]/.test(changed)
          if (!blindSpot && !becameNewFormat) expect(r.valid).toBe(false)
          if (becameNewFormat) expect(r.format).toBe('new')
        },
      ),
    )
  })

  it('the blind spot is real: a changed digit that moves the residue from 0 to 10 still passes', () => {
    // 061193-06460 has residue 10; changing the serial's last digit 6 -> 7 adds 4 to the weighted sum,
    // giving residue 6 (caught). Search for a change that lands on 0 instead and show it slips through.
    const base = '0611930646'
    const hits: string[] = []
    for (let pos = 6; pos < 10; pos++)
      for (let d = 0; d <= 9; d++) {
        const t = base.slice(0, pos) + d + base.slice(pos + 1)
        if (t !== base && residue(t) === 0) hits.push(`${t}0`)
      }
    expect(hits.length).toBeGreaterThan(0)
    for (const h of hits) expect(checkPersonalCode(h).valid).toBe(true)
  })

  it('makeLegacyPersonalCode refuses dates that do not exist or lie outside 1800-2099', () => {
    expect(makeLegacyPersonalCode('1799-12-31', 1)).toBeNull()
    expect(makeLegacyPersonalCode('2100-01-01', 1)).toBeNull()
    expect(makeLegacyPersonalCode('2023-02-29', 1)).toBeNull()
  })
})

describe('maskPersonalCode', () => {
  it('keeps the first six digits and hides the rest', () => {
    expect(maskPersonalCode('161175-19997')).toBe('161175-*****')
    expect(maskPersonalCode('16117519997')).toBe('161175-*****')
    expect(maskPersonalCode('12345')).toBe('*****')
  })
})
