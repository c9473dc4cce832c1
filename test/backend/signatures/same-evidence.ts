import { NS, child, descendants } from '../../../src/backend/signatures/xml/dom'
import { parseXml } from '../../../src/backend/signatures/xml/parser'
import { canonicalize } from '../../../src/backend/signatures/xml/dsig'
import { C14N } from '../../../src/backend/signatures/xml/c14n'
import { ZipArchive } from '../../../src/backend/signatures/zip/reader'
import { appendRevision, basePdf } from './pdf/pdf-signer'
import {
  OIDS,
  ctx,
  ocspResponse,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
  type TestId,
} from './pki/test-pki'
import { makeContainer } from './xml/xades-signer'
import { buildZip } from './zip/zip-builder'

/**
 * One set of evidence (signer, its CA, an optional signature timestamp, an optional OCSP response) written
 * as an ASiC-E/XAdES, a CAdES (.p7m) and a PAdES signature with the test PKI, so that a rule can be pinned
 * for the three formats alike.
 */
export interface Evidence {
  ca: TestId
  signer: TestId
  signingTime: Date
  timestamp: { tsa: TestId; at: Date } | null
  ocsp: { producedAt: Date; status?: 'good' | 'revoked'; revokedAt?: Date; signer?: TestId } | null
  /** More certificates shipped with the signature (e.g. the CA). */
  extra?: TestId[]
}

const ocspOf = (e: Evidence) =>
  e.ocsp
    ? ocspResponse({
        signer: e.ocsp.signer ?? e.ca,
        issuer: e.ca,
        subject: e.signer,
        producedAt: e.ocsp.producedAt,
        status: e.ocsp.status,
        revokedAt: e.ocsp.revokedAt,
      })
    : null

const b64 = (b: Buffer) => b.toString('base64')

export function xades(e: Evidence, opts: { bomMimetype?: boolean; v1IssuerName?: string } = {}): Buffer {
  const key = {
    keyPem: e.signer.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certDer: e.signer.der,
    kind: 'ec256' as const,
  }
  const zip = ZipArchive.open(
    makeContainer([{ name: 'a.txt', data: Buffer.from('agreement'), mediaType: 'text/plain' }], key, {
      signingTime: e.signingTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      v1: opts.v1IssuerName ? { issuerName: opts.v1IssuerName } : undefined,
    }),
  )
  return buildZip(
    zip.entries.map((entry) => {
      const data = zip.read(entry)
      if (entry.name === 'mimetype')
        return {
          name: entry.name,
          data: opts.bomMimetype ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), data]) : data,
          store: true,
        }
      if (!entry.name.includes('signatures')) return { name: entry.name, data }
      const xml = data.toString('utf8')
      const sig = descendants(parseXml(xml).root).find((el) => el.local === 'Signature')!
      const stamped = Buffer.from(
        canonicalize(child(sig, NS.ds, 'SignatureValue')!, { algorithm: C14N.c14n11 }),
        'utf8',
      )
      const ts = e.timestamp
        ? `<xades:SignatureTimeStamp Id="TS"><ds:CanonicalizationMethod xmlns:ds="${NS.ds}" Algorithm="${C14N.c14n11}"/><xades:EncapsulatedTimeStamp>${b64(timestampToken(e.timestamp.tsa, stamped, e.timestamp.at))}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>`
        : ''
      const certs = [e.ca, ...(e.extra ?? [])]
        .map((c) => `<xades:EncapsulatedX509Certificate>${b64(c.der)}</xades:EncapsulatedX509Certificate>`)
        .join('')
      const ocsp = ocspOf(e)
      const rev = ocsp
        ? `<xades:RevocationValues><xades:OCSPValues><xades:EncapsulatedOCSPValue>${b64(ocsp)}</xades:EncapsulatedOCSPValue></xades:OCSPValues></xades:RevocationValues>`
        : ''
      const unsigned = `<xades:UnsignedProperties><xades:UnsignedSignatureProperties>${ts}<xades:CertificateValues>${certs}</xades:CertificateValues>${rev}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>`
      return {
        name: entry.name,
        data: xml.replace('</xades:QualifyingProperties>', `${unsigned}</xades:QualifyingProperties>`),
      }
    }),
  )
}

function cms(e: Evidence, content: Buffer, detached: boolean): Buffer {
  const ocsp = ocspOf(e)
  return signedData({
    signer: e.signer,
    content,
    detached,
    signingTime: e.signingTime,
    certs: [e.signer, e.ca, ...(e.extra ?? [])],
    unsigned: (sv) => [
      ...(e.timestamp
        ? [unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(e.timestamp.tsa, sv, e.timestamp.at))]
        : []),
      ...(ocsp ? [unsignedAttr(OIDS.revocationValues, seq(ctx(1, seq(ocsp))))] : []),
    ],
  })
}

export const cades = (e: Evidence): Buffer => cms(e, Buffer.from('agreement'), false)

export const pades = (e: Evidence): Buffer =>
  appendRevision(basePdf(), [], { num: 4, make: (covered) => cms(e, covered, true) })

/** The three formats with the file name each is validated under. */
export const FORMATS = [
  ['XAdES', xades, 'a.asice'],
  ['CAdES', cades, 'a.p7m'],
  ['PAdES', pades, 'a.pdf'],
] as const
