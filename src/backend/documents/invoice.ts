import type { Writable } from 'node:stream'
import { buildEpcQrPayload } from '../../core/billing'
import type { FontSet } from './fonts'
import {
  printDate,
  printMoney,
  printPercentOf,
  printPeriod,
  printQuantity,
  printRate,
  printUnitPrice,
} from './format'
import { drawSellerHeader } from './header'
import { hasMessage, Labels, message } from './labels'
import { PdfLayout, type LayoutOptions } from './layout'
import type { InvoicePrint, PrintCustomer, PrintPremise, PrintReading } from './model'
import { drawQr } from './qr'
import type { Seller } from './seller'

const LINE_KEY: Record<string, string> = {
  gas: 'billing.line.gas',
  transmission_exit: 'billing.line.transmissionExit',
  distribution_variable: 'billing.line.distributionVariable',
  distribution_fixed: 'billing.line.distributionFixed',
  excise: 'billing.line.excise',
}

export interface DocumentEnv {
  fonts: FontSet
  seller: Seller
}

export function customerLines(
  c: PrintCustomer,
  labels: Labels,
): Array<{ text: string; style?: { bold?: boolean } }> {
  const lines: Array<{ text: string; style?: { bold?: boolean } }> = [
    { text: c.name, style: { bold: true } },
    { text: c.address },
    { text: `${labels.both('documents.customer.number')}: ${c.customerNumber}` },
  ]
  if (c.personalCode)
    lines.push({ text: `${labels.both('documents.customer.personalCode')}: ${c.personalCode}` })
  if (c.registrationNo)
    lines.push({ text: `${labels.both('documents.customer.regNo')}: ${c.registrationNo}` })
  if (c.vatNo) lines.push({ text: `${labels.both('documents.customer.vatNo')}: ${c.vatNo}` })
  return lines
}

export function premiseLines(
  p: PrintPremise,
  meter: { serial: string; meteringPointId: string } | null,
  labels: Labels,
): Array<{ text: string; style?: { bold?: boolean } }> {
  const lines: Array<{ text: string; style?: { bold?: boolean } }> = [
    { text: p.address, style: { bold: true } },
    {
      text: `${labels.both('documents.premise.subscriberNumber')}: ${p.subscriberNumber}`,
      style: { bold: true },
    },
  ]
  if (p.contractNumber)
    lines.push({ text: `${labels.both('documents.premise.contractNumber')}: ${p.contractNumber}` })
  if (meter) {
    lines.push({ text: `${labels.both('documents.premise.meter')}: ${meter.serial}` })
    lines.push({ text: `${labels.both('documents.premise.meteringPoint')}: ${meter.meteringPointId}` })
  }
  return lines
}

/** Two boxes side by side, as tall as the taller one. */
export function boxPair(
  layout: PdfLayout,
  left: { title: string; lines: Array<{ text: string; style?: { bold?: boolean } }> },
  right: { title: string; lines: Array<{ text: string; style?: { bold?: boolean } }> },
): void {
  const w = (layout.width - 10) / 2
  const h = Math.max(
    layout.box(left.title, left.lines, layout.left, layout.y, w, 0, true),
    layout.box(right.title, right.lines, layout.left + w + 10, layout.y, w, 0, true),
  )
  layout.ensureSpace(h)
  layout.box(left.title, left.lines, layout.left, layout.y, w, h)
  layout.box(right.title, right.lines, layout.left + w + 10, layout.y, w, h)
  layout.y += h + 8
}

/** The product's name in the document's languages (stored invoices carry its code, e.g. `standard`). */
export function productName(code: string, labels: Labels): string {
  const key = `billing.product.${code}`
  return hasMessage(key) ? labels.both(key) : code
}

const mark = (r: PrintReading, labels: Labels): string =>
  labels.both(r.status === 'actual' ? 'documents.invoice.actual' : 'documents.invoice.estimated')

