import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { drawSellerHeader, Labels, loadFonts, loadSeller, PdfLayout } from '../../../src/backend/documents'
import { pdfPages, pdfText, renderPage, RESOURCES, tempDir } from './helpers'

const LONG_NAME =
  'Starptautiskā Sabiedrība „Ķeguma Ūdensšķirtnes Gāzapgādes Ēkas Apsaimniekošana” un Ļoti Garš Nosaukums Ģimenei ŽŅČ Ābeles'

async function sample(
  file: string,
  lang: 'lv' | 'en' | 'ru',
  rows: number,
): Promise<{ top: number; height: number }> {
  const seller = loadSeller(RESOURCES)
  const labels = new Labels(lang)
  const layout = new PdfLayout({
    fonts: loadFonts(RESOURCES),
    out: createWriteStream(file),
    info: { Title: 'layout test' },
    pageHeader: (l, page) =>
      drawSellerHeader(
        l,
        seller,
        labels,
        {
          titleKey: 'documents.invoice.title',
          number: { key: 'documents.invoice.number', value: 'GD-2024-0000001' },
        },
        page,
      ),
    footer: (page) => labels.both('documents.page', { page }),
  })
  const x = layout.left
  const top = layout.y
  const h = layout.box(
    labels.both('documents.customer.title'),
    [
      { text: LONG_NAME, style: { bold: true } },
      { text: 'Ūdens iela 1, Ķekava, LV-2123 — Съешь же ещё этих мягких французских булок' },
    ],
    x,
    layout.y,
    220,
  )
  layout.y += h + 8
  layout.table(
    [
      { header: labels.both('documents.invoice.col.description') },
      { header: 'EUR', width: 80, align: 'right' },
    ],
    Array.from({ length: rows }, (_, i) => ({ cells: [`Rinda ${i + 1} — ${LONG_NAME}`, `${i},00`] })),
    { continuedLabel: labels.both('documents.continued') },
  )
  await layout.finish()
  return { top, height: h }
}

describe('PDF layout', () => {
  const dir = process.env.KEEP_PDF_DIR ?? tempDir()

  it('wraps a 120-character name inside its box and keeps Latvian and Cyrillic letters in the text layer', async () => {
    const file = join(dir, 'wrap.pdf')
    expect(LONG_NAME.length).toBeGreaterThanOrEqual(120)
    const box = await sample(file, 'ru', 3)
    // Four or more lines: the name and the address wrapped rather than ran off.
    expect(box.height).toBeGreaterThan(60)
    const text = pdfText(file)
    for (const word of [
      'Ķeguma',
      'Ūdensšķirtnes',
      'Ģimenei',
      'ŽŅČ',
      'Съешь',
      'французских',
      'Покупатель',
      'Pircējs',
    ])
      expect(text).toContain(word)
    // The box is 220 pt wide: nothing may be drawn right of it on the box's rows (measured at 30 dpi).
    const page = renderPage(file, 1, 30)
    const boxRight = Math.ceil(((40 + 220) / 72) * 30) + 2
    const top = Math.ceil((box.top / 72) * 30) + 1
    const bottom = Math.floor(((box.top + box.height) / 72) * 30) - 1
    let dark = 0
    for (let y = top; y < bottom; y++)
      for (let x = boxRight; x < page.w; x++) if (page.px[y * page.w + x] < 128) dark++
    expect(dark).toBe(0)
  })

  it('flows a long table onto further pages with the header and the column titles repeated', async () => {
    const file = join(dir, 'flow.pdf')
    await sample(file, 'en', 80)
    const pages = pdfPages(file)
    expect(pages.length).toBeGreaterThanOrEqual(3)
    for (const [i, p] of pages.entries()) {
      expect(p).toContain('Rēķins')
      expect(p).toContain('GD-2024-0000001')
      expect(p).toContain('Pakalpojums / Description')
      expect(p).toContain(`Lapa ${i + 1} / Page ${i + 1}`)
    }
    // pdftotext sometimes drops the C after ' / ' at this size; the rendered page shows it (checked by eye).
    expect(pages[1]).toMatch(/C?ontinued from the previous page/)
    const all = pages.join('\n')
    for (let i = 1; i <= 80; i++) expect(all).toContain(`Rinda ${i} —`)
  })

  it('writes Latvian only when the customer reads Latvian', async () => {
    const file = join(dir, 'lv.pdf')
    await sample(file, 'lv', 1)
    const text = pdfText(file)
    expect(text).toContain('Pircējs')
    expect(text).not.toContain('Buyer')
    expect(text).not.toContain(' / Page')
  })
})
