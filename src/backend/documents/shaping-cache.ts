import type { Font } from 'fontkit'

/**
 * pdfkit shapes every word through fontkit (OpenType substitution and positioning) and caches the result
 * per document only, so each new PDF shaped the same labels again: that was most of the time of one
 * invoice. The same cache object is handed to every document instead, per parsed font. pdfkit only reads
 * the cached runs (justified text copies the positions it changes), so sharing them changes no output.
 *
 * pdfkit writes the entries itself, so the size is checked as documents start: past the limit the cache
 * starts again empty, which bounds memory over a batch of many thousand documents with distinct names.
 */
export const SHAPING_CACHE_LIMITS = { maxEntries: 8000, checkEvery: 32 } as const

interface Shared {
  entries: Record<string, unknown>
  uses: number
}

const caches = new WeakMap<Font, Shared>()

export function sharedShapingCache(font: Font): Record<string, unknown> {
  let shared = caches.get(font)
  if (!shared) {
    shared = { entries: Object.create(null) as Record<string, unknown>, uses: 0 }
    caches.set(font, shared)
  }
  shared.uses += 1
  if (
    shared.uses % SHAPING_CACHE_LIMITS.checkEvery === 0 &&
    Object.keys(shared.entries).length > SHAPING_CACHE_LIMITS.maxEntries
  )
    shared.entries = Object.create(null) as Record<string, unknown>
  return shared.entries
}

/** The part of pdfkit's (untyped) document and font objects the cache is attached through. */
interface PdfkitFontInternals {
  _font: { font?: unknown; layoutCache?: Record<string, unknown> } | null
}

/** Points the current font of `doc` (one of `fonts`) at the shared cache of its fontkit font. */
export function attachShapingCache(doc: PDFKit.PDFDocument, fonts: readonly Font[]): void {
  const current = (doc as unknown as PdfkitFontInternals)._font
  const font = fonts.find((f) => f === current?.font)
  // A pdfkit without the per-font cache (fontLayoutCache: false) is left as it is.
  if (current && font && current.layoutCache) current.layoutCache = sharedShapingCache(font)
}