export function invoiceChrome(
  inv: InvoicePrint,
  env: DocumentEnv,
): Pick<LayoutOptions, 'pageHeader' | 'footer'> {
  const labels = new Labels(inv.language)
  return {
    pageHeader: (l, page) =>
      drawSellerHeader(
        l,
        env.seller,
        labels,
        {
          titleKey: 'documents.invoice.title',
          number: { key: 'documents.invoice.number', value: inv.number },
        },
        page,
      ),
    footer: (page) =>
      `${labels.both('documents.page', { page })} · ${inv.number} · ${labels.both('documents.premise.subscriberNumber')} ${inv.premise.subscriberNumber}`,
  }
}

/** One invoice written to its own PDF stream. */
export async function writeInvoicePdf(inv: InvoicePrint, env: DocumentEnv, out: Writable): Promise<void> {
  const layout = new PdfLayout({
    fonts: env.fonts,
    out,
    info: { Title: `${message('lv', 'documents.invoice.title')} ${inv.number}`, Author: env.seller.name },
    ...invoiceChrome(inv, env),
  })
  drawInvoice(layout, inv, env)
  await layout.finish()
}

/**
 * The invoice (rēķins) with every requisite of DOMAIN.md, drawn from the layout's current page. Amounts
 * come from the stored invoice; nothing is recomputed or numbered here.
 */
