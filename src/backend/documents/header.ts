import { formatIban } from '../../core/billing'
import type { Labels } from './labels'
import type { PdfLayout } from './layout'
import type { Seller } from './seller'

export interface DocumentTitle {
  /** Message key of the title, e.g. documents.invoice.title. */
  titleKey: string
  /** Label key and value of the document's number, when it has one. */
  number?: { key: string; value: string }
}

/**
 * The running header of every page: the seller's name, registration and VAT numbers, legal address and
 * contacts on the left, the document title and number on the right, a rule below.
 */
export function drawSellerHeader(
  layout: PdfLayout,
  seller: Seller,
  labels: Labels,
  title: DocumentTitle,
  pageNo: number,
): void {
  const top = layout.y
  const leftWidth = layout.width * 0.58
  const rightX = layout.left + leftWidth + 10
  const rightWidth = layout.right - rightX
  let y = top
  y += layout.textAt(seller.name, layout.left, y, leftWidth, { size: 11, bold: true })
  const small = { size: 7.5 }
  y += layout.textAt(
    `${labels.both('documents.seller.regNo', { value: seller.registrationNo })}   ${labels.both('documents.seller.vatNo', { value: seller.vatNo })}`,
    layout.left,
    y + 1,
    leftWidth,
    small,
  )
  y += layout.textAt(
    `${labels.both('documents.seller.legalAddress')}: ${seller.legalAddress}`,
    layout.left,
    y + 1,
    leftWidth,
    small,
  )
  const c = seller.contacts
  y += layout.textAt(
    `${labels.both('documents.seller.contacts')}: ${c.phone}, ${c.email}, ${c.web}${c.hours ? `, ${c.hours}` : ''}`,
    layout.left,
    y + 1,
    leftWidth,
    small,
  )
  if (pageNo === 1) {
    // Bank accounts once, on the first page: they are a requisite, not a running header.
    const accounts = seller.bankAccounts.map((a) => `${a.bank} ${a.bic} ${formatIban(a.iban)}`).join('; ')
    y += layout.textAt(
      `${labels.both('documents.seller.accounts')}: ${accounts}`,
      layout.left,
      y + 1,
      leftWidth,
      small,
    )
  }

  let ry = top
  ry += layout.textAt(labels.lv(title.titleKey), rightX, ry, rightWidth, {
    size: 16,
    bold: true,
    align: 'right',
  })
  const other = labels.other(title.titleKey)
  if (other)
    ry += layout.textAt(other, rightX, ry, rightWidth, { size: 10, color: '#444444', align: 'right' })
  if (title.number) {
    ry += layout.textAt(
      `${labels.both(title.number.key)} ${title.number.value}`,
      rightX,
      ry + 2,
      rightWidth,
      { size: 9, bold: true, align: 'right' },
    )
  }
  layout.y = Math.max(y, ry) + 6
  layout.line(layout.left, layout.y, layout.right, layout.y, '#333333', 1)
  layout.y += 8
}
