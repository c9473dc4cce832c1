import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatBytes, formatMonth, formatParam, formatParams } from '../../src/core/format'
import { printDate, printMoney } from '../../src/backend/documents/format'
import * as core from '../../src/core/format'

const S = '\u00a0'

describe('months', () => {
  it('writes a month as the date forms do', () => {
    expect(formatMonth('2026-11', 'lv')).toBe('11.2026.')
    expect(formatMonth('2026-11', 'ru')).toBe('11.2026')
    expect(formatMonth('2026-01', 'en')).toBe('01/2026')
    expect(() => formatMonth('2026-11-01', 'lv')).toThrow(RangeError)
  })
})

describe('file sizes', () => {
  it('use the decimal comma in Latvian and Russian ("27,3 kB", not "27.3 kB")', () => {
    expect(formatBytes(27_955, 'lv')).toBe(`27,3${S}kB`)
    expect(formatBytes(27_955, 'ru')).toBe(`27,3${S}kB`)
    expect(formatBytes(27_955, 'en')).toBe(`27.3${S}kB`)
    expect(formatBytes(512, 'lv')).toBe(`512${S}B`)
    expect(formatBytes(3 * 1024 * 1024 + 300_000, 'lv')).toBe(`3,3${S}MB`)
  })
  it('never shows a decimal point in LV/RU for any size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        for (const lang of ['lv', 'ru'] as const) expect(formatBytes(n, lang)).not.toMatch(/\d\.\d/)
      }),
    )
  })
})

describe('message parameters', () => {
  it('turn ISO dates, instants and months into the language forms', () => {
    expect(formatParam('2026-12-27', 'lv')).toBe('27.12.2026.')
    expect(formatParam('2025-03-19T16:59:29.000Z', 'lv')).toBe('19.03.2025. 18:59')
    expect(formatParam('2025-03-19T16:59:29Z', 'ru')).toBe('19.03.2025 18:59')
    expect(formatParam('2026-11', 'ru')).toBe('11.2026')
  })
  it('write fractions with the decimal comma and leave whole numbers and other text alone', () => {
    expect(formatParam(9.4, 'lv')).toBe('9,4')
    expect(formatParam(9.4, 'en')).toBe('9.4')
    expect(formatParam(12345, 'lv')).toBe(12345)
    expect(formatParam('A000012345', 'lv')).toBe('A000012345')
    expect(formatParam('2026-13', 'lv')).toBe('2026-13')
    expect(formatParam(null, 'lv')).toBe(null)
  })
  it('format every parameter of a set', () => {
    expect(formatParams({ nextOpens: '2026-12-27', ratio: 9.4, n: 3 }, 'lv')).toEqual({
      nextOpens: '27.12.2026.',
      ratio: '9,4',
      n: 3,
    })
    expect(formatParams(undefined, 'lv')).toEqual({})
  })
})

describe('one module for screen and paper', () => {
  it('the documents take their paper forms from src/core/format', () => {
    expect(printMoney).toBe(core.printMoney)
    expect(printDate).toBe(core.printDate)
    expect(printMoney(123456)).toBe(`1${S}234,56`)
  })
})

describe('dates as typed', () => {
  it('accept the Latvian, Russian and English forms with or without the closing stop', () => {
    for (const s of ['27.11.2026.', '27.11.2026', ' 27.11.2026 ', '27/11/2026', '2026-11-27'])
      expect(core.parseDateInput(s)).toBe('2026-11-27')
    expect(core.parseDateInput('7.1.2026')).toBe('2026-01-07')
  })
  it('refuse dates that do not exist and anything else', () => {
    for (const s of ['31.02.2026', '00.01.2026', '27.13.2026', '27.11.26', 'vakar', ''])
      expect(core.parseDateInput(s)).toBeNull()
  })
  it('read back every date the formatter writes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10)
          for (const lang of ['lv', 'en', 'ru'] as const)
            expect(core.parseDateInput(core.formatDate(iso, lang))).toBe(iso)
        },
      ),
    )
  })
  it('months likewise', () => {
    for (const s of ['11.2026.', '11.2026', '11/2026', '2026-11'])
      expect(core.parseMonthInput(s)).toBe('2026-11')
    expect(core.parseMonthInput('13.2026')).toBeNull()
    for (const lang of ['lv', 'en', 'ru'] as const)
      expect(core.parseMonthInput(formatMonth('2026-03', lang))).toBe('2026-03')
  })
})
