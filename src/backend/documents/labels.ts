import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import { fillMessage } from '../../core/message'

export type DocLanguage = 'lv' | 'en' | 'ru'

const messages: Record<DocLanguage, unknown> = { lv, en, ru }

type Params = Record<string, string | number>

function lookup(lang: DocLanguage, key: string): string {
  let node: unknown = messages[lang]
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  }
  if (typeof node !== 'string') throw new Error(`missing message ${lang}:${key}`)
  return node
}

/** Whether every language has a message under `key` (e.g. a product code the locales name). */
export function hasMessage(key: string): boolean {
  return (['lv', 'en', 'ru'] as const).every((lang) => {
    try {
      lookup(lang, key)
      return true
    } catch {
      return false
    }
  })
}

/** One message in one language, `{name}` placeholders filled. */
export function message(lang: DocLanguage, key: string, params: Params = {}): string {
  return fillMessage(lookup(lang, key), params)
}

/**
 * Printed labels: Latvian always (the legal language of the invoice), and the customer's language beside
 * it when that is English or Russian.
 */
export class Labels {
  constructor(readonly second: DocLanguage) {}

  get bilingual(): boolean {
    return this.second !== 'lv'
  }

  lv(key: string, params?: Params): string {
    return message('lv', key, params)
  }

  /** The customer's language, or null when the document is Latvian only. */
  other(key: string, params?: Params): string | null {
    return this.bilingual ? message(this.second, key, params) : null
  }

  /** "Latvian / other" on one line (wrapping as the box needs), or Latvian alone. */
  both(key: string, params?: Params): string {
    const o = this.other(key, params)
    return o === null ? this.lv(key, params) : `${this.lv(key, params)} / ${o}`
  }
}
