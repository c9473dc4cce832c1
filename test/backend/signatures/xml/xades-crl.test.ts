import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import { ZipArchive } from '../../../../src/backend/signatures/zip/reader'
import { crl, issue } from '../pki/test-pki'
import { buildZip } from '../zip/zip-builder'
import { makeContainer, type TestKey } from './xades-signer'

// XAdES with CRLValues and no OCSP: the CRL is the revocation evidence, judged as for CAdES/PAdES.
const root = issue(null, 'Test Root', { ca: true })
const ica = issue(root, 'Test ICA', { ca: true })
const signer = issue(ica, 'Anna Liepa')
const key: TestKey = {
  keyPem: signer.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  certDer: signer.der,
  kind: 'ec256',
}
const now = new Date('2025-01-15T12:00:00Z')
const hour = 3600_000

function withCrl(list: Buffer): Buffer {
  const zip = ZipArchive.open(
    makeContainer([{ name: 'a.txt', data: Buffer.from('hello'), mediaType: 'text/plain' }], key),
  )
  const unsigned = `<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:CertificateValues><xades:EncapsulatedX509Certificate>${ica.der.toString('base64')}</xades:EncapsulatedX509Certificate></xades:CertificateValues><xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>${list.toString('base64')}</xades:EncapsulatedCRLValue></xades:CRLValues></xades:RevocationValues></xades:UnsignedSignatureProperties></xades:UnsignedProperties>`
  return buildZip(
    zip.entries.map((e) => {
      const data = zip.read(e)
      if (e.name === 'mimetype') return { name: e.name, data, store: true }
      if (!e.name.includes('signatures')) return { name: e.name, data }
      const xml = data
        .toString('utf8')
        .replace('</xades:QualifyingProperties>', `${unsigned}</xades:QualifyingProperties>`)
      return { name: e.name, data: xml }
    }),
  )
}
const run = (list: Buffer) => {
  const r = validateDocument(withCrl(list), 'a.asice', {
    validationTime: now,
    trustStore: new MemoryTrustStore([], [root.der]),
  })
  return { r, check: r.signatures[0].checks.find((c) => c.id === 'revocation') }
}

describe('XAdES CRLValues as revocation evidence', () => {
  it('a current CRL by the issuer not listing the signer: pass, VALID', () => {
    const { r, check } = run(crl(ica, new Date(now.getTime() - hour), new Date(now.getTime() + hour)))
    expect(check).toMatchObject({ outcome: 'pass', reasonKey: 'pki_crl_good' })
    expect(r.status).toBe('VALID')
  })

  it('the signer listed as revoked (no timestamp, so no proof of earlier signing): REVOKED_NO_POE', () => {
    const list = crl(ica, new Date(now.getTime() - hour), new Date(now.getTime() + hour), [
      { serialHex: signer.cert.serialHex, at: new Date(now.getTime() - 2 * hour) },
    ])
    const { r, check } = run(list)
    expect(check?.reasonKey).toBe('pki_crl_revoked')
    expect(r.signatures[0]).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE' })
  })

  it('a stale CRL is no evidence: TRY_LATER', () => {
    const { r, check } = run(
      crl(ica, new Date(now.getTime() - 48 * hour), new Date(now.getTime() - 24 * hour)),
    )
    expect(check?.reasonKey).toBe('pki_crl_stale')
    expect(r.signatures[0].subIndication).toBe('TRY_LATER')
  })
})
