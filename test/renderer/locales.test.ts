import { describe, expect, it } from 'vitest'
import lv from '../../locales/lv.json'
import en from '../../locales/en.json'
import ru from '../../locales/ru.json'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const files = { lv: leaves(lv as Tree), en: leaves(en as Tree), ru: leaves(ru as Tree) }

describe('locale files', () => {
  it('have identical key sets', () => {
    const reference = [...files.lv.keys()].sort()
    expect([...files.en.keys()].sort()).toEqual(reference)
    expect([...files.ru.keys()].sort()).toEqual(reference)
  })

  it('have no empty messages', () => {
    for (const [lang, map] of Object.entries(files)) {
      const empty = [...map].filter(([, v]) => v.trim() === '' || v.split('|').some((f) => f.trim() === ''))
      expect(empty.map(([k]) => `${lang}:${k}`)).toEqual([])
    }
  })

  it('use the same placeholders in every language', () => {
    const names = (s: string) =>
      [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].filter((n) => n !== 'n').sort()
    for (const [key, value] of files.lv) {
      expect(names(files.en.get(key)!), `en:${key}`).toEqual(names(value))
      expect(names(files.ru.get(key)!), `ru:${key}`).toEqual(names(value))
    }
  })

  it('give Latvian and Russian plural messages three forms', () => {
    for (const [key, value] of files.lv) {
      if (!value.includes('|')) continue
      expect(value.split('|'), `lv:${key}`).toHaveLength(3)
      expect(files.ru.get(key)!.split('|'), `ru:${key}`).toHaveLength(3)
    }
  })
})
