import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { create, type Font } from 'fontkit'

/**
 * The embedded TTF fonts (DejaVu, licence beside them in resources/fonts): every Latvian and Cyrillic
 * letter. Parsed fontkit fonts, handed to pdfkit as they are: parsing the 1.5 MB of TTF once instead of
 * per document is most of what keeps one invoice under 30 ms.
 */
export interface FontSet {
  regular: Font
  bold: Font
}

const cache = new Map<string, FontSet>()

/** The part of fontkit's TrueType font and glyph objects `memoizeGlyphOutlines` touches (fontkit is untyped). */
interface GlyphInternals {
  _decode(): unknown
}
interface FontInternals {
  getGlyph(id: number, codePoints?: number[]): GlyphInternals | null
}

/**
 * fontkit parses a glyph's whole outline again each time a subset is written (pdfkit subsets the fonts of
 * every document when it ends), only to learn whether the glyph is composite. Glyph objects live as long
 * as the font, so each keeps its parsed outline: both users of it (subsetting, drawing paths) only read it.
 */
function memoizeGlyphOutlines(font: Font): Font {
  const internals = font as unknown as FontInternals
  const getGlyph = internals.getGlyph.bind(internals)
  internals.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints)
    if (glyph && !Object.hasOwn(glyph, '_decode')) {
      const decode = glyph._decode.bind(glyph)
      let parsed: { value: unknown } | undefined
      glyph._decode = () => (parsed ??= { value: decode() }).value
    }
    return glyph
  }
  return font
}

export function loadFonts(resourcesDir: string): FontSet {
  let set = cache.get(resourcesDir)
  if (!set) {
    const dir = join(resourcesDir, 'fonts')
    set = {
      regular: memoizeGlyphOutlines(create(readFileSync(join(dir, 'DejaVuSans.ttf')))),
      bold: memoizeGlyphOutlines(create(readFileSync(join(dir, 'DejaVuSans-Bold.ttf')))),
    }
    cache.set(resourcesDir, set)
  }
  return set
}
