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

export function loadFonts(resourcesDir: string): FontSet {
  let set = cache.get(resourcesDir)
  if (!set) {
    const dir = join(resourcesDir, 'fonts')
    set = {
      regular: create(readFileSync(join(dir, 'DejaVuSans.ttf'))),
      bold: create(readFileSync(join(dir, 'DejaVuSans-Bold.ttf'))),
    }
    cache.set(resourcesDir, set)
  }
  return set
}
