import { describe, expect, it } from 'vitest'
import {
  arrayValue,
  objectText,
  refs,
  scanPdf,
  streamData,
} from '../../../../src/backend/signatures/pdf/objects'
import { certIdMatches, OcspError, parseOcsp } from '../../../../src/backend/signatures/pki/ocsp'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import { verifyTimestampToken } from '../../../../src/backend/signatures/pki/timestamp'
import { parseSignedData } from '../../../../src/backend/signatures/pki/cms'
import { OID } from '../../../../src/backend/signatures/pki/oids'
import { raw } from '../../../../src/backend/signatures/pki/asn1'
import { displayName, tryParseCertificate } from '../../../../src/backend/signatures/pki/x509'
import { fixture } from './fixtures'

// hellopades-pades-lt-sha256-sign.pdf carries a DSS (object 19) with the issuer certificate and one OCSP response.
const pdf = scanPdf(fixture('pdf/hellopades-pades-lt-sha256-sign.pdf'))
const dss = objectText(pdf, pdf.latest.get(19)!)
const stream = (key: string) => streamData(pdf, pdf.latest.get(refs(arrayValue(pdf, dss, key)!)[0])!)!

describe('OCSP responses', () => {
  it('parses the embedded response and matches its certID to the signer and issuer', () => {
    const ocsp = parseOcsp(stream('OCSPs'))
    const issuer = tryParseCertificate(stream('Certs'))!
    expect(displayName(issuer.subject)).toBe('ESTEID-SK 2011')
    expect(ocsp.producedAt.toISOString()).toBe('2015-07-09T07:00:56.000Z')
    expect(ocsp.responses[0].status).toBe('good')
    const gap = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.text)!
    const sd = parseSignedData(Buffer.from(gap[1], 'hex'))
    const signer = sd.certificates.find((c) => displayName(c.subject) === 'SINIVEE,VEIKO,36706020210')!
    expect(certIdMatches(ocsp.responses[0], signer, issuer)).toBe(true)
    expect(certIdMatches(ocsp.responses[0], issuer, issuer)).toBe(false)
  })

  it('rejects garbage as an OCSP format error', () => {
    expect(() => parseOcsp(Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x00]))).toThrow(OcspError)
    expect(() => parseOcsp(stream('OCSPs').subarray(0, 100))).toThrow(OcspError)
  })
})

describe('RFC 3161 timestamps', () => {
  const gap = /\/Contents\s*<([0-9A-Fa-f]+)>/.exec(pdf.text)!
  const sd = parseSignedData(Buffer.from(gap[1], 'hex'))
  const si = sd.signers[0]
  const token = Buffer.from(
    raw(si.unsignedAttrs.find((a) => a.type === OID.signatureTimeStampToken)!.values[0]),
  )

  it('verifies the signature timestamp imprint and CMS, and reports the TSA as untrusted with an empty store', () => {
    const r = verifyTimestampToken(token, si.signature, new MemoryTrustStore())
    expect(r.imprint).toBe('match')
    expect(r.signer?.signature?.outcome).toBe('pass')
    expect(r.genTime?.toISOString()).toMatch(/^2015-07-09/)
    expect(r).toMatchObject({ ok: false, reasonKey: 'pki_ts_untrusted' })
  })

  it('trusts the TSA when its certificate is an anchor, and fails the imprint over other bytes', () => {
    const tsa = verifyTimestampToken(token, si.signature, new MemoryTrustStore()).tsaCertificate!
    expect(verifyTimestampToken(token, si.signature, new MemoryTrustStore([], [tsa.der])).ok).toBe(true)
    const other = verifyTimestampToken(
      token,
      Buffer.from('not the signature'),
      new MemoryTrustStore([], [tsa.der]),
    )
    expect(other).toMatchObject({ imprint: 'mismatch', ok: false, reasonKey: 'pki_ts_imprint' })
  })
})
