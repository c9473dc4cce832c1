import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import PDFDocument from 'pdfkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocumentDetail } from '../../../../src/contract/methods/documents'
import { MAX_DOCUMENT_UPLOAD_BYTES } from '../../../../src/contract/methods/documents'
import { issue, signedData } from '../../../backend/signatures/pki/test-pki'
import { REPO_RESOURCES, docsFixture, type DocsFixture } from './fixture'

/** A real PDF (the file a customer signs), as pdfkit writes it. */
function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date('2026-01-01Z') } })
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.font(join(REPO_RESOURCES, 'fonts/DejaVuSans.ttf')).text(text)
    doc.end()
  })
}

const ca = issue(null, 'Detached Test CA', { ca: true })
const signer = issue(ca, 'Anna Kalnina')
const signingTime = new Date('2026-01-10T09:00:00Z')
const pem = (der: Buffer) =>
  `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`

let f: DocsFixture
let content: Buffer
let p7s: Buffer
beforeEach(async () => {
  f = await docsFixture()
  content = await pdf('Līgums Nr. 42 — parakstīts atsevišķi')
  p7s = signedData({ signer, content, detached: true, signingTime, certs: [signer, ca] })
})
afterEach(async () => f?.cleanup())

const add = (input: Record<string, unknown>) =>
  f.call<DocumentDetail>('document.add', { customerId: f.customerId, fileName: 'ligums.pdf.p7s', ...input })

const signedDataCheck = (d: DocumentDetail | undefined) =>
  d?.report?.signatures[0].checks.find((c) => c.id === 'signed-data')

describe('a detached .p7s added together with its content file', () => {
  it('validates the pair in one step: the signature covers the file, which is kept and can be opened', async () => {
    // The test CA is a test anchor (as the "trust test PKI" setting makes it), so the chain is judged too.
    writeFileSync(join(f.resources, 'trust', 'test-pki', 'detached-ca.pem'), pem(ca.der))
    expect((await f.supervisor('document.setTrustTestPki', { trustTestPki: true })).ok).toBe(true)
    const r = await add({
      contentBase64: p7s.toString('base64'),
      contentFile: { fileName: 'ligums.pdf', contentBase64: content.toString('base64') },
    })
    expect(r.error).toBeUndefined()
    const doc = r.value!
    expect(doc.container).toBe('cms')
    expect(doc.contentFileName).toBe('ligums.pdf')
    expect(signedDataCheck(doc)).toMatchObject({ outcome: 'pass', reasonKey: 'cms_digest_ok' })
    expect(doc.report?.signatures[0].checks.find((c) => c.id === 'signature-value')).toMatchObject({
      outcome: 'pass',
    })
    expect(doc.report?.files).toEqual([{ name: 'detached content', size: content.length, mediaType: null }])
    // No revocation evidence in this signature: it cannot be confirmed offline, but it is not invalid.
    expect(doc.status).toBe('INDETERMINATE')
    expect(doc.report?.signatures[0].subIndication).toBe('TRY_LATER')

    const file = await f.call<{ name: string; previewable: boolean; contentBase64: string }>(
      'document.file',
      {
        id: doc.id,
        name: 'detached content',
      },
    )
    expect(file.value).toMatchObject({ name: 'ligums.pdf', previewable: true })
    expect(Buffer.from(file.value!.contentBase64, 'base64').equals(content)).toBe(true)

    // The outbox carries both files' identities (the bytes travel as blobs), not the bytes.
    const args = JSON.parse(
      f.backend.ctx.db.prepare("SELECT args FROM outbox WHERE name = 'document.add'").pluck().get() as string,
    )
    expect(args.contentFile).toEqual({
      fileName: 'ligums.pdf',
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    })

    // Re-validation uses the stored content file: the same answer, not "signed data not found".
    const again = await f.call<DocumentDetail>('document.revalidate', { id: doc.id })
    expect(signedDataCheck(again.value)).toMatchObject({ outcome: 'pass', reasonKey: 'cms_digest_ok' })
  })

  it('a content file the signature does not cover is kept as handed in, and the signature is INVALID (hash)', async () => {
    const other = await pdf('Cits dokuments')
    const r = await add({
      contentBase64: p7s.toString('base64'),
      contentFile: { fileName: 'cits.pdf', contentBase64: other.toString('base64') },
    })
    expect(r.value?.status).toBe('INVALID')
    expect(signedDataCheck(r.value)).toMatchObject({ outcome: 'fail', reasonKey: 'cms_digest_mismatch' })
    expect(r.value?.report?.signatures[0].subIndication).toBe('HASH_FAILURE')
  })

  it('without its content file the same signature cannot be confirmed (signed data not found)', async () => {
    const r = await add({ contentBase64: p7s.toString('base64') })
    expect(r.value?.report?.signatures[0].subIndication).toBe('SIGNED_DATA_NOT_FOUND')
    expect(r.value?.contentFileName).toBeNull()
  })

  it('refuses a content file beside a signature that carries its own content, or beside a non-CMS file', async () => {
    const enveloping = signedData({ signer, content, signingTime, certs: [signer, ca] })
    const contentFile = { fileName: 'ligums.pdf', contentBase64: content.toString('base64') }
    const a = await add({ contentBase64: enveloping.toString('base64'), contentFile })
    expect(a.error).toMatchObject({ code: 'VALIDATION', messageKey: 'documents.review.errors.notDetached' })
    const b = await add({ fileName: 'ligums.pdf', contentBase64: content.toString('base64'), contentFile })
    expect(b.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.detachedNotCms',
    })
    expect(f.count('SELECT count(*) FROM documents')).toBe(0)
    expect(f.count('SELECT count(*) FROM outbox')).toBe(0)
  })

  it('refuses an empty content file and a pair larger than the upload limit together', async () => {
    const empty = await add({
      contentBase64: p7s.toString('base64'),
      contentFile: { fileName: 'x.pdf', contentBase64: '' },
    })
    expect(empty.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.contentEmpty',
    })
    const big = Buffer.alloc(MAX_DOCUMENT_UPLOAD_BYTES - p7s.length + 1, 0x41)
    const tooBig = await add({
      contentBase64: p7s.toString('base64'),
      contentFile: { fileName: 'big.pdf', contentBase64: big.toString('base64') },
    })
    expect(tooBig.error).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'documents.review.errors.pairTooLarge',
      details: { limitBytes: MAX_DOCUMENT_UPLOAD_BYTES },
    })
    const badName = await add({
      contentBase64: p7s.toString('base64'),
      contentFile: { fileName: '', contentBase64: content.toString('base64') },
    })
    expect(badName.error?.code).toBe('VALIDATION')
    expect(f.count('SELECT count(*) FROM documents')).toBe(0)
  })
})
