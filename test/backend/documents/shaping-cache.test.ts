import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadFonts, loadSeller, writeInvoicePdf, writeStatementPdf } from '../../../src/backend/documents'
import { SHAPING_CACHE_LIMITS, sharedShapingCache } from '../../../src/backend/documents/shaping-cache'
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

  it('starts again empty once it holds more entries than the limit', () => {
    const { regular } = loadFonts(RESOURCES)
    const full = sharedShapingCache(regular)
    for (let i = 0; i <= SHAPING_CACHE_LIMITS.maxEntries; i++) full[`word${i}`] = i
    let current = full
    for (let i = 0; i < SHAPING_CACHE_LIMITS.checkEvery && current === full; i++)
      current = sharedShapingCache(regular)
    expect(current).not.toBe(full)
    expect(Object.keys(current)).toEqual([])
  })
})
