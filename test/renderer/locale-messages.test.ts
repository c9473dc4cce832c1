import { describe, expect, it } from 'vitest'
import { compile, type CompileError } from '@intlify/core-base'
import core from '@intlify/core-base/package.json'
import { VERSION as VUE_I18N_VERSION } from 'vue-i18n'
import { languages, type Language } from '../../src/contract'
import { fillMessage } from '../../src/core/message'
import { createGasDeskI18n } from '../../src/renderer/i18n'
import lv from '../../locales/lv.json'
import en from '../../locales/en.json'
import ru from '../../locales/ru.json'

type Tree = { [key: string]: string | Tree }
const files: Record<Language, Tree> = { lv: lv as Tree, en: en as Tree, ru: ru as Tree }

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    return typeof v === 'string' ? [[key, v] as [string, string]] : leaves(v, key)
  })
}

/** What vue-i18n's own compiler (the one vue-i18n registers at start-up) says about one message. */
function compileErrors(locale: string, key: string, source: string): string[] {
  const errors: string[] = []
  compile(source, {
    locale,
    key,
    warnHtmlMessage: false,
    onError: (e: CompileError) => errors.push(e.message),
  })
  return errors
}

/** Every `{name}` a message takes (not the `{'x'}` literals), each given a recognisable value. */
const paramsOf = (source: string): Record<string, string> =>
  Object.fromEntries([...source.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => [m[1], `«${m[1]}»`]))

describe('every locale message compiles and renders with vue-i18n', () => {
  it('is checked with the compiler version vue-i18n itself runs', () => {
    expect(core.version).toBe(VUE_I18N_VERSION)
  })

  it('the check catches what broke the e-mail messages (a bare @, a stray brace)', () => {
    expect(compileErrors('lv', 'x', 'vards@domens.lv')).not.toEqual([])
    expect(compileErrors('lv', 'x', 'Daļa pirms @ ir par garu')).not.toEqual([])
    expect(compileErrors('lv', 'x', 'atvērts { līdz')).not.toEqual([])
    expect(compileErrors('lv', 'x', "vards{'@'}domens.lv")).toEqual([])
  })

  for (const lang of languages) {
    it(`${lang}: no message has a compile error`, () => {
      const broken = leaves(files[lang]).flatMap(([key, source]) =>
        compileErrors(lang, key, source).map((e) => `${lang}:${key}: ${e} in ${JSON.stringify(source)}`),
      )
      expect(broken).toEqual([])
    })

    it(`${lang}: each message renders through the app's i18n as written (literals kept, parameters filled)`, () => {
      const i18n = createGasDeskI18n(lang)
      const wrong: string[] = []
      for (const [key, source] of leaves(files[lang])) {
        const params = paramsOf(source)
        const forms = source.split('|').map((f) => fillMessage(f.trim(), { n: 2, ...params }))
        // A plural message is asked for with a count, as the app asks for it; the rest with their parameters.
        const shown =
          forms.length > 1 ? i18n.global.t(key, { n: 2, ...params }, 2) : i18n.global.t(key, params)
        if (!forms.includes(shown)) wrong.push(`${lang}:${key}: ${JSON.stringify(shown)}`)
      }
      expect(wrong).toEqual([])
    })
  }
})
