import type { Font } from 'fontkit'

/**
 * pdfkit shapes every word through fontkit (OpenType substitution and positioning) and caches the result
 * per document only, so each new PDF shaped the same labels again: that was most of the time of one
 * invoice. Each document's cache now inherits (as its prototype) a cache shared by all documents of the
 * font; pdfkit looks words up through it and writes new ones into the document's own object. When the
 * document ends, the words that an earlier document had also used move to the shared cache: labels,
 * units, dates and common amounts stay, names and document numbers go with their document, so a batch of
 * thousands keeps a flat heap. pdfkit only reads the cached runs (justified text copies the positions it
 * changes), so sharing them changes no output.
 */
export const SHAPING_CACHE_LIMITS = {
  /** Words in the shared cache of one font; reaching it starts the cache again empty. */
  maxShared: 4000,
  /** Words remembered as seen once (keys only), waiting for a second document. */
  maxSeen: 20000,
} as const

type Entries = Record<string, unknown>

interface Shared {
  entries: Entries
  size: number
  seen: Set<string>
}

const caches = new WeakMap<Font, Shared>()

function sharedFor(font: Font): Shared {
  let shared = caches.get(font)
  if (!shared) {
    shared = { entries: Object.create(null) as Entries, size: 0, seen: new Set() }
    caches.set(font, shared)
  }
  return shared
}

/** The words shared by every document using `font` (read-only for callers). */
export function sharedShapingCache(font: Font): Readonly<Entries> {
  return sharedFor(font).entries
}

/** Moves the words of one finished document that an earlier document also used into the shared cache. */
export function promoteShapedWords(font: Font, own: Entries): void {
  const shared = sharedFor(font)
  for (const word of Object.keys(own)) {
    if (!shared.seen.delete(word)) {
      if (shared.seen.size >= SHAPING_CACHE_LIMITS.maxSeen) shared.seen.clear()
      shared.seen.add(word)
      continue
    }
    if (shared.size >= SHAPING_CACHE_LIMITS.maxShared) {
      shared.entries = Object.create(null) as Entries
      shared.size = 0
    }
    shared.entries[word] = own[word]
    shared.size += 1
  }
}

/** The part of pdfkit's (untyped) document and font objects the cache is attached through. */
interface PdfkitFontInternals {
  _font: { font?: unknown; layoutCache?: Entries } | null
}

/**
 * Selects each of the registered fonts `names` of `doc` in turn and gives it a cache inheriting the
 * shared one. Returns what to call once the document has ended.
 */
export function attachShapingCaches(
  doc: PDFKit.PDFDocument,
  fonts: ReadonlyArray<readonly [name: string, font: Font]>,
): () => void {
  const attached: Array<[Font, Entries]> = []
  for (const [name, font] of fonts) {
    const current = (doc.font(name) as unknown as PdfkitFontInternals)._font
    // A pdfkit without its per-font cache (fontLayoutCache: false) is left as it is.
    if (current?.font !== font || !current.layoutCache) continue
    const own = Object.create(sharedFor(font).entries) as Entries
    current.layoutCache = own
    attached.push([font, own])
  }
  return () => {
    for (const [font, own] of attached) promoteShapedWords(font, own)
  }
}
