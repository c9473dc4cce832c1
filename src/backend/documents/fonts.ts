import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The embedded TTF fonts (DejaVu, licence beside them in resources/fonts): every Latvian and Cyrillic letter. */
export interface FontSet {
  regular: Buffer
  bold: Buffer
}

const cache = new Map<string, FontSet>()

/** Read once per resources folder: a batch of a thousand documents must not re-read 1.5 MB each time. */
export function loadFonts(resourcesDir: string): FontSet {
  let set = cache.get(resourcesDir)
  if (!set) {
    const dir = join(resourcesDir, 'fonts')
    set = {
      regular: readFileSync(join(dir, 'DejaVuSans.ttf')),
      bold: readFileSync(join(dir, 'DejaVuSans-Bold.ttf')),
    }
    cache.set(resourcesDir, set)
  }
  return set
}