export function drawInvoice(layout: PdfLayout, inv: InvoicePrint, env: DocumentEnv): void {
  const labels = new Labels(inv.language)
  const { seller } = env
  boxPair(
    layout,
    { title: labels.both('documents.customer.title'), lines: customerLines(inv.customer, labels) },
    {
      title: labels.both('documents.invoice.title'),
      lines: [
        { text: `${labels.both('documents.invoice.issueDate')}: ${printDate(inv.issueDate)}` },
        {
          text: `${labels.both('documents.invoice.period')}: ${printPeriod(inv.periodStart, inv.periodEnd)}`,
        },
        {
          text: `${labels.both('documents.invoice.dueDate')}: ${printDate(inv.dueDate)}`,
          style: { bold: true },
        },
        { text: `${labels.both('documents.invoice.product')}: ${productName(inv.product, labels)}` },
      ],
    },
  )
  const premise = premiseLines(inv.premise, inv.meter, labels)
  const ph = layout.box(
    labels.both('documents.premise.title'),
    premise,
    layout.left,
    layout.y,
    layout.width,
    0,
    true,
  )
  layout.ensureSpace(ph)
  layout.box(labels.both('documents.premise.title'), premise, layout.left, layout.y, layout.width)
  layout.y += ph + 8

  // Consumption: readings used (actual or estimated), m³, calorific value, kWh.
  layout.paragraph(labels.both('documents.invoice.consumption'), { size: 9, bold: true }, 3)
  const r = inv.readings
  layout.table(
    [
      { header: labels.both('documents.invoice.readingStart') },
      { header: labels.both('documents.invoice.readingEnd') },
      { header: labels.both('documents.invoice.volume'), width: 70, align: 'right' },
      { header: labels.both('documents.invoice.calorific'), width: 90, align: 'right' },
      { header: labels.both('documents.invoice.energy'), width: 70, align: 'right' },
    ],
    [
      {
        cells: [
          r ? `${r.start.value} (${printDate(r.start.date)}, ${mark(r.start, labels)})` : '—',
          r ? `${r.end.value} (${printDate(r.end.date)}, ${mark(r.end, labels)})` : '—',
          printQuantity(inv.volumeM3 * 1000),
          inv.calorificValue.replace('.', ','),
          printQuantity(inv.energyKWh * 1000),
        ],
      },
    ],
    { continuedLabel: labels.both('documents.continued') },
  )
  if (!r) layout.paragraph(labels.both('documents.invoice.noReadings'), { size: 7.5 })
  layout.y += 4

  const unitLabel = (u: string) => (u === 'month' ? labels.lv('billing.unit.month') : u === 'm3' ? 'm³' : u)
  layout.table(
    [
      { header: labels.both('documents.invoice.col.description') },
      { header: labels.both('documents.invoice.col.quantity'), width: 58, align: 'right' },
      { header: labels.both('documents.invoice.col.unit'), width: 36 },
      { header: labels.both('documents.invoice.col.unitPrice'), width: 66, align: 'right' },
      { header: labels.both('documents.invoice.col.net'), width: 62, align: 'right' },
      { header: labels.both('documents.invoice.col.vatRate'), width: 38, align: 'right' },
      { header: labels.both('documents.invoice.col.vat'), width: 50, align: 'right' },
      { header: labels.both('documents.invoice.col.total'), width: 56, align: 'right' },
    ],
    inv.lines.map((l) => ({
      cells: [
        `${labels.both(LINE_KEY[l.kind] ?? l.descriptionKey)}${l.from && l.to ? `\n${printPeriod(l.from, l.to)}` : ''}`,
        printQuantity(l.quantityMilli),
        unitLabel(l.unit),
        printUnitPrice(l.unitPriceMicrocents),
        printMoney(l.netCents),
        printRate(l.vatRateBp),
        printMoney(l.vatCents),
        printMoney(l.netCents + l.vatCents),
      ],
    })),
    { continuedLabel: labels.both('documents.continued') },
  )

  // Totals, right-aligned under the table.
  const vatRate = inv.lines[0] ? printRate(inv.lines[0].vatRateBp) : '21'
  const amountDue = inv.totalCents + inv.balanceForwardCents
  const totals: Array<[string, string, boolean]> = [
    [labels.both('documents.invoice.net'), printMoney(inv.netCents), false],
    [labels.both('documents.invoice.vat', { rate: vatRate }), printMoney(inv.vatCents), false],
    [labels.both('documents.invoice.total'), printMoney(inv.totalCents), true],
    [labels.both('documents.invoice.balanceForward'), printMoney(inv.balanceForwardCents), false],
    [`${labels.both('documents.invoice.amountDue')}, EUR`, printMoney(Math.max(0, amountDue)), true],
    [labels.both('documents.invoice.dueDate'), printDate(inv.dueDate), true],
  ]
  // Payment: the optional EPC QR code on the left of the totals, reference and notes below.
  const qrSize = 96
  const account = seller.bankAccounts[seller.qrAccount] ?? seller.bankAccounts[0]
  const payload =
    seller.epcQr && amountDue > 0
      ? buildEpcQrPayload({
          bic: account.bic,
          name: seller.name.slice(0, 70),
          iban: account.iban,
          amountCents: amountDue,
          remittance: inv.premise.subscriberNumber,
        })
      : null
  const qrCaption = labels.both('documents.invoice.qr')
  const qrBlock = payload ? qrSize + layout.measure(qrCaption, qrSize, { size: 6.5 }) : 0
  const labelW = 250
  const valueW = 80
  const lx = layout.right - labelW - valueW
  const rowH = totals.map(([k, , bold]) => Math.max(layout.measure(k, labelW, { size: 9, bold }), 11) + 2)
  layout.ensureSpace(
    Math.max(
      qrBlock,
      rowH.reduce((a, b) => a + b, 0),
    ),
  )
  const top = layout.y
  totals.forEach(([k, v, bold], i) => {
    layout.textAt(k, lx, layout.y, labelW, { size: 9, bold })
    layout.textAt(v, lx + labelW, layout.y, valueW, { size: 9, bold, align: 'right' })
    layout.y += rowH[i]
  })
  if (payload) {
    drawQr(layout, payload, layout.left - 6, top - 6, qrSize)
    layout.textAt(qrCaption, layout.left - 6, top + qrSize - 6, qrSize, { size: 6.5, align: 'center' })
  }
  layout.y = Math.max(layout.y, top + qrBlock) + 6
  layout.paragraph(labels.both('documents.invoice.reference', { number: inv.premise.subscriberNumber }), {
    bold: true,
    size: 9,
  })
  layout.paragraph(
    labels.both('documents.invoice.lateInterest', { rate: printPercentOf(inv.lateInterestPerDay) }),
    { size: 7.5 },
  )
  layout.paragraph(labels.both('documents.invoice.tariffs'), { size: 7.5 })
  layout.paragraph(labels.both('documents.generated'), { size: 7.5, color: '#555555' })
}
