/**
 * Cyrillic names in Latin letters, so the one search box meets a name however it was written: `Попов`
 * typed by a Russian-speaking agent finds the customer registered as `Popovs`, and `popovs` finds one
 * registered as `Попов`. Two spellings are produced, because both occur in the register:
 * - `lv`: Latvian official transliteration (Cabinet Regulation No. 114 practice), already folded the way
 *   the search index folds Latin letters (š -> s, č -> c, ž -> z, ļ -> l): Шевченко -> sevcenko,
 *   Евгений -> jevgenij, Наталья -> natalja, Крылов -> krilov.
 * - `en`: the passport-style (ICAO-like) spelling found on foreign documents: shevchenko, yevgeniy.
 * Latvian adds the nominative ending to masculine names (Popovs, Jurijs, Igors, Čaikovskis);
 * `latvianNominative` gives that form, so the whole Latvian spelling matches too, not only its prefix.
 */

type Style = 'lv' | 'en'

// Letter by letter; е/ё/ю/я and the soft and hard signs depend on their neighbours (see `transliterate`).
// prettier-ignore
const LV: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ж: 'z', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', ш: 's',
  щ: 'sc', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'ju', я: 'ja', ё: 'jo',
  // Ukrainian and Belarusian letters that appear in names.
  і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
}
// prettier-ignore
const EN: Record<string, string> = {
  ...LV,
  ж: 'zh', й: 'y', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ы: 'y', ю: 'yu', я: 'ya', ё: 'yo',
  ї: 'yi', є: 'ye',
}

const VOWELS = new Set([...'аеёиоуыэюяіїєaeiouy'])
const CYRILLIC = /\p{Script=Cyrillic}/u

export function hasCyrillic(text: string): boolean {
  return CYRILLIC.test(text)
}

/** Lower-cased Latin spelling of a Cyrillic word (other characters pass through lower-cased). */
export function transliterate(word: string, style: Style): string {
  const table = style === 'lv' ? LV : EN
  const chars = [...word.toLowerCase().normalize('NFC')]
  let out = ''
  chars.forEach((ch, i) => {
    const prev = i === 0 ? '' : chars[i - 1]
    if (ch === 'е') {
      // Word-initially and after a vowel or a sign е is "je" (Jevgeņijs, Vasiļjevs); else "e".
      const iotated = prev === '' || VOWELS.has(prev) || prev === 'ь' || prev === 'ъ'
      out += iotated ? (style === 'lv' ? 'je' : 'ye') : 'e'
    } else if (ch === 'й' && style === 'lv' && i + 1 < chars.length && !VOWELS.has(chars[i + 1]))
      // Between a vowel and a consonant Latvian writes i: Чайковский -> Čaikovskis.
      out += VOWELS.has(prev) ? 'i' : 'j'
    else out += table[ch] ?? ch
  })
  return out
}

/**
 * The Latvian nominative form of a transliterated masculine name: a consonant (or j) ending takes -s
 * (popov -> popovs, jurij -> jurijs, igor -> igors); names ending in a vowel stay (petrova, sevcenko).
 */
export function latvianNominative(lvWord: string): string {
  // -ский/-цкий are -skis/-ckis in Latvian (Čaikovskis), other -ий is -ijs (Jurijs, Dmitrijs).
  if (/[sc]kij$/u.test(lvWord)) return `${lvWord.slice(0, -2)}is`
  return /[bcdfghjklmnprstvz]$/u.test(lvWord) && !/s$/u.test(lvWord) ? `${lvWord}s` : lvWord
}

/**
 * Every Latin spelling a Cyrillic word is indexed and searched under, without duplicates: Latvian,
 * Latvian with its nominative ending, passport style.
 */
export function latinSpellings(word: string): string[] {
  if (!hasCyrillic(word)) return []
  const lv = transliterate(word, 'lv')
  // A word typed up to a й after a vowel (Чай… of Чайковский) may go on with a consonant: i, not j.
  const open = /[aeou]j$/u.test(lv) ? [`${lv.slice(0, -1)}i`] : []
  return [...new Set([lv, latvianNominative(lv), ...open, transliterate(word, 'en')])].filter(
    (w) => w !== '' && !hasCyrillic(w),
  )
}

/**
 * The text a name is indexed by: the name as written, then the Latin spellings of its Cyrillic words.
 * Latin-only names come back unchanged (and cost nothing).
 */
export function nameSearchText(name: string | null): string {
  if (!name) return ''
  if (!hasCyrillic(name)) return name
  const extra = name
    .split(/[^\p{L}\p{M}]+/u)
    .filter((w) => w !== '')
    .flatMap(latinSpellings)
  return [name, ...new Set(extra)].join(' ')
}
