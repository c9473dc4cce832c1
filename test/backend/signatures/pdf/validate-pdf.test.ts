import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validatePdf } from '../../../../src/backend/signatures/pdf/validate'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import { fixture } from '../pki/fixtures'

const run = (file: string | Buffer, at = '2024-01-01T00:00:00Z') =>
  validatePdf(typeof file === 'string' ? fixture(file) : file, {
    validationTime: new Date(at),
    trustStore: new MemoryTrustStore(),
  })
const ids = (r: ReturnType<typeof run>, i = 0) =>
  Object.fromEntries(r.signatures[i].checks.map((c) => [c.id, c.outcome]))

// Without the trusted lists loaded (the TSL store belongs to the xml side) every real signature is at
// best INDETERMINATE; the tests pin what the PDF layer decides: coverage, integrity and changes.
describe('validatePdf over the MANIFEST fixtures', () => {
  it('hellopades-pades-lt-sha256-sign.pdf: one intact signature covering the file except for a later document timestamp/DSS', () => {
    const r = run('pdf/hellopades-pades-lt-sha256-sign.pdf')
    expect(r.signatures).toHaveLength(1)
    expect(ids(r)).toMatchObject({
      'byte-range': 'pass',
      'signed-data': 'pass',
      'signature-value': 'pass',
      'changes-after-signing': 'pass',
    })
    expect(r.signatures[0].signer.name).toBe('SINIVEE,VEIKO,36706020210')
    expect(r.signatures[0].format).toBe('PAdES')
  })

  it('hellopades-lt-b.pdf: two intact signatures by the same signer (document timestamp not counted as a signature)', () => {
    const r = run('pdf/hellopades-lt-b.pdf')
    expect(r.signatures).toHaveLength(2)
    for (let i = 0; i < 2; i++) expect(ids(r, i)['signature-value']).toBe('pass')
  })

  it("hello_signed_INCSAVE_signed_EDITED.pdf is invalid: the second signature dictionary reuses the first one's byte range", () => {
    const r = run('pdf/hello_signed_INCSAVE_signed_EDITED.pdf')
    expect(r.status).toBe('INVALID')
    const bad = r.signatures.find((s) =>
      s.checks.some((c) => c.reasonKey === 'pdf_byte_range_not_own_contents'),
    )
    expect(bad?.indication).toBe('TOTAL_FAILED')
  })

  it('replace.pdf is invalid: content replaced by an incremental update after signing (shadow attack)', () => {
    const r = run('pdf/replace.pdf')
    expect(r.status).toBe('INVALID')
    expect(ids(r)['signature-value']).toBe('pass')
    expect(r.signatures[0].checks.find((c) => c.id === 'changes-after-signing')).toMatchObject({
      outcome: 'fail',
      reasonKey: 'pdf_modified_after_signing',
    })
  })

  it('PAdES-LT.pdf: the signatures are intact and the document timestamp is not reported as a signature', () => {
    const r = run('pdf/PAdES-LT.pdf')
    expect(r.signatures).toHaveLength(3)
    for (let i = 0; i < r.signatures.length; i++) expect(ids(r, i)['signature-value']).toBe('pass')
    expect(r.signatures.every((s) => s.signer.name !== 'Certum EV TSA SHA2')).toBe(true)
  })

  it('BadEncodedCMS.pdf is not valid: its CMS yields no signer certificate and a broken timestamp', () => {
    // DSS cannot decode this CMS at all (0 signatures); our reader decodes the structure, finds no signer
    // certificate and a timestamp whose signature fails, so the verdict is INVALID rather than FORMAT_ERROR.
    const r = run('pdf/BadEncodedCMS.pdf')
    expect(['INVALID', 'FORMAT_ERROR']).toContain(r.status)
    expect(r.signatures.every((s) => s.indication !== 'TOTAL_PASSED')).toBe(true)
  })

  it('DSS-1683.pdf is indeterminate (no signed attributes to bind the content, no revocation data)', () => {
    const r = run('pdf/DSS-1683.pdf')
    expect(r.status).toBe('INDETERMINATE')
  })

  it('a byte flipped inside the signed range breaks the signature', () => {
    const bytes = Buffer.from(fixture('pdf/hellopades-pades-lt-sha256-sign.pdf'))
    bytes[5000] ^= 0x01
    const r = run(bytes)
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('answers UNSUPPORTED for a whole unsigned PDF, FORMAT_ERROR for non-PDFs and cut files, never throwing', () => {
    expect(run(Buffer.from('hello')).errorKey).toBe('pdf_not_pdf')
    const unsigned = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')
    expect(run(unsigned)).toMatchObject({ status: 'UNSUPPORTED', errorKey: 'pdf_no_signature' })
    expect(run(unsigned.subarray(0, 30))).toMatchObject({
      status: 'FORMAT_ERROR',
      errorKey: 'pdf_no_signature',
    })
    const full = fixture('pdf/replace.pdf')
    for (const cut of [1000, 61000, 65000]) expect(() => run(full.subarray(0, cut))).not.toThrow()
    const looping = Buffer.from(
      '%PDF-1.4\n' +
        '1 0 obj << /Prev 1 0 R /ByteRange [0 10 20 5] /Contents <3080> >> endobj\n'.repeat(200) +
        'startxref\n9\n%%EOF',
    )
    expect(run(looping).status).toBe('FORMAT_ERROR')
  })
})

describe('reason keys', () => {
  it('every pki/cms/pdf reason key used by the validator exists in LV, EN and RU', () => {
    const src = ['pki', 'cms', 'pdf'].flatMap((d) => {
      const dir = join('src/backend/signatures', d)
      return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    })
    const keys = new Set(
      src.flatMap((s) => [...s.matchAll(/'((?:pki|cms|pdf)_[a-z0-9_]+)'/g)].map((m) => m[1])),
    )
    expect(keys.size).toBeGreaterThan(50)
    for (const lang of ['lv', 'en', 'ru']) {
      const reasons = JSON.parse(readFileSync(`locales/${lang}.json`, 'utf8')).signatures.reasons
      for (const k of keys) expect(reasons[k], `${lang}: ${k}`).toBeTypeOf('string')
    }
  })
})
