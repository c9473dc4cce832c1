import type { Writable } from 'node:stream'
import { buildStatement } from '../../core/billing'
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
 * The balanced-payment statement (pārskats) of one premise. Month by month: actual cost, the scheduled
 * instalment, what was actually paid and the running difference (paid − cost); then the totals and the
 * amount due or the advance. All of it comes from the months through the core's buildStatement, so the
 * page reconciles to the cent: the last running difference is total paid − total cost, and the amount
 * due (or credited) is that difference; unpaid instalments are shown apart from the schedule.
 */
export function drawStatement(layout: PdfLayout, st: StatementPrint): void {
  const labels = new Labels(st.language)
  const calc = buildStatement(
    st.months.map((m) => ({
      month: m.month,
      costCents: m.costCents,
      instalmentCents: m.instalmentCents,
      paidCents: m.paidCents,
    })),
  )
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
  const rows = st.months.map((m, i) => ({
    cells: [
      `${m.month}${m.estimated ? ' *' : ''}`,
      printQuantity(m.volumeM3 * 1000),
      printQuantity(m.kWh * 1000),
      printMoney(m.costCents),
      printMoney(m.instalmentCents),
      printMoney(m.paidCents),
      printMoney(calc.months[i].runningBalanceCents),
    ],
  }))
  const sum = (f: (m: StatementPrint['months'][number]) => number) => st.months.reduce((a, m) => a + f(m), 0)
  rows.push({
    cells: [
      labels.both('documents.statement.totals'),
      printQuantity(sum((m) => m.volumeM3) * 1000),
      printQuantity(sum((m) => m.kWh) * 1000),
      printMoney(calc.totalCostCents),
      printMoney(calc.totalInstalmentsCents),
      printMoney(calc.totalPaidCents),
      printMoney(calc.balanceCents),
    ],
  })
  layout.table(
    [
      { header: labels.both('documents.statement.col.month') },
      { header: labels.both('documents.statement.col.m3'), width: 42, align: 'right' },
      { header: labels.both('documents.statement.col.kwh'), width: 50, align: 'right' },
      { header: labels.both('documents.statement.col.cost'), width: 74, align: 'right' },
      { header: labels.both('documents.statement.col.instalment'), width: 74, align: 'right' },
      { header: labels.both('documents.statement.col.paid'), width: 74, align: 'right' },
      { header: labels.both('documents.statement.col.running'), width: 96, align: 'right' },
    ],
    rows.map((r, i) => ({ ...r, bold: i === rows.length - 1 })),
    { continuedLabel: labels.both('documents.continued') },
  )
  if (st.months.some((m) => m.estimated))
    layout.paragraph(labels.both('documents.statement.estimatedMark'), { size: 7 })
  layout.y += 4
  layout.paragraph(labels.both('documents.statement.summary'), { size: 9, bold: true }, 3)
  const eur = (cents: number) => `${printMoney(cents)} EUR`
  const pairs: Array<[string, string]> = [
    [labels.both('documents.statement.totalCost'), eur(calc.totalCostCents)],
    [labels.both('documents.statement.totalPaid'), eur(calc.totalPaidCents)],
    [labels.both('documents.statement.difference'), eur(calc.balanceCents)],
  ]
  if (calc.dueCents > 0) {
    pairs.push([labels.both('documents.statement.due'), eur(calc.dueCents)])
    if (st.dueDate) pairs.push([labels.both('documents.invoice.dueDate'), printDate(st.dueDate)])
  } else if (calc.advanceCents > 0) {
    pairs.push([labels.both('documents.statement.advance'), eur(calc.advanceCents)])
  } else {
    pairs.push([labels.both('documents.statement.settled'), eur(0)])
  }
  layout.keyValues(pairs, 300, { size: 9 })
  layout.y += 4
  // The schedule apart from the money: why the amount due can be more than cost minus instalments.
  const schedule: Array<[string, string]> = [
    [labels.both('documents.statement.scheduledTotal'), eur(calc.totalInstalmentsCents)],
  ]
  const unpaid = calc.totalInstalmentsCents - calc.totalPaidCents
  if (unpaid > 0) schedule.push([labels.both('documents.statement.unpaidInstalments'), eur(unpaid)])
  if (unpaid < 0) schedule.push([labels.both('documents.statement.paidAboveSchedule'), eur(-unpaid)])
  if (st.nextInstalmentCents !== null)
    schedule.push([labels.both('documents.statement.nextInstalment'), eur(st.nextInstalmentCents)])
  layout.keyValues(schedule, 300, { size: 8.5 })
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
