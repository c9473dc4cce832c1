import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import {
  OIDS,
  ctx,
  issue,
  ocspResponse,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
} from '../pki/test-pki'
import { appendRevision, basePdf } from './pdf-signer'

// A PAdES-LT signature, then a later revision ending with a document timestamp (ETSI.RFC3161).
const root = issue(null, 'Test Root', { ca: true })
const signer = issue(root, 'Anna Liepa')
const tsa = issue(root, 'Test TSA', { eku: [OIDS.timeStamping] })
const at = new Date('2024-03-01T09:00:00Z')
const later = new Date('2024-03-02T09:00:00Z')
// Listed services (not test anchors, which are themselves a warning), so the baseline verdict is VALID.
const listed = (type: string, der: Buffer) => ({
  type,
  certificates: [der],
  history: [{ status: 'granted', from: '2010-01-01T00:00:00Z' }],
  country: 'LV',
  name: type,
})
const store = new MemoryTrustStore([listed('CA/QC', root.der), listed('TSA/QTST', tsa.der)])

const signed = appendRevision(basePdf(), [], {
  num: 4,
  make: (covered) =>
    signedData({
      signer,
      content: covered,
      detached: true,
      signingTime: at,
      unsigned: (sv) => [
        unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at)),
        unsignedAttr(
          OIDS.revocationValues,
          seq(ctx(1, seq(ocspResponse({ signer: root, issuer: root, subject: signer, producedAt: at })))),
        ),
      ],
    }),
})

const withDocTs = (make: (covered: Buffer) => Buffer, corrupt?: (t: Buffer) => Buffer) =>
  appendRevision(signed, [], { num: 5, docTimestamp: true, make, corrupt })
const run = (bytes: Buffer) =>
  validateDocument(bytes, 'doc.pdf', { validationTime: new Date('2025-01-01Z'), trustStore: store })
const archiveCheck = (r: ReturnType<typeof run>) =>
  r.signatures[0].checks.find((c) => c.id === 'archive-timestamp')

describe('PDF document timestamps', () => {
  it('a valid document timestamp over the signed revision lifts the signature to LTA', () => {
    const r = run(withDocTs((covered) => timestampToken(tsa, covered, later)))
    expect(r.signatures).toHaveLength(1)
    expect(r.status).toBe('VALID')
    expect(r.signatures[0].level).toBe('LTA')
    expect(archiveCheck(r)).toMatchObject({ outcome: 'pass', reasonKey: 'pki_archive_ts_present' })
    expect(r.warnings).toEqual([])
  })

  it('a document timestamp with corrupted contents is reported and does not count towards LTA', () => {
    const flip = (t: Buffer) => {
      const b = Buffer.from(t)
      b[b.length - 20] ^= 0xff // inside the TSA's signature value
      return b
    }
    const r = run(withDocTs((covered) => timestampToken(tsa, covered, later), flip))
    expect(r.status).toBe('VALID_WITH_WARNINGS')
    expect(r.warnings).toEqual([
      expect.objectContaining({
        id: 'document-timestamp',
        outcome: 'warning',
        reasonKey: 'pdf_doc_timestamp_invalid',
      }),
    ])
    expect(r.signatures[0].level).toBe('LT')
    expect(archiveCheck(r)).toMatchObject({ outcome: 'warning', reasonKey: 'pki_ts_signature' })
  })

  it('garbage in place of the token and a token over other bytes are reported too', () => {
    for (const bytes of [
      withDocTs(() => Buffer.from('not a timestamp token at all')),
      withDocTs(() => timestampToken(tsa, Buffer.from('other bytes'), later)),
    ]) {
      const r = run(bytes)
      expect(r.status).toBe('VALID_WITH_WARNINGS')
      expect(r.signatures[0].level).toBe('LT')
      expect(archiveCheck(r)?.outcome).toBe('warning')
      expect(['pki_ts_format', 'pki_ts_imprint']).toContain(archiveCheck(r)?.reasonKey)
    }
  })

  it('an untrusted document timestamp is no warning but does not count either', () => {
    const stranger = issue(null, 'Unknown TSA', { eku: [OIDS.timeStamping] })
    const r = run(withDocTs((covered) => timestampToken(stranger, covered, later)))
    expect(r.status).toBe('VALID')
    expect(r.signatures[0].level).toBe('LT')
    expect(archiveCheck(r)).toMatchObject({ outcome: 'not_checked', reasonKey: 'pki_ts_untrusted' })
  })
})
