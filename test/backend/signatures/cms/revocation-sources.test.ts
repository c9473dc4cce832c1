import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { CrlError, parseCrl } from '../../../../src/backend/signatures/pki/crl'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import {
  OIDS,
  crl,
  ctx,
  issue,
  ocspResponse,
  otherRevInfoOcsp,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
  type TestId,
} from '../pki/test-pki'
import { appendRevision, basePdf, streamObject, textObject } from '../pdf/pdf-signer'

// Listed CA and QTST (not test anchors) so that a fully evidenced signature is plainly VALID.
const root = issue(null, 'Listed Root', { ca: true })
const ica = issue(root, 'Listed ICA', { ca: true })
const signer = issue(ica, 'Anna Liepa')
const other = issue(ica, 'Someone Else')
const tsa = issue(root, 'Listed TSA', { eku: [OIDS.timeStamping] })
const listed = (type: string, id: TestId) => ({
  type,
  certificates: [id.der],
  history: [{ status: 'granted', from: '2010-01-01T00:00:00Z' }],
  country: 'LV',
  name: type,
})
const store = new MemoryTrustStore([listed('CA/QC', root), listed('TSA/QTST', tsa)])
const at = new Date('2024-03-01T09:00:00Z')
const hour = 3600_000
const plus = (ms: number) => new Date(at.getTime() + ms)

interface Evidence {
  revocationInfo?: Buffer[]
  crlVals?: Buffer[]
}

function cades(e: Evidence): Buffer {
  return signedData({
    signer,
    content: Buffer.from('agreement'),
    signingTime: at,
    certs: [signer, ica],
    revocationInfo: e.revocationInfo,
    unsigned: (sv) => [
      unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at)),
      ...(e.crlVals ? [unsignedAttr(OIDS.revocationValues, seq(ctx(0, seq(...e.crlVals))))] : []),
    ],
  })
}
const run = (bytes: Buffer, name = 'a.p7m') =>
  validateDocument(bytes, name, { validationTime: new Date('2025-01-01Z'), trustStore: store })
const revocation = (r: ReturnType<typeof run>) => r.signatures[0].checks.find((c) => c.id === 'revocation')

describe('OCSP in the CMS crls field (RFC 5940 otherRevInfo)', () => {
  it('is used as revocation evidence: VALID, LT', () => {
    const ocsp = ocspResponse({ signer: ica, issuer: ica, subject: signer, producedAt: plus(60_000) })
    const r = run(cades({ revocationInfo: [otherRevInfoOcsp(ocsp)] }))
    expect(r.status).toBe('VALID')
    expect(r.signatures[0].level).toBe('LT')
    expect(revocation(r)).toMatchObject({ outcome: 'pass', reasonKey: 'pki_ocsp_good' })
  })

  it('a revoked status there is honoured', () => {
    const ocsp = ocspResponse({
      signer: ica,
      issuer: ica,
      subject: signer,
      producedAt: plus(60_000),
      status: 'revoked',
      revokedAt: new Date(at.getTime() - hour),
    })
    const r = run(cades({ revocationInfo: [otherRevInfoOcsp(ocsp)] }))
    // Revoked before the trusted timestamp: no proof the signature existed before (EN 319 102-1, as XAdES).
    expect(r.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' })
  })
})

describe('CRL evidence as the alternative to OCSP', () => {
  const current = () => crl(ica, plus(-2 * hour), plus(22 * hour))

  it('a CRL by the issuer, current at the timestamp, not listing the serial: VALID, LT', () => {
    for (const e of [{ revocationInfo: [current()] }, { crlVals: [current()] }]) {
      const r = run(cades(e))
      expect(r.status).toBe('VALID')
      expect(r.signatures[0].level).toBe('LT')
      expect(revocation(r)).toMatchObject({ outcome: 'pass', reasonKey: 'pki_crl_good' })
    }
  })

  it('a CRL issued after signing is fresher still and accepted', () => {
    expect(revocation(run(cades({ revocationInfo: [crl(ica, plus(hour), plus(25 * hour))] })))?.outcome).toBe(
      'pass',
    )
  })

  it('the serial listed before the signing time: INDETERMINATE / REVOKED_NO_POE; listed later: a warning only', () => {
    const before = crl(ica, plus(hour), plus(25 * hour), [
      { serialHex: signer.cert.serialHex, at: plus(-hour) },
    ])
    expect(run(cades({ revocationInfo: [before] })).signatures[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
    })
    const after = crl(ica, plus(3 * hour), plus(25 * hour), [
      { serialHex: signer.cert.serialHex, at: plus(2 * hour) },
    ])
    const r = run(cades({ revocationInfo: [after] }))
    expect(revocation(r)).toMatchObject({ outcome: 'warning', reasonKey: 'pki_crl_revoked_after_signing' })
    expect(r.status).toBe('VALID_WITH_WARNINGS')
  })

  it('another serial listed does not matter', () => {
    const list = crl(ica, plus(-hour), plus(hour), [{ serialHex: other.cert.serialHex, at: plus(-5 * hour) }])
    expect(run(cades({ revocationInfo: [list] })).status).toBe('VALID')
  })

  it('stale, forged, foreign or unreadable CRLs are no evidence: INDETERMINATE / TRY_LATER', () => {
    const cases: [Buffer, string][] = [
      [crl(ica, plus(-48 * hour), plus(-24 * hour)), 'pki_crl_stale'],
      [crl(ica, plus(-hour), plus(hour), [], other), 'pki_crl_signature'],
      [crl(root, plus(-hour), plus(hour)), 'pki_ocsp_absent'],
      [Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]), 'pki_ocsp_absent'],
    ]
    for (const [list, reason] of cases) {
      const r = run(cades({ revocationInfo: [list] }))
      expect(r.signatures[0], reason).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'TRY_LATER',
      })
      expect(revocation(r)?.reasonKey).toBe(reason)
    }
  })

  it('a CRL in the PDF DSS serves a PAdES signature', () => {
    const signed = appendRevision(basePdf(), [], {
      num: 4,
      make: (covered) =>
        signedData({
          signer,
          content: covered,
          detached: true,
          signingTime: at,
          certs: [signer, ica],
          unsigned: (sv) => [unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at))],
        }),
    })
    const withDss = appendRevision(signed, [
      textObject(1, '<</Type/Catalog/Pages 2 0 R/DSS 6 0 R>>'),
      textObject(6, '<</Type/DSS/CRLs[7 0 R]>>'),
      streamObject(7, current()),
    ])
    const before = run(signed, 'a.pdf')
    expect(revocation(before)?.reasonKey).toBe('pki_ocsp_absent')
    const r = run(withDss, 'a.pdf')
    expect(revocation(r)).toMatchObject({ outcome: 'pass', reasonKey: 'pki_crl_good' })
    expect(r.status).toBe('VALID')
  })

  it('parseCrl refuses garbage with a reason', () => {
    expect(() => parseCrl(Buffer.from('not a crl'))).toThrow(CrlError)
  })
})
