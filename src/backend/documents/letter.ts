import { message, type DocLanguage } from './labels'
import type { Seller } from './seller'
import type { PdfLayout } from './layout'

/** The town a letter is written in, as `lang` writes it in the date line. */
export function letterPlace(seller: Seller, lang: DocLanguage): string {
  if (seller.letterPlace) return seller.letterPlace[lang]
  const parts = seller.legalAddress.split(',').map((p) => p.trim())
  return parts.length >= 2 ? parts[parts.length - 2] : seller.legalAddress
}

/**
 * A letter's date line: "Rīgā, 2026. gada 2. decembrī", "Riga, 2 December 2026",
 * "Рига, 2 декабря 2026 г." (`iso` is the calendar date in Riga).
 */
export function letterDate(lang: DocLanguage, iso: string, place: string): string {
  const [year, month, day] = iso.split('-')
  return message(lang, 'documents.letter.dated', {
    place,
    year,
    day: String(Number(day)),
    month: message(lang, `documents.letter.month.m${month}`),
  })
}

/**
 * The sender block at the top of a letter: the company's name and how to reach it. A letter is not an
 * invoice: no bank accounts, VAT number or document number here.
 */
export function drawLetterhead(layout: PdfLayout, seller: Seller): void {
  layout.y += layout.textAt(seller.name, layout.left, layout.y, layout.width, { size: 13, bold: true })
  const c = seller.contacts
  layout.y += layout.textAt(
    [seller.legalAddress, c.phone, c.email, c.web].join(' · '),
    layout.left,
    layout.y + 2,
    layout.width,
    { size: 8, color: '#444444' },
  )
  layout.y += 6
  layout.line(layout.left, layout.y, layout.right, layout.y, '#333333', 1)
  layout.y += 10
}
