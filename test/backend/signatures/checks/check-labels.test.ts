import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECK_IDS } from '../../../../src/core/signatures/check-ids'
import en from '../../../../locales/en.json'
import lv from '../../../../locales/lv.json'
import ru from '../../../../locales/ru.json'

// The desk shows a check by its label: every id of the typed union has one in LV, EN and RU, and no label
// is left for an id the validator no longer knows.
describe('check ids and their labels', () => {
  for (const [lang, messages] of [
    ['en', en],
    ['lv', lv],
    ['ru', ru],
  ] as const) {
    it(`${lang}: every check id has a label under documents.review.check, and every label an id`, () => {
      const labels = messages.documents.review.check as Record<string, string>
      expect(CHECK_IDS.filter((id) => !labels[id]?.trim())).toEqual([])
      expect(Object.keys(labels).filter((k) => !(CHECK_IDS as readonly string[]).includes(k))).toEqual([])
    })
  }

  it('every id written in the validator source is in the union (timestamp-order, document-timestamp too)', () => {
    const dir = join(__dirname, '../../../../src/backend/signatures')
    const used = new Set<string>()
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts')))
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\bid: '([a-z-]+)'/g)) used.add(m[1])
    expect(used.has('timestamp-order') && used.has('document-timestamp')).toBe(true)
    expect([...used].filter((id) => !(CHECK_IDS as readonly string[]).includes(id))).toEqual([])
  })
})
