/**
 * Search folding: `Bērziņš` -> `berzins`. Latin letters lose their diacritics (so agents can type without
 * Latvian keyboard layouts); Cyrillic is only lower-cased, because й/ё are distinct letters, not accents.
 */
const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
}

const LATIN = /\p{Script=Latin}/u

export function foldForSearch(input: string): string {
  // Decompose first so that a mark typed separately after a Latin letter goes too; marks on other
  // scripts stay and are recomposed at the end (й, ё).
  let out = ''
  let afterLatin = false
  for (const ch of input.toLowerCase().normalize('NFD')) {
    if (/\p{M}/u.test(ch)) {
      if (!afterLatin) out += ch
      continue
    }
    afterLatin = LATIN.test(ch)
    out += afterLatin ? (LATIN_SPECIAL[ch] ?? ch) : ch
  }
  // Typographic apostrophes and dashes fold to their ASCII forms; whitespace runs to one space.
  return out
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc`]/gu, "'")
    .replace(/[\u2010-\u2015]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
}
