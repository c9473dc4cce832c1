import type { Writable } from 'node:stream'
import type { DocumentEnv } from './invoice'
import { Labels, message, type DocLanguage } from './labels'
import { PdfLayout } from './layout'
import { drawLetterhead, letterDate, letterPlace } from './letter'

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
  /** The agent who printed it, signing for the customer service centre; null when unknown. */
  signedBy: string | null
}

const KEY = 'customers.welcome'

/**
 * The portal welcome letter an agent prints when creating a login or resetting its password, laid out
 * as a letter: the sender, the recipient's address where a window envelope shows it, the date as a
 * Latvian letter is dated, a subject, a salutation by name, the sign-in details, and a signature with
 * the centre's contacts. In Latvian, then again in the customer's language when that is not Latvian.
 */
export async function writeWelcomeLetterPdf(
  letter: WelcomeLetter,
  env: DocumentEnv,
  out: Writable,
): Promise<void> {
  const labels = new Labels(letter.language)
  const { seller } = env
  const layout = new PdfLayout({
    fonts: env.fonts,
    out,
    info: { Title: `${labels.lv(`${KEY}.title`)} ${letter.customerNumber}`, Author: seller.name },
    pageHeader: (l, page) => {
      if (page === 1) drawLetterhead(l, seller)
    },
    footer: (page) =>
      `${labels.both('documents.customer.number')} ${letter.customerNumber} · ${labels.both('documents.page', { page })}`,
  })

  // Recipient on the left (a window envelope's place), date and our reference on the right.
  layout.y += 18
  const top = layout.y
  const half = layout.width / 2
  let y = top
  y += layout.textAt(letter.customerName, layout.left, y, half - 10, { size: 10, bold: true })
  for (const line of letter.addressLines)
    y += layout.textAt(line, layout.left, y + 1, half - 10, { size: 10 })
  const right = layout.left + half
  let ry = top
  for (const lang of labels.bilingual ? (['lv', letter.language] as const) : (['lv'] as const)) {
    ry += layout.textAt(letterDate(lang, letter.date, letterPlace(seller, lang)), right, ry, half, {
      size: lang === 'lv' ? 10 : 9,
      color: lang === 'lv' ? '#000000' : '#444444',
      align: 'right',
    })
  }
  ry += layout.textAt(
    `${labels.both('documents.customer.number')}: ${letter.customerNumber}`,
    right,
    ry + 4,
    half,
    { size: 8.5, color: '#444444', align: 'right' },
  )
  layout.y = Math.max(y, ry) + 28

  body(layout, 'lv', letter, env)
  if (labels.bilingual) {
    layout.ensureSpace(120)
    layout.y += 4
    layout.line(layout.left, layout.y, layout.right, layout.y, '#999999')
    layout.y += 14
    body(layout, letter.language, letter, env)
  }
  await layout.finish()
}

function body(layout: PdfLayout, lang: DocLanguage, l: WelcomeLetter, env: DocumentEnv): void {
  const t = (key: string, params: Record<string, string> = {}) => message(lang, `${KEY}.${key}`, params)
  const c = env.seller.contacts
  layout.paragraph(t('subject'), { size: 11, bold: true }, 10)
  layout.paragraph(t('greeting', { name: l.customerName }), { size: 10 }, 6)
  layout.paragraph(t('intro', { url: l.portalUrl }), { size: 10 }, 6)
  layout.keyValues(
    [
      [t('portal'), l.portalUrl],
      [t('login'), l.email],
      [t('password'), l.temporaryPassword],
    ],
    170,
    { size: 10.5 },
  )
  layout.y += 4
  layout.paragraph(t('firstSignIn'), { size: 10 }, 4)
  layout.paragraph(t('keepSafe'), { size: 10 }, 4)
  layout.paragraph(t('questions', { phone: c.phone, email: c.email }), { size: 10 }, 12)
  layout.paragraph(t('closing'), { size: 10 }, 14)
  if (l.signedBy) layout.paragraph(l.signedBy, { size: 10, bold: true }, 1)
  layout.paragraph(t('team'), { size: 10 }, 1)
  layout.paragraph(env.seller.name, { size: 10 }, 10)
}
