import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { checkOcsp, parseOcsp } from '../../../../src/backend/signatures/pki/ocsp'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import { OIDS, issue, ocspResponse, seq, ctx, signedData, timestampToken, unsignedAttr } from './test-pki'

// Signed in test-trust mode: the root is a test anchor, no trusted-list OCSP service exists.
const root = issue(null, 'Test Root', { ca: true })
const ica = issue(root, 'Test ICA', { ca: true })
const signer = issue(ica, 'Jānis Bērziņš')
const rootResponder = issue(root, 'Test OCSP (root)', { eku: [OIDS.ocspSigning] })
const delegated = issue(ica, 'Test OCSP (delegated)', { eku: [OIDS.ocspSigning] })
const shortLived = issue(ica, 'Test OCSP (expired)', {
  eku: [OIDS.ocspSigning],
  notAfter: new Date('2024-04-01T00:00:00Z'),
})
const noEku = issue(root, 'Test not a responder')
const tsa = issue(root, 'Test TSA', { eku: [OIDS.timeStamping] })
const signedAt = new Date('2024-05-01T10:00:00Z')
const producedAt = new Date('2024-05-01T10:01:00Z')
const testTrust = new MemoryTrustStore([], [root.der])
const noTrust = new MemoryTrustStore()

const check = (responderSigner: typeof root, store = testTrust) =>
  checkOcsp(
    parseOcsp(ocspResponse({ signer: responderSigner, issuer: ica, subject: signer, producedAt })),
    signer.cert,
    ica.cert,
    store,
    [ica.cert],
  )

describe('OCSP responder authorisation', () => {
  it('accepts a response signed by the issuing CA itself', () => {
    expect(check(ica)).toMatchObject({ authorisation: 'ca', reasonKey: null, status: 'good' })
  })

  it('accepts a delegated id-kp-OCSPSigning responder issued by the CA', () => {
    expect(check(delegated)).toMatchObject({ authorisation: 'delegated', reasonKey: null })
  })

  it('refuses a delegated responder whose certificate had expired at producedAt', () => {
    expect(check(shortLived)).toMatchObject({ reasonKey: 'pki_ocsp_responder_expired' })
  })

  it('accepts an OCSP-signing responder chaining to a test anchor only in test-trust mode', () => {
    expect(check(rootResponder)).toMatchObject({ authorisation: 'test', reasonKey: null })
    expect(check(rootResponder, noTrust)).toMatchObject({
      authorisation: null,
      reasonKey: 'pki_ocsp_responder_not_authorised',
    })
  })

  it('refuses a certificate without id-kp-OCSPSigning even when it chains to a test anchor', () => {
    expect(check(noEku).reasonKey).toBe('pki_ocsp_responder_not_authorised')
  })

  it('a CAdES-LT signature with a root-issued responder is no longer TRY_LATER under test trust', () => {
    const cms = signedData({
      signer,
      content: Buffer.from('contract'),
      signingTime: signedAt,
      certs: [signer, ica],
      unsigned: (sv) => [
        unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, signedAt)),
        unsignedAttr(
          OIDS.revocationValues,
          seq(ctx(1, seq(ocspResponse({ signer: rootResponder, issuer: ica, subject: signer, producedAt })))),
        ),
      ],
    })
    const opts = { validationTime: new Date('2025-01-01T00:00:00Z') }
    const test = validateDocument(cms, 'x.p7s', { ...opts, trustStore: testTrust })
    expect(test.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'LT' })
    expect(test.signatures[0].checks.find((c) => c.id === 'revocation')?.outcome).toBe('pass')
    const prod = validateDocument(cms, 'x.p7s', { ...opts, trustStore: noTrust })
    expect(prod.status).toBe('INDETERMINATE')
  })
})
