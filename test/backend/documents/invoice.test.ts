import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  loadFonts,
  loadSeller,
  writeInvoicePdf,
  writeStatementPdf,
  type InvoicePrint,
} from '../../../src/backend/documents'
import { sampleStatement, workedExampleInvoice } from './fixtures'
import { pdfPages, pdfText, renderPage, RESOURCES, tempDir } from './helpers'

const env = { fonts: loadFonts(RESOURCES), seller: loadSeller(RESOURCES) }
const dir = process.env.KEEP_PDF_DIR ?? tempDir()

async function invoice(name: string, inv: InvoicePrint): Promise<string> {
  const file = join(dir, name)
  await writeInvoicePdf(inv, env, createWriteStream(file))
  return file
}

describe('invoice PDF', () => {
  it('carries every requisite of DOMAIN.md for the worked example', async () => {
    const file = await invoice('worked-example.pdf', workedExampleInvoice())
    const text = pdfText(file)
    const seller = env.seller
    const expected = [
      // number, dates, supply period
      'GD-2024-0000042',
      'Izrakstīšanas datums / Issue date: 12.04.2024',
      '01.03.2024–31.03.2024',
      'Apmaksas termiņš / Due date: 20.04.2024',
      // seller: name, registration and VAT numbers, legal address, IBANs, contacts
      seller.name,
      seller.registrationNo,
      seller.vatNo,
      'Aristida Briāna iela 6',
      'LV44 HABA 0551 0000 0000 1',
      'LV58 UNLA 0050 0000 0000 1',
      seller.contacts.phone,
      seller.contacts.email,
      // buyer, premise, subscriber number as reference, meter, metering point
      'Jānis Bērziņš',
      'Brīvības iela 1-2, Rīga, LV-1010',
      'Ķekavas iela 7, Ķekava, LV-2123',
      'Abonenta Nr. / Subscriber No.: 100004567',
      'Maksājuma mērķī norādiet abonenta numuru 100004567',
      'G4-10045678',
      'A001234567',
      // readings with marks, m3, calorific value, kWh
      '1234 (29.02.2024, faktiskais / actual)',
      '1239 (31.03.2024, prognozētais / estimated)',
      '10,55',
      // lines: unit prices excl. VAT, amounts, VAT rate and amount
      'Dabasgāze / Natural gas',
      '0,045',
      '0,0019297',
      '0,0280907',
      '4,62',
      '0,00165',
      '2,39',
      '1,49',
      '8,69',
      'PVN 21 % / VAT 21 %',
      '1,82',
      '10,51',
      // balance brought forward, late-interest note, product
      'Iepriekšējā perioda saldo',
      '0,15 %',
      'Produkts / Product: Standarta / Standard',
      'Skenējiet QR kodu',
    ]
    for (const e of expected) expect(text, e).toContain(e)
    // A private buyer's personal code only when asked for.
    expect(text).not.toContain('Personas kods')
    expect(pdfPages(file)).toHaveLength(1)
  })

  it("names the product in the invoice's languages, never by its stored code", async () => {
    for (const [language, expected] of [
      ['lv', 'Produkts: Standarta'],
      ['ru', 'Produkts / Продукт: Standarta / Стандартный'],
    ] as const) {
      const text = pdfText(await invoice(`product-${language}.pdf`, workedExampleInvoice({ language })))
      expect(text).toContain(expected)
      expect(text).not.toMatch(/\bstandard\b/)
    }
  })

  it('prints the personal code when the customer asked for it, and adds the balance brought forward', async () => {
    const base = workedExampleInvoice()
    const file = await invoice(
      'with-code.pdf',
      workedExampleInvoice({
        language: 'lv',
        customer: { ...base.customer, personalCode: '161175-19997' },
        balanceForwardCents: 1234,
      }),
    )
    const text = pdfText(file)
    expect(text).toContain('Personas kods: 161175-19997')
    expect(text).toContain('12,34')
    expect(text).toContain('22,85') // 10.51 + 12.34 due
    expect(text).not.toContain('Invoice')
  })

  it('keeps a 120-character buyer name and address inside the page and repeats the header on page 2', async () => {
    const long = 'Ļ'.repeat(10) + ' Aleksandra Čaka iela ' + 'Žagatu Ūdensrožu Ģeņģerīšu '.repeat(4)
    const base = workedExampleInvoice()
    const many = Array.from({ length: 40 }, (_, i) => ({ ...base.lines[i % base.lines.length] }))
    const file = await invoice(
      'long.pdf',
      workedExampleInvoice({
        language: 'ru',
        customer: { ...base.customer, name: long.slice(0, 120), address: long.slice(0, 120) },
        lines: many,
      }),
    )
    expect(long.slice(0, 120)).toHaveLength(120)
    const pages = pdfPages(file)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    for (const p of pages) {
      expect(p).toContain('GD-2024-0000042')
      expect(p).toContain('Pakalpojums / Услуга')
    }
    expect(pdfText(file)).toContain('Покупатель')
    // Nothing drawn in the right margin (text running off its box would land there).
    for (let page = 1; page <= pages.length; page++) {
      const img = renderPage(file, page, 36)
      const marginStart = Math.ceil(((595.28 - 30) / 72) * 36)
      let dark = 0
      for (let y = 0; y < img.h; y++)
        for (let x = marginStart; x < img.w; x++) if (img.px[y * img.w + x] < 160) dark++
      expect(dark).toBe(0)
    }
  })
})

describe('statement PDF', () => {
  it('reconciles the months and ends in an amount due with its date, in Latvian and Russian', async () => {
    const st = sampleStatement()
    const file = join(dir, 'statement.pdf')
    await writeStatementPdf(st, env, createWriteStream(file))
    const text = pdfText(file)
    for (const e of [
      'Izlīdzinātā maksājuma pārskats',
      'Отчёт по выровненному платежу',
      'GDP-2024-0000007',
      'Анна Иванова',
      '161175-19997',
      '2024-06 *',
      'Piemaksājamā summa / Сумма к доплате',
      '20.01.2025',
      '100009999',
    ])
      expect(text, e).toContain(e)
  })

  it('shows an advance when more was paid than the supply cost', async () => {
    const st = sampleStatement({ language: 'en' })
    const cost = st.months.reduce((a, m) => a + m.costCents, 0)
    const paid = st.months.reduce((a, m) => a + m.paidCents, 0)
    // An extra payment in December leaves 5,00 EUR over.
    const months = st.months.map((m, i) =>
      i === 11 ? { ...m, paidCents: m.paidCents + cost - paid + 500 } : m,
    )
    const file = join(dir, 'statement-advance.pdf')
    await writeStatementPdf({ ...st, months, dueDate: null }, env, createWriteStream(file))
    const text = pdfText(file)
    expect(text).toMatch(/Overpayment \(advance for future payments\) 5,00 EUR/)
    expect(text).not.toContain('Amount to pay')
  })
})
