import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DocumentDetail, DocumentSummary, TrustState } from '../../../../src/contract/methods/documents'
import PDFDocument from 'pdfkit'
import { readContent } from '../../../../src/backend/services/documents/content'
import { REPO_RESOURCES, b64, docsFixture, fixture, type DocsFixture } from './fixture'

const VALID = 'asice/terms_of_Account_Agreement_28062025_ENG.asice'
const FORGED = 'asice/forged_lt.asice'
const PADES = 'pdf/hellopades-pades-lt-sha256-sign.pdf'

let f: DocsFixture
afterEach(async () => f?.cleanup())

async function add(rel: string, customerId = f.customerId): Promise<DocumentDetail> {
  const r = await f.call<DocumentDetail>('document.add', {
    customerId,
    fileName: rel.split('/').pop(),
    contentBase64: b64(rel),
  })
  if (!r.ok) throw new Error(`add failed: ${JSON.stringify(r.error)}`)
  return r.value as DocumentDetail
}

/** A real PDF with no signature in it, as pdfkit writes it. */
function unsignedPdf(text: string): Promise<Buffer> {
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

describe('document.add', () => {
  beforeEach(async () => {
    f = await docsFixture()
  })

  it('stores the bytes with their sha256 and validates at once (a genuine LTA e-seal is VALID)', async () => {
    const d = await add(VALID)
    expect(d.status).toBe('VALID')
    expect(d.container).toBe('asice')
    expect(d.signers).toEqual(['Swedbank AS v10: eZīmogs'])
    expect(d.report?.signatures[0].level).toBe('LTA')
    expect(d.report?.files.map((x) => x.name)).toEqual(['Konta liguma noteikumi Eng.pdf'])
    expect(d.testPki).toBe(false)
    const bytes = fixture(VALID)
    expect(d.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(d.size).toBe(bytes.length)
    expect(d.mediaType).toBe('application/vnd.etsi.asic-e+zip')
    const stored = readContent(f.backend.ctx.db, d.id)
    expect(Buffer.compare(stored!, bytes)).toBe(0)
  })

  it('is one mutation: outbox row with the file identity (not the bytes) and an audit row', async () => {
    const d = await add(VALID)
    const outbox = f.backend.ctx.db
      .prepare("SELECT name, entity_id, args FROM outbox WHERE name = 'document.add'")
      .all() as { name: string; entity_id: string; args: string }[]
    expect(outbox).toHaveLength(1)
    expect(outbox[0].entity_id).toBe(d.id)
    const args = JSON.parse(outbox[0].args) as Record<string, unknown>
    expect(args).toMatchObject({ id: d.id, customerId: f.customerId, sha256: d.sha256, size: d.size })
    expect(outbox[0].args.length).toBeLessThan(1000)
    expect(
      f.count("SELECT count(*) FROM audit_log WHERE action = 'document.add' AND entity_id = ?", d.id),
    ).toBe(1)
  })

  it('reports a key-substitution forgery as INVALID and a PAdES file as VALID', async () => {
    expect((await add(FORGED)).status).toBe('INVALID')
    const pdf = await add(PADES)
    expect(pdf.status).toBe('VALID')
    expect(pdf.mediaType).toBe('application/pdf')
  })

  it('files an unsigned PDF as UNSUPPORTED (not signed, not damaged) under its own file name', async () => {
    const bytes = await unsignedPdf('Līgums, ko klients vēl nav parakstījis')
    const r = await f.call<DocumentDetail>('document.add', {
      customerId: f.customerId,
      fileName: 'Līgums 2026.pdf',
      contentBase64: bytes.toString('base64'),
    })
    const d = r.value!
    expect(d.status).toBe('UNSUPPORTED')
    expect(d.report?.errorKey).toBe('pdf_no_signature')
    expect(d.report?.files.map((x) => x.name)).toEqual(['Līgums 2026.pdf'])
    const file = await f.call<{ name: string; contentBase64: string; previewable: boolean }>(
      'document.file',
      {
        id: d.id,
        name: 'Līgums 2026.pdf',
      },
    )
    expect(file.value).toMatchObject({ name: 'Līgums 2026.pdf', previewable: true })
    expect(Buffer.from(file.value!.contentBase64, 'base64').equals(bytes)).toBe(true)
    // The same PDF cut short is damaged, not merely unsigned.
    const cut = await f.call<DocumentDetail>('document.add', {
      customerId: f.customerId,
      fileName: 'cut.pdf',
      contentBase64: bytes.subarray(0, bytes.length - 200).toString('base64'),
    })
    expect(cut.value?.status).toBe('FORMAT_ERROR')
  })

  it('keeps structurally broken and unsupported containers, with their verdict, for the review', async () => {
    expect((await add('asice/missing_manifest.asice')).status).toBe('FORMAT_ERROR')
    const bomb = await add('asice/zip-bomb.asice')
    expect(bomb.status).toBe('INVALID')
    expect(bomb.report?.files).toHaveLength(17)
  })

  it('the same file twice for one customer is a CONFLICT naming the first', async () => {
    const first = await add(VALID)
    const again = await f.call('document.add', {
      customerId: f.customerId,
      fileName: 'x.asice',
      contentBase64: b64(VALID),
    })
    expect(again.error).toMatchObject({ code: 'CONFLICT', details: { id: first.id } })
    // Another customer may bring the same file.
    expect((await add(VALID, f.otherCustomerId)).status).toBe('VALID')
  })

  it('keeps only the base name of the file', async () => {
    const r = await f.call<DocumentDetail>('document.add', {
      customerId: f.customerId,
      fileName: 'C:\\Users\\x\\..\\evil/\u0007contract.edoc',
      contentBase64: b64(VALID),
    })
    expect(r.value?.fileName).toBe('contract.edoc')
  })
})

describe('hostile uploads: typed errors, nothing written', () => {
  beforeEach(async () => {
    f = await docsFixture()
  })
  const tables = () =>
    ['documents', 'outbox', "audit_log WHERE action LIKE 'document.%'"].map((t) =>
      f.count(`SELECT count(*) FROM ${t}`),
    )

  it.each([
    ['empty', '', 'documents.review.errors.empty'],
    [
      'garbage',
      Buffer.from('MZ\x90\x00 not a signed document at all').toString('base64'),
      'documents.review.errors.notSigned',
    ],
    [
      'a PNG photo',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64'),
      'documents.review.errors.notSigned',
    ],
    ['broken base64 padding', 'QUJD=', 'documents.review.errors.encoding'],
  ])('%s', async (_name, contentBase64, key) => {
    const before = tables()
    const r = await f.call('document.add', { customerId: f.customerId, fileName: 'a.edoc', contentBase64 })
    expect(r.ok).toBe(false)
    expect(r.error).toMatchObject({ code: 'VALIDATION', messageKey: key })
    expect(tables()).toEqual(before)
  })

  it('non-base64 characters are a schema validation error', async () => {
    const r = await f.call('document.add', {
      customerId: f.customerId,
      fileName: 'a.edoc',
      contentBase64: '<script>',
    })
    expect(r.error?.code).toBe('VALIDATION')
  })

  it('over 8 MB is refused by the schema before decoding; a 50 MB upload too', async () => {
    const before = tables()
    for (const mb of [9, 50]) {
      const r = await f.call('document.add', {
        customerId: f.customerId,
        fileName: 'big.edoc',
        contentBase64: Buffer.alloc(mb * 1024 * 1024, 0x41).toString('base64'),
      })
      expect(r.error?.code).toBe('VALIDATION')
      expect(JSON.stringify(r.error?.details)).toContain('too-large')
    }
    expect(tables()).toEqual(before)
  })

  it('an unknown customer is NOT_FOUND', async () => {
    const r = await f.call('document.add', {
      customerId: 'nobody',
      fileName: 'a.asice',
      contentBase64: b64(VALID),
    })
    expect(r.error).toMatchObject({
      code: 'NOT_FOUND',
      messageKey: 'documents.review.errors.customerNotFound',
    })
  })
})

describe('review, decision, audit', () => {
  beforeEach(async () => {
    f = await docsFixture()
  })

  it('lists per customer and all undecided; viewing is audited', async () => {
    const a = await add(VALID)
    const b = await add(FORGED, f.otherCustomerId)
    const mine = await f.call<{ items: DocumentSummary[] }>('document.list', { customerId: f.customerId })
    expect(mine.value?.items.map((i) => i.id)).toEqual([a.id])
    const pending = await f.call<{ items: DocumentSummary[] }>('document.list', { pending: true })
    expect(pending.value?.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort())
    expect(pending.value?.items.find((i) => i.id === b.id)).toMatchObject({
      customerName: 'Pēteris Liepa',
      customerNumber: '100002',
      status: 'INVALID',
    })
    const got = await f.call<DocumentDetail>('document.get', { id: a.id })
    expect(got.value?.report?.status).toBe('VALID')
    expect(
      f.count("SELECT count(*) FROM audit_log WHERE action = 'document.view' AND entity_id = ?", a.id),
    ).toBe(1)
  })

  it('the first final decision wins: same again is a no-op, a different one is CONFLICT', async () => {
    const d = await add(VALID)
    const accepted = await f.call<DocumentDetail>('document.decide', {
      id: d.id,
      decision: 'accepted',
      reason: 'Līgums parakstīts',
    })
    expect(accepted.value).toMatchObject({
      decision: 'accepted',
      decidedBy: 'Līga Ozoliņa',
      decisionReason: 'Līgums parakstīts',
      version: 2,
    })
    const outboxAfter = f.count('SELECT count(*) FROM outbox')
    const same = await f.call<DocumentDetail>('document.decide', {
      id: d.id,
      decision: 'accepted',
      reason: 'again',
    })
    expect(same.value?.decisionReason).toBe('Līgums parakstīts')
    expect(f.count('SELECT count(*) FROM outbox')).toBe(outboxAfter)
    const other = await f.supervisor('document.decide', { id: d.id, decision: 'rejected', reason: 'no' })
    expect(other.error).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'documents.review.errors.alreadyDecided',
      details: { decision: 'accepted', by: 'Līga Ozoliņa' },
    })
    expect(f.count('SELECT count(*) FROM outbox')).toBe(outboxAfter)
    const pending = await f.call<{ items: DocumentSummary[] }>('document.list', { pending: true })
    expect(pending.value?.items).toHaveLength(0)
    const outbox = f.backend.ctx.db
      .prepare("SELECT base_version, args FROM outbox WHERE name = 'document.decide'")
      .all() as { base_version: number; args: string }[]
    expect(outbox).toHaveLength(1)
    expect(outbox[0].base_version).toBe(1)
    expect(JSON.parse(outbox[0].args)).toEqual({
      id: d.id,
      decision: 'accepted',
      reason: 'Līgums parakstīts',
    })
    const audit = await f.call<{ action: string; reason: string | null; agentName: string | null }[]>(
      'document.audit',
      { id: d.id },
    )
    expect(audit.value?.map((r) => r.action)).toEqual(['document.add', 'document.decide'])
    expect(audit.value?.[1]).toMatchObject({ reason: 'Līgums parakstīts', agentName: 'Līga Ozoliņa' })
  })

  it('a decision needs a reason', async () => {
    const d = await add(FORGED)
    const r = await f.call('document.decide', { id: d.id, decision: 'rejected', reason: '   ' })
    expect(r.error?.code).toBe('VALIDATION')
  })

  it('inner files: by the name the report lists; PDFs are previewable; anything else is NOT_FOUND', async () => {
    const d = await add(VALID)
    const file = await f.call<{
      name: string
      mediaType: string
      previewable: boolean
      contentBase64: string
      size: number
    }>('document.file', { id: d.id, name: 'Konta liguma noteikumi Eng.pdf' })
    expect(file.value).toMatchObject({ mediaType: 'application/pdf', previewable: true, size: 143423 })
    expect(
      Buffer.from(file.value?.contentBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-')
    for (const name of [
      'META-INF/manifest.xml',
      'mimetype',
      '../Konta liguma noteikumi Eng.pdf',
      'nope.pdf',
    ]) {
      const r = await f.call('document.file', { id: d.id, name })
      expect(r.error).toMatchObject({ code: 'NOT_FOUND', messageKey: 'documents.review.errors.fileNotFound' })
    }
    const original = await f.call<{ name: string; mediaType: string; previewable: boolean }>(
      'document.file',
      { id: d.id },
    )
    expect(original.value).toMatchObject({
      name: d.fileName,
      mediaType: 'application/octet-stream',
      previewable: false,
    })
    expect(f.count("SELECT count(*) FROM audit_log WHERE action = 'document.file'")).toBe(2)
  })

  it('a text file inside a container is save-only (octet-stream), never previewed', async () => {
    const d = await add(FORGED)
    const r = await f.call<{ mediaType: string; previewable: boolean }>('document.file', {
      id: d.id,
      name: 'example-for-signing.txt',
    })
    expect(r.value).toMatchObject({ mediaType: 'application/octet-stream', previewable: false })
  })

  it('the enveloped content of a CMS file can be taken out', async () => {
    const d = await add('p7s/cades-enveloping.pkcs7')
    const r = await f.call<{ contentBase64: string; size: number }>('document.file', {
      id: d.id,
      name: 'content',
    })
    expect(Buffer.from(r.value?.contentBase64 ?? '', 'base64').toString()).toBe('Hello World')
  })
})

describe('trust data and re-validation', () => {
  it('an INDETERMINATE document becomes VALID when the missing trusted list arrives', async () => {
    f = await docsFixture({
      lists: ['EU-LOTL-2023-09-27.xml', 'EE-TSL-2023-10-05.xml', 'LT-TSL-2023-06-02.xml'],
    })
    const d = await add(VALID)
    expect(d.status).toBe('INDETERMINATE')
    copyFileSync(
      join(REPO_RESOURCES, 'trust', 'LV-TSL-2023-09-12.xml'),
      join(f.resources, 'trust', 'LV-TSL-2023-09-12.xml'),
    )
    const r = await f.call<{ checked: number; changed: number }>('document.revalidatePending', {})
    expect(r.value).toEqual({ checked: 1, changed: 1 })
    const after = await f.call<DocumentDetail>('document.get', { id: d.id })
    expect(after.value?.status).toBe('VALID')
    const audit = f.backend.ctx.db
      .prepare("SELECT before_json, after_json FROM audit_log WHERE action = 'document.revalidate'")
      .get() as { before_json: string; after_json: string }
    expect(JSON.parse(audit.before_json)).toMatchObject({ status: 'INDETERMINATE' })
    expect(JSON.parse(audit.after_json)).toMatchObject({ status: 'VALID' })
  })

  it('decided documents are not re-validated in bulk, but one can be on demand', async () => {
    f = await docsFixture()
    const d = await add('p7s/cades-enveloping.pkcs7')
    expect(d.status).toBe('INDETERMINATE')
    await f.call('document.decide', { id: d.id, decision: 'rejected', reason: 'cannot confirm' })
    expect((await f.call('document.revalidatePending', {})).value).toEqual({ checked: 0, changed: 0 })
    const one = await f.call<DocumentDetail>('document.revalidate', { id: d.id })
    expect(one.value?.status).toBe('INDETERMINATE')
  })

  it('"trust test PKI" is supervisor-only, audited, and re-validates undecided documents with the flag', async () => {
    f = await docsFixture()
    const d = await add('asice/latvian_T_signature.asice')
    expect(d.testPki).toBe(false)
    const denied = await f.call('document.setTrustTestPki', { trustTestPki: true })
    expect(denied.error?.code).toBe('FORBIDDEN')
    const on = await f.supervisor<TrustState>('document.setTrustTestPki', { trustTestPki: true })
    expect(on.value?.trustTestPki).toBe(true)
    expect(on.value?.testAnchors).toBeGreaterThan(0)
    expect(
      on.value?.lists
        .filter((l) => l.used)
        .map((l) => l.territory)
        .sort(),
    ).toEqual(['EE', 'EU', 'LT', 'LV'])
    const after = await f.call<DocumentDetail>('document.get', { id: d.id })
    expect(after.value?.testPki).toBe(true)
    expect(JSON.stringify(after.value?.report)).toContain('chain_test_anchor')
    const state = await f.call<TrustState>('document.trust', {})
    expect(state.value?.trustTestPki).toBe(true)
    expect(f.count("SELECT count(*) FROM audit_log WHERE action = 'document.setTrustTestPki'")).toBe(1)
  })
})
