import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { MemoryTrustStore, type TrustService } from '../../../../src/backend/signatures/pki/trust'
import {
  OIDS,
  ctx,
  issue,
  ocspResponse,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
  type TestId,
} from '../pki/test-pki'
import { appendRevision, basePdf } from '../pdf/pdf-signer'

// A listed qualified CA and a listed TSA whose type is either plain 'TSA' (e.g. a TSS-QC era service) or
// 'TSA/QTST'. Since 1 July 2016 only a qualified TSA dates a signature, for every format alike.
const root = issue(null, 'Listed Root', { ca: true, notBefore: new Date('2010-01-01Z') })
const signer = issue(root, 'Anna Liepa', { notBefore: new Date('2010-01-01Z') })
const tsa = issue(root, 'Listed TSA', { eku: [OIDS.timeStamping], notBefore: new Date('2010-01-01Z') })
const service = (type: string, cert: TestId): TrustService => ({
  type,
  certificates: [cert.der],
  history: [{ status: 'granted', from: '2010-01-01T00:00:00Z' }],
  country: 'LV',
  name: `${type} service`,
})
const store = (tsaType: string) => new MemoryTrustStore([service('CA/QC', root), service(tsaType, tsa)])

function cades(at: Date, content: Buffer, detached = false): Buffer {
  return signedData({
    signer,
    content,
    detached,
    signingTime: at,
    certs: [signer],
    unsigned: (sv) => [
      unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at)),
      unsignedAttr(
        OIDS.revocationValues,
        seq(
          ctx(
            1,
            seq(
              ocspResponse({
                signer: root,
                issuer: root,
                subject: signer,
                producedAt: new Date(at.getTime() + 60_000),
              }),
            ),
          ),
        ),
      ),
    ],
  })
}

const pades = (at: Date) =>
  appendRevision(basePdf(), [], { num: 4, make: (covered) => cades(at, covered, true) })

const validate = (bytes: Buffer, name: string, tsaType: string) =>
  validateDocument(bytes, name, { validationTime: new Date('2025-01-01Z'), trustStore: store(tsaType) })
const tsCheck = (r: ReturnType<typeof validate>) => r.signatures[0].checks.find((c) => c.id === 'timestamp')

describe('TSA must be qualified (QTST) after 1 July 2016 for CAdES and PAdES as for XAdES', () => {
  const after = new Date('2024-03-01T09:00:00Z')
  const before = new Date('2015-03-01T09:00:00Z')
  for (const [format, make, name] of [
    ['CAdES', (at: Date) => cades(at, Buffer.from('agreement')), 'a.p7m'],
    ['PAdES', pades, 'a.pdf'],
  ] as const) {
    it(`${format}: a non-qualified TSA after eIDAS is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE`, () => {
      const r = validate(make(after), name, 'TSA')
      expect(r.signatures[0]).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
        timestampTime: null,
      })
      expect(tsCheck(r)).toMatchObject({ outcome: 'fail', reasonKey: 'pki_ts_not_qualified' })
    })

    it(`${format}: a QTST timestamp after eIDAS dates the signature (VALID, LT)`, () => {
      const r = validate(make(after), name, 'TSA/QTST')
      expect(r.status).toBe('VALID')
      expect(r.signatures[0].level).toBe('LT')
      expect(tsCheck(r)?.reasonKey).toBe('pki_ts_ok')
    })

    it(`${format}: before eIDAS a plain listed TSA is still accepted`, () => {
      const r = validate(make(before), name, 'TSA')
      expect(r.status).toBe('VALID')
      expect(r.signatures[0].timestampTime).toBe(before.toISOString())
    })
  }
})
