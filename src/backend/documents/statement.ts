import type { Writable } from 'node:stream'
import { printDate, printMoney, printPercentOf, printPeriod, printQuantity } from './format'
import { drawSellerHeader } from './header'
import { boxPair, customerLines, premiseLines, type DocumentEnv } from './invoice'
import { Labels, message } from './labels'
import { PdfLayout, type LayoutOptions } from './layout'
import type { StatementPrint } from './model'

export function statementChrome(
  st: StatementPrint,
  env: DocumentEnv,
): Pick<LayoutOptions, 'pageHeader' | 'footer'> {
  const labels = new Labels(st.language)
  return {
    pageHeader: (l, page) =>
      drawSellerHeader(
        l,
        env.seller,
        labels,
        {
          titleKey: 'documents.statement.title',
          number: { key: 'documents.statement.number', value: st.number },
        },
        page,
      ),
    footer: (page) =>
      `${labels.both('documents.page', { page })} · ${st.number} · ${labels.both('documents.premise.subscriberNumber')} ${st.premise.subscriberNumber}`,
  }
}

export async function writeStatementPdf(st: StatementPrint, env: DocumentEnv, out: Writable): Promise<void> {
  const layout = new PdfLayout({
    fonts: env.fonts,
    out,
    info: { Title: `${message('lv', 'documents.statement.title')} ${st.number}`, Author: env.seller.name },
    ...statementChrome(st, env),
  })
  drawStatement(layout, st)
  await layout.finish()
}

/**
 * The balanced-payment statement (pārskats) of one premise: actual cost month by month against the
 * instalments, ending in an advance or an amount due with its due date.
 */
export function drawStatement(layout: PdfLayout, st: StatementPrint): void {
  const labels = new Labels(st.language)
  boxPair(
    layout,
    { title: labels.both('documents.customer.title'), lines: customerLines(st.customer, labels) },
    { title: labels.both('documents.premise.title'), lines: premiseLines(st.premise, st.meter, labels) },
  )
  layout.keyValues(
    [
      [labels.both('documents.invoice.issueDate'), printDate(st.issueDate)],
      [labels.both('documents.statement.period'), printPeriod(st.periodStart, st.periodEnd)],
    ],
    200,
    { size: 8.5 },
  )
  layout.y += 4
  let running = 0
  const rows = st.months.map((m) => {
    running += m.instalmentCents - m.costCents
    return {
      cells: [
        `${m.month}${m.estimated ? ' *' : ''}`,
        printQuantity(m.volumeM3 * 1000),
        printQuantity(m.kWh * 1000),
        printMoney(m.costCents),
        printMoney(m.instalmentCents),
        printMoney(m.instalmentCents - m.costCents),
        printMoney(running),
      ],
    }
  })
  const totalM3 = st.months.reduce((a, m) => a + m.volumeM3, 0)
  const totalKWh = st.months.reduce((a, m) => a + m.kWh, 0)
  const totalInst = st.months.reduce((a, m) => a + m.instalmentCents, 0)
  rows.push({
    cells: [
      labels.both('documents.statement.totals'),
      printQuantity(totalM3 * 1000),
      printQuantity(totalKWh * 1000),
      printMoney(st.actualCostCents),
      printMoney(totalInst),
      printMoney(totalInst - st.actualCostCents),
      '',
    ],
  })
  layout.table(
    [
      { header: labels.both('documents.statement.col.month') },
      { header: labels.both('documents.statement.col.m3'), width: 50, align: 'right' },
      { header: labels.both('documents.statement.col.kwh'), width: 60, align: 'right' },
      { header: labels.both('documents.statement.col.cost'), width: 72, align: 'right' },
      { header: labels.both('documents.statement.col.instalment'), width: 72, align: 'right' },
      { header: labels.both('documents.statement.col.difference'), width: 72, align: 'right' },
      {
        header:
          labels.lv('billing.statement.balance') +
          (labels.other('billing.statement.balance')
            ? ` / ${labels.other('billing.statement.balance')}`
            : ''),
        width: 80,
        align: 'right',
      },
    ],
    rows.map((r, i) => ({ ...r, bold: i === rows.length - 1 })),
    { continuedLabel: labels.both('documents.continued') },
  )
  if (st.months.some((m) => m.estimated))
    layout.paragraph(labels.both('documents.statement.estimatedMark'), { size: 7 })
  layout.y += 4
  const pairs: Array<[string, string]> = [
    [labels.both('documents.statement.totalCost'), `${printMoney(st.actualCostCents)} EUR`],
    [labels.both('documents.statement.totalPaid'), `${printMoney(st.instalmentsPaidCents)} EUR`],
  ]
  if (st.balanceCents > 0) {
    pairs.push([labels.both('documents.statement.due'), `${printMoney(st.balanceCents)} EUR`])
    if (st.dueDate) pairs.push([labels.both('documents.invoice.dueDate'), printDate(st.dueDate)])
  } else {
    pairs.push([labels.both('documents.statement.advance'), `${printMoney(-st.balanceCents)} EUR`])
  }
  if (st.nextInstalmentCents !== null)
    pairs.push([
      labels.both('documents.statement.nextInstalment'),
      `${printMoney(st.nextInstalmentCents)} EUR`,
    ])
  layout.keyValues(pairs, 300, { size: 9 })
  layout.y += 6
  layout.paragraph(labels.both('documents.invoice.reference', { number: st.premise.subscriberNumber }), {
    bold: true,
    size: 9,
  })
  layout.paragraph(
    labels.both('documents.invoice.lateInterest', { rate: printPercentOf(st.lateInterestPerDay) }),
    { size: 7.5 },
  )
  layout.paragraph(labels.both('documents.generated'), { size: 7.5, color: '#555555' })
}
