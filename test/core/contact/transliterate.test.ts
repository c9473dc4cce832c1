import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  foldForSearch,
  latinSpellings,
  latvianNominative,
  nameSearchText,
  transliterate,
} from '../../../src/core/contact'

// Russian names as they are written in Cyrillic and as Latvian documents spell them.
const LATVIAN_SPELLINGS: [string, string][] = [
  ['Попов', 'Popovs'],
  ['Попова', 'Popova'],
  ['Иванов', 'Ivanovs'],
  ['Юрий', 'Jurijs'],
  ['Дмитрий', 'Dmitrijs'],
  ['Сергей', 'Sergejs'],
  ['Николай', 'Nikolajs'],
  ['Игорь', 'Igors'],
  ['Евгений', 'Jevgeņijs'],
  ['Елена', 'Jeļena'],
  ['Наталья', 'Natalja'],
  ['Татьяна', 'Tatjana'],
  ['Васильев', 'Vasiļjevs'],
  ['Григорьева', 'Grigorjeva'],
  ['Шевченко', 'Ševčenko'],
  ['Кузнецов', 'Kuzņecovs'],
  ['Крылов', 'Krilovs'],
  ['Жуков', 'Žukovs'],
  ['Щукин', 'Ščukins'],
  ['Цветков', 'Cvetkovs'],
  ['Чайковский', 'Čaikovskis'],
  ['Зайцев', 'Zaicevs'],
  ['Михаил', 'Mihails'],
  ['Хабаров', 'Habarovs'],
  ['Юлия', 'Julija'],
  ['Ёлкин', 'Jolkins'],
]

describe('Cyrillic names in Latin letters', () => {
  it.each(LATVIAN_SPELLINGS)('%s is indexed under the Latvian spelling of %s (folded)', (cyr, lv) => {
    expect(latinSpellings(cyr)).toContain(foldForSearch(lv))
    // ... and the Cyrillic typed so far (as-you-type) transliterates to a prefix of it.
    for (let k = 3; k < [...cyr].length - 2; k++)
      expect(latinSpellings([...cyr].slice(0, k).join('')).some((f) => foldForSearch(lv).startsWith(f))).toBe(
        true,
      )
  })

  it('gives the passport spelling as well', () => {
    expect(transliterate('Шевченко', 'en')).toBe('shevchenko')
    expect(transliterate('Юрий', 'en')).toBe('yuriy')
    expect(transliterate('Евгений', 'en')).toBe('yevgeniy')
  })

  it('adds the Latvian nominative ending only to consonant endings', () => {
    expect(latvianNominative('popov')).toBe('popovs')
    expect(latvianNominative('popova')).toBe('popova')
    expect(latvianNominative('sevcenko')).toBe('sevcenko')
    expect(latvianNominative('caikovskij')).toBe('caikovskis')
  })

  it('turns any Cyrillic word into lower-case Latin letters only, and leaves Latin names alone', () => {
    const cyrillicWord = fc.string({
      unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґў'),
      minLength: 1,
      maxLength: 20,
    })
    fc.assert(
      fc.property(cyrillicWord, (w) => {
        for (const form of latinSpellings(w)) expect(form).toMatch(/^[a-z]+$/u)
        expect(nameSearchText(w).startsWith(w)).toBe(true)
      }),
    )
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdefgh āčēģīķļņšūž-’') }), (name) => {
        expect(nameSearchText(name)).toBe(name)
      }),
    )
  })

  it('indexes a Cyrillic name as written and in Latin', () => {
    expect(nameSearchText('Юрий Попов')).toBe('Юрий Попов jurij jurijs yuriy popov popovs')
    expect(latinSpellings('Чай')).toContain('cai')
    expect(nameSearchText(null)).toBe('')
  })
})
