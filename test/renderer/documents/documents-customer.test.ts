import { afterEach, describe, expect, it } from 'vitest'
import PDFDocument from 'pdfkit'
import { resolve } from 'node:path'
import { foldForSearch } from '../../../src/core/contact/fold'
import { SEARCH_DEBOUNCE_MS } from '../../../src/renderer/stores/customers'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

interface Person {
  id: string
  name: string
  last_name: string
  customer_number: string
}
function people(n: number): Person[] {
  return desk!.backend.ctx.db
    .prepare(
      `SELECT id, first_name || ' ' || last_name AS name, last_name, customer_number FROM customers
       WHERE kind = 'person' AND personal_code IS NOT NULL ORDER BY customer_number LIMIT ?`,
    )
    .all(n) as Person[]
}
const header = () => document.querySelector('.customer-context')?.textContent ?? ''
const chosen = () => document.querySelector('[data-testid=chosen-customer]')?.textContent ?? ''
async function go(path: string): Promise<void> {
  await desk!.router.push(path)
  await desk!.settle()
}
async function typeSearch(text: string): Promise<void> {
  const box = document.querySelector<HTMLInputElement>('#customer-search-input')!
  box.value = text
  box.dispatchEvent(new Event('input', { bubbles: true }))
  await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 20))
  await desk!.settle()
}

/** A real PDF without a signature, as pdfkit writes it. */
function unsignedPdf(): Promise<Buffer> {
  return new Promise((done, fail) => {
    const doc = new PDFDocument({ size: 'A4' })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => done(Buffer.concat(chunks)))
    doc.on('error', fail)
    doc.font(resolve(__dirname, '../../../resources/fonts/DejaVuSans.ttf')).text('Iesniegums bez paraksta')
    doc.end()
  })
}

// Real sign-in (scrypt) and real seeded data: generous time on a shared, busy build box.
describe('the Documents section works for the open customer', { timeout: 30_000 }, () => {
  it('takes the customer open in the Customers section and names them in the header', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const [anna] = people(1)
    await go(`/customers?id=${anna.id}`)
    expect(header()).toContain(anna.name)

    await go('/documents')
    expect(desk.router.currentRoute.value.query.customer).toBe(anna.id)
    expect(header()).toContain(anna.name)
    expect(header()).not.toContain('Klients nav atvērts')
    expect(chosen()).toContain(anna.name)
    expect(chosen()).toContain(anna.customer_number)
    expect(document.querySelector('.dr-toolbar')?.textContent).toContain('Klienta dokumenti')
  })

  it('chooses another customer with the one customer search (diacritics optional, address and masked code shown)', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const [, other] = people(2)
    await go('/documents')
    expect(header()).toContain('Klients nav atvērts')
    expect(document.querySelector('[data-testid=customer-query]')).toBeNull()

    await typeSearch(`${foldForSearch(other.last_name)} ${foldForSearch(other.name.split(' ')[0])}`)
    const hits = [...document.querySelectorAll('.search-hit')]
    const hit = hits.find((h) => h.textContent?.includes(other.customer_number))
    expect(hit, `no hit for ${other.name}`).toBeDefined()
    expect(hit!.textContent).toMatch(/\d{6}-\*{5}/)
    expect(hit!.querySelector('.hit-line.muted')?.textContent?.trim()).not.toBe('')

    hit!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }))
    await desk.settle()
    expect(desk.router.currentRoute.value.query.customer).toBe(other.id)
    expect(header()).toContain(other.name)
    expect(chosen()).toContain(other.name)
  })

  it('shows an unsigned PDF as not signed under its own name, and its customer in the header from the queue', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const [anna, other] = people(2)
    const bytes = await unsignedPdf()
    const doc = await desk.api.call('document.add', {
      customerId: other.id,
      fileName: 'Iesniegums.pdf',
      contentBase64: bytes.toString('base64'),
    })
    await go(`/customers?id=${anna.id}`)
    await go('/documents?queue=1')
    const row = [...document.querySelectorAll('[data-testid=document-list] tr')].find((r) =>
      r.textContent?.includes('Iesniegums.pdf'),
    )
    expect(row?.textContent).toContain('Nav parakstīts')
    expect(row?.textContent).not.toContain('Bojāts')

    await go(`/documents?queue=1&doc=${doc.id}`)
    const review = document.querySelector('[data-testid=document-review]')!.textContent ?? ''
    expect(review).toContain('Nav parakstīts')
    expect(review).toContain('nav neviena elektroniskā paraksta')
    expect(review).toContain('Iesniegums.pdf')
    expect(review).not.toContain('document.pdf')
    // Reviewing the document is working for its customer: the header follows.
    expect(header()).toContain(other.name)
  })
})
