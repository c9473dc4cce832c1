import { describe, expect, it } from 'vitest'
import lv from '../../locales/lv.json'
import { formatDate, formatDateTime, formatMonth } from '../../src/core/format'

type Tree = { [key: string]: string | Tree }
function* leaves(tree: Tree, prefix = ''): Generator<[string, string]> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') yield [key, v]
    else yield* leaves(v, key)
  }
}

/** Placeholders the screens fill with a date, an instant or a month (formatted by src/core/format). */
const DATE_PARAMS = [
  'opens',
  'closes',
  'closesEndOf',
  'nextOpens',
  'date',
  'at',
  'from',
  'to',
  'time',
  'month',
]

describe('Latvian dates end in a stop of their own', () => {
  it('the date forms end with "." in Latvian', () => {
    expect(formatDate('2026-12-27', 'lv').endsWith('.')).toBe(true)
    expect(formatMonth('2026-12', 'lv').endsWith('.')).toBe(true)
    expect(formatDateTime('2026-12-27T10:00:00Z', 'lv')).toMatch(/\d$/)
  })
  it('so no Latvian message puts a second stop after a date placeholder ("27.12.2026..")', () => {
    const dateAtStop = new RegExp(`\\{(${DATE_PARAMS.join('|')})\\}\\.`)
    const bad = [...leaves(lv as Tree)].filter(([, text]) => dateAtStop.test(text)).map(([k]) => k)
    expect(bad).toEqual([])
  })
})
