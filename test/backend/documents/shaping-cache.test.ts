import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadFonts, loadSeller, writeInvoicePdf, writeStatementPdf } from '../../../src/backend/documents'
import {
  promoteShapedWords,
  SHAPING_CACHE_LIMITS,
  sharedShapingCache,
} from '../../../src/backend/documents/shaping-cache'
import { sampleStatement, workedExampleInvoice } from './fixtures'
import { pdfText, renderPage, RESOURCES, tempDir } from './helpers'

describe('shaped text shared between documents', () => {
  it('renders a document the same after other documents filled the cache as when it was cold', async () => {
    const dir = tempDir()
    const env = { fonts: loadFonts(RESOURCES), seller: loadSeller(RESOURCES) }
    const inv = workedExampleInvoice()
    const cold = join(dir, 'cold.pdf')
    const warm = join(dir, 'warm.pdf')
    await writeInvoicePdf(inv, env, createWriteStream(cold))
    await writeInvoicePdf(
      workedExampleInvoice({ language: 'ru' }),
      env,
      createWriteStream(join(dir, 'ru.pdf')),
    )
    await writeStatementPdf(sampleStatement(), env, createWriteStream(join(dir, 'st.pdf')))
    await writeInvoicePdf(inv, env, createWriteStream(warm))
    expect(pdfText(warm)).toBe(pdfText(cold))
    expect(renderPage(warm, 1, 60).px.equals(renderPage(cold, 1, 60).px)).toBe(true)
    expect(Object.keys(sharedShapingCache(env.fonts.regular)).length).toBeGreaterThan(0)
  })

  it('keeps one cache per font', () => {
    const fonts = loadFonts(RESOURCES)
    expect(sharedShapingCache(fonts.regular)).not.toBe(sharedShapingCache(fonts.bold))
    expect(sharedShapingCache(fonts.regular)).toBe(sharedShapingCache(fonts.regular))
  })

  it('shares a word once a second document has used it, and never one used by a single document', () => {
    const { bold } = loadFonts(RESOURCES)
    promoteShapedWords(bold, { label: 1, 'GD-2024-0000001': 2 })
    expect(sharedShapingCache(bold)).not.toHaveProperty('label')
    promoteShapedWords(bold, { label: 3, 'GD-2024-0000002': 4 })
    expect(sharedShapingCache(bold).label).toBe(3)
    expect(sharedShapingCache(bold)).not.toHaveProperty('GD-2024-0000001')
    expect(sharedShapingCache(bold)).not.toHaveProperty('GD-2024-0000002')
  })

  it('starts the shared cache again empty when it is full', () => {
    const { regular } = loadFonts(RESOURCES)
    const words = Array.from({ length: SHAPING_CACHE_LIMITS.maxShared + 1 }, (_, i) => `w${i}`)
    const doc = Object.fromEntries(words.map((w) => [w, w]))
    promoteShapedWords(regular, doc)
    promoteShapedWords(regular, doc)
    const shared = sharedShapingCache(regular)
    // Earlier tests left words in it too: it restarted somewhere in this document, before its last word.
    expect(shared).not.toHaveProperty('w0')
    expect(shared).toHaveProperty(words[words.length - 1])
    expect(Object.keys(shared).length).toBeLessThanOrEqual(SHAPING_CACHE_LIMITS.maxShared)
  })
})
