import { afterEach, describe, expect, it } from 'vitest'
import { issue, signedData } from '../../backend/signatures/pki/test-pki'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const ca = issue(null, 'Renderer Test CA', { ca: true })
const signer = issue(ca, 'Anna Kalnina')
const content = Buffer.from('%PDF-1.4\n% Līgums Nr. 42\n')
/** A real detached CMS signature over `content`, from the test PKI. */
const p7s = signedData({
  signer,
  content,
  detached: true,
  signingTime: new Date('2026-11-20T09:00:00Z'),
  certs: [signer, ca],
})

/** Bytes as a File part (a copy in a plain ArrayBuffer, as the picker gives). */
const part = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b)

const text = (sel: string) => document.querySelector(sel)?.textContent ?? ''

async function openDocuments(): Promise<string> {
  const { id } = desk!.backend.ctx.db
    .prepare("SELECT id FROM customers WHERE kind = 'person' LIMIT 1")
    .get() as {
    id: string
  }
  await desk!.router.push(`/documents?customer=${id}`)
  await desk!.settle()
  return id
}

/** What the browser's picker hands over when the agent chooses `files` (the input stays hidden). */
async function pick(testId: string, files: File[]): Promise<void> {
  const input = document.querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await desk!.settle()
}

async function submit(): Promise<void> {
  document.querySelector<HTMLButtonElement>('[data-testid=add-submit]')!.click()
  // Validation runs in the backend; wait for the call and the review it opens.
  for (let i = 0; i < 50 && !document.querySelector('[data-testid=document-review] .dr-head'); i++)
    await desk!.settle()
}

describe('Documents: a detached .p7s with its content file in one step', { timeout: 60_000 }, () => {
  it('two files chosen at once: the .p7s is the signature, the other its content; the review names both', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    await openDocuments()
    await pick('file-input', [
      new File([part(content)], 'ligums.pdf'),
      new File([part(p7s)], 'ligums.pdf.p7s'),
    ])
    expect(text('[data-testid=file-name]')).toBe('ligums.pdf.p7s')
    expect(text('[data-testid=content-name]')).toBe('ligums.pdf')
    await submit()
    const review = text('[data-testid=document-review]')
    expect(text('[data-testid=review-content-file]')).toContain('parakstīts fails: ligums.pdf')
    expect(review).toContain('Saturs kopš parakstīšanas nav mainīts.')
    expect(review).not.toContain('Nederīgs')
    expect(text('[data-testid=document-list]')).toContain('ligums.pdf')
  })

  it('the content file by its own picker; a wrong one makes the signature invalid', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    await openDocuments()
    expect(document.querySelector('[data-testid=content-row]')).toBeNull()
    await pick('file-input', [new File([part(p7s)], 'ligums.pdf.p7s')])
    expect(text('[data-testid=content-name]')).toContain('Nav satura faila')
    await pick('content-input', [new File([part(Buffer.from('%PDF-1.4\n% cits\n'))], 'cits.pdf')])
    expect(text('[data-testid=content-name]')).toBe('cits.pdf')
    await submit()
    const review = text('[data-testid=document-review]')
    expect(review).toContain('Nederīgs')
    expect(review).toContain('Saturs pēc parakstīšanas ir mainīts')
  })

  it('more than two files, or two without a signature, are refused in the agent’s language before any call', async () => {
    desk = await mountOnBackend({ signInAs: 'olga', language: 'ru' })
    await openDocuments()
    await pick('file-input', [new File([part(content)], 'a.pdf'), new File([part(content)], 'b.pdf')])
    expect(text('[data-testid=add-message]')).toBe(
      'Выберите один файл или подпись .p7s вместе с файлом содержимого.',
    )
  })
})

describe('Documents: the trusted lists', { timeout: 60_000 }, () => {
  it('warns in the agent’s language when the lists are past their next-update date and shows each list’s dates', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' }) // workstation clock 27.11.2026: the 2023 lists are overdue
    await openDocuments()
    const banner = text('[data-testid=trust-overdue]')
    expect(banner).toContain('Uzticamo pakalpojumu saraksti ir novecojuši')
    expect(banner).toContain('EU, EE, LT, LV: atjaunināšanas termiņš bija 02.12.2023.;')
    const lv = document.querySelector('[data-testid=trust-lists] tr[data-territory=LV]')!
    expect([...lv.querySelectorAll('td')].map((td) => td.textContent?.trim())).toEqual([
      'LV',
      '41',
      '12.09.2023.',
      '12.03.2024. (nokavēts)',
      'piegādāts ar GasDesk',
    ])
  })

  it('shows no warning while the lists are current (a fixed time in 2023)', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', now: Date.parse('2023-11-01T09:00:00Z') })
    await openDocuments()
    expect(document.querySelector('[data-testid=trust-overdue]')).toBeNull()
    expect(text('[data-testid=trust-lists] summary')).toContain('Uzticamo pakalpojumu saraksti: 4')
  })
})
