import type { Writable } from 'node:stream'
import { drawSellerHeader } from './header'
import type { DocumentEnv } from './invoice'
import { Labels, message, type DocLanguage } from './labels'
import { PdfLayout } from './layout'

export interface WelcomeLetter {
  /** The customer's language: the letter is Latvian, plus this language when it is not Latvian. */
  language: DocLanguage
  customerName: string
  customerNumber: string
  addressLines: string[]
  email: string
  temporaryPassword: string
  portalUrl: string
  /** 'YYYY-MM-DD', Riga. */
  date: string
}

const KEY = 'customers.welcome'

/**
 * The portal welcome letter an agent prints when creating a login or resetting its password: how to
 * sign in, the e-mail and the one-time temporary password, and what the first sign-in asks for. In
 * Latvian, then again in the customer's language (English or Russian) when that is not Latvian.
 */
export async function writeWelcomeLetterPdf(
  letter: WelcomeLetter,
  env: DocumentEnv,
  out: Writable,
): Promise<void> {
  const labels = new Labels(letter.language)
  const layout = new PdfLayout({
    fonts: env.fonts,
    out,
    info: { Title: `${labels.lv(`${KEY}.title`)} ${letter.customerNumber}`, Author: env.seller.name },
    pageHeader: (l, page) => drawSellerHeader(l, env.seller, labels, { titleKey: `${KEY}.title` }, page),
    footer: (page) => `${labels.both('documents.page', { page })} · ${letter.customerNumber}`,
  })
  const recipient = [
    { text: letter.customerName, style: { bold: true } },
    ...letter.addressLines.map((text) => ({ text })),
  ]
  const h = layout.box(
    labels.both('documents.customer.title'),
    recipient,
    layout.left,
    layout.y,
    layout.width / 2,
  )
  layout.textAt(letter.date, layout.left + layout.width / 2, layout.y, layout.width / 2, {
    size: 9,
    align: 'right',
  })
  layout.y += h + 18
  block(layout, 'lv', letter)
  if (labels.bilingual) {
    layout.y += 8
    layout.line(layout.left, layout.y, layout.right, layout.y, '#999999')
    layout.y += 12
    block(layout, letter.language, letter)
  }
  await layout.finish()
}

function block(layout: PdfLayout, lang: DocLanguage, l: WelcomeLetter): void {
  const t = (key: string, params: Record<string, string> = {}) => message(lang, `${KEY}.${key}`, params)
  layout.paragraph(t('greeting', { name: l.customerName }), { size: 11, bold: true }, 8)
  layout.paragraph(t('intro', { url: l.portalUrl }), { size: 10 }, 8)
  layout.keyValues(
    [
      [t('portal'), l.portalUrl],
      [t('login'), l.email],
      [t('password'), l.temporaryPassword],
    ],
    150,
    { size: 11 },
  )
  layout.y += 6
  layout.paragraph(t('firstSignIn'), { size: 10 }, 6)
  layout.paragraph(t('keepSafe'), { size: 10 }, 6)
  layout.paragraph(t('questions'), { size: 10 }, 6)
}
