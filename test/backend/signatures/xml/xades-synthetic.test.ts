import { describe, expect, it } from 'vitest'
import { MemoryTrustStore, validateDocument } from '../../../../src/backend/signatures'
import { makeContainer, makeKey, type SignOptions, type TestKey } from './xades-signer'
import { ZipArchive } from '../../../../src/backend/signatures/zip/reader'
import { buildZip } from '../zip/zip-builder'

// Signatures we make ourselves, with the self-signed signer as a test anchor: every key type and
// canonicalisation end to end. Without OCSP they are INDETERMINATE / TRY_LATER, never VALID.
const AT = new Date('2025-06-01T00:00:00Z')
const files = [
  { name: 'līgums 2025+1.txt', data: Buffer.from('Gāzes piegādes līgums\n'), mediaType: 'text/plain' },
  { name: 'scan.pdf', data: Buffer.from('%PDF-1.4 not really'), mediaType: 'application/pdf' },
]

function check(key: TestKey, opts: SignOptions = {}) {
  const r = validateDocument(makeContainer(files, key, opts), 'x.edoc', {
    validationTime: AT,
    trustStore: new MemoryTrustStore([], [key.certDer]),
  })
  const outcome = (id: string) => r.signatures[0]?.checks.find((c) => c.id === id)?.outcome
  return { r, outcome }
}

describe('XAdES signatures made here', () => {
  const rsa = makeKey('rsa')
  const ec256 = makeKey('ec256')
  const ec384 = makeKey('ec384')

  for (const [label, key, opts] of [
    ['RSA-2048 PKCS#1 v1.5, C14N 1.1', rsa, {}],
    ['RSA-PSS, exclusive C14N', rsa, { pss: true, c14n: 'http://www.w3.org/2001/10/xml-exc-c14n#' }],
    ['ECDSA P-256, C14N 1.0', ec256, { c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' }],
    ['ECDSA P-384 (ecdsa-sha384), C14N 1.1', ec384, {}],
  ] as [string, TestKey, SignOptions][]) {
    it(`${label}: crypto passes, chain to the test anchor, INDETERMINATE / TRY_LATER without OCSP`, () => {
      const { r, outcome } = check(key, opts)
      for (const id of [
        'references',
        'signed-properties',
        'signature-value',
        'signing-certificate',
        'trust-chain',
      ])
        expect(outcome(id), id).toBe('pass')
      expect(r.signatures[0]).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'TRY_LATER',
        level: 'B',
      })
      expect(r.files.map((f) => f.name)).toEqual(files.map((f) => f.name))
    })
  }

  it('the same signature checked against another key fails', () => {
    const r = validateDocument(makeContainer(files, rsa), 'x.edoc', {
      validationTime: AT,
      trustStore: new MemoryTrustStore([], [ec256.certDer]),
    })
    expect(r.signatures[0].checks.find((c) => c.id === 'trust-chain')?.outcome).toBe('fail')
    expect(r.status).not.toMatch(/^VALID/)
  })
})

describe('finding the signer certificate', () => {
  const ec = makeKey('ec384')
  const other = makeKey('ec256', 'Someone Else')
  const opts = { validationTime: AT, trustStore: new MemoryTrustStore([], [ec.certDer]) }

  it('takes the certificate the SigningCertificate names, even when KeyInfo lists another one first', () => {
    const container = makeContainer(files, ec)
    const zip = ZipArchive.open(container)
    const list = zip.entries.map((e) => ({ name: e.name, data: zip.read(e), store: e.method === 0 }))
    const sig = list.find((e) => e.name === 'META-INF/signatures0.xml')!
    sig.data = Buffer.from(
      sig.data
        .toString()
        .replace(
          '<ds:X509Data>',
          `<ds:X509Data><ds:X509Certificate>${other.certDer.toString('base64')}</ds:X509Certificate>`,
        ),
    )
    const r = validateDocument(buildZip(list), 'x.edoc', opts)
    expect(r.signatures[0].checks.find((c) => c.id === 'signature-value')?.outcome).toBe('pass')
    expect(r.signatures[0].checks.find((c) => c.id === 'signing-certificate')?.outcome).toBe('pass')
  })
})
