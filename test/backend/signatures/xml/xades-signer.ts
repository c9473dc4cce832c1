import { execFileSync } from 'node:child_process'
import { X509Certificate, createHash, createPrivateKey, sign as cryptoSign, constants } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseXml } from '../../../../src/backend/signatures/xml/parser'
import { NS, child, descendants } from '../../../../src/backend/signatures/xml/dom'
import {
  canonicalize,
  indexIds,
  parseSignedInfo,
  referenceOctets,
} from '../../../../src/backend/signatures/xml/dsig'
import { buildZip } from '../zip/zip-builder'

/**
 * Test-only XAdES-B signer producing ASiC-E containers, so that rules and speed can be exercised on
 * signatures we control (key types, algorithms, sizes). Keys and self-signed certificates come from openssl.
 */
export interface TestKey {
  keyPem: string
  certDer: Buffer
  kind: 'rsa' | 'ec256' | 'ec384'
}

export function makeKey(kind: TestKey['kind'], cn = 'GasDesk Test Signer'): TestKey {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-xades-'))
  const gen =
    kind === 'rsa'
      ? ['-newkey', 'rsa:2048']
      : ['-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${kind === 'ec256' ? 'P-256' : 'P-384'}`]
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...gen,
      '-nodes',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
      '-subj',
      `/C=LV/CN=${cn}/serialNumber=PNOLV-010101-10006`,
      '-days',
      '3650',
    ],
    { stdio: 'ignore' },
  )
  return {
    keyPem: readFileSync(join(dir, 'k.pem'), 'utf8'),
    certDer: Buffer.from(new X509Certificate(readFileSync(join(dir, 'c.pem'))).raw),
    kind,
  }
}

export interface SignOptions {
  c14n?: string
  /** 'pss' signs RSA with RSASSA-PSS (sha256-rsa-MGF1). */
  pss?: boolean
  signingTime?: string
  /** Write a v1 SigningCertificate (1.3.2) with this IssuerSerial instead of SigningCertificateV2. */
  v1?: { issuerName: string; serialDecimal?: string }
}

const SIG_ALG: Record<TestKey['kind'], [string, string]> = {
  rsa: ['http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'sha256'],
  ec256: ['http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', 'sha256'],
  ec384: ['http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384', 'sha384'],
}

const b64 = (b: Buffer) => b.toString('base64')

/** The signature XML (asic:XAdESSignatures) over the given files. */
export function signFiles(
  files: { name: string; data: Buffer; mediaType: string }[],
  key: TestKey,
  opts: SignOptions = {},
): string {
  const c14n = opts.c14n ?? 'http://www.w3.org/2006/12/xml-c14n11'
  const [sigUri, hash] = opts.pss
    ? ['http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1', 'sha256']
    : SIG_ALG[key.kind]
  const refs = files
    .map(
      (f, i) =>
        `<ds:Reference Id="r${i}" URI="${encodeURIComponent(f.name)}"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${b64(createHash('sha256').update(f.data).digest())}</ds:DigestValue></ds:Reference>`,
    )
    .join('')
  const formats = files
    .map(
      (f, i) =>
        `<xades:DataObjectFormat ObjectReference="#r${i}"><xades:MimeType>${f.mediaType}</xades:MimeType></xades:DataObjectFormat>`,
    )
    .join('')
  const certDigest = b64(createHash('sha256').update(key.certDer).digest())
  const digestXml = `<xades:CertDigest><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${certDigest}</ds:DigestValue></xades:CertDigest>`
  const serial =
    opts.v1?.serialDecimal ?? BigInt(`0x${new X509Certificate(key.certDer).serialNumber}`).toString(10)
  const signingCert = opts.v1
    ? `<xades:SigningCertificate><xades:Cert>${digestXml}<xades:IssuerSerial><ds:X509IssuerName>${opts.v1.issuerName}</ds:X509IssuerName><ds:X509SerialNumber>${serial}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>`
    : `<xades:SigningCertificateV2><xades:Cert>${digestXml}</xades:Cert></xades:SigningCertificateV2>`
  const xml = `<?xml version="1.0" encoding="UTF-8"?><asic:XAdESSignatures xmlns:asic="${NS.asic}"><ds:Signature xmlns:ds="${NS.ds}" Id="S1"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${c14n}"/><ds:SignatureMethod Algorithm="${sigUri}"/>${refs}<ds:Reference Type="http://uri.etsi.org/01903#SignedProperties" URI="#S1-SP"><ds:Transforms><ds:Transform Algorithm="${c14n}"/></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>SPDIGEST</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>SIGVALUE</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${b64(key.certDer)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo><ds:Object><xades:QualifyingProperties xmlns:xades="${NS.xades}" Target="#S1"><xades:SignedProperties Id="S1-SP"><xades:SignedSignatureProperties><xades:SigningTime>${opts.signingTime ?? '2025-01-15T10:00:00Z'}</xades:SigningTime>${signingCert}</xades:SignedSignatureProperties><xades:SignedDataObjectProperties>${formats}</xades:SignedDataObjectProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object></ds:Signature></asic:XAdESSignatures>`
  // Digest of the SignedProperties as they sit in the final document, then the signature over SignedInfo.
  let doc = parseXml(xml)
  let sig = descendants(doc.root).find((e) => e.local === 'Signature')!
  const si = parseSignedInfo(sig)
  const spRef = si.references[si.references.length - 1]
  const sp = indexIds(doc).byId.get('S1-SP')!
  const spDigest = b64(
    createHash('sha256')
      .update(referenceOctets(spRef, { kind: 'element', el: sp }, sig))
      .digest(),
  )
  const withDigest = xml.replace('SPDIGEST', spDigest)
  doc = parseXml(withDigest)
  sig = descendants(doc.root).find((e) => e.local === 'Signature')!
  const signedInfo = parseSignedInfo(sig)
  const octets = Buffer.from(canonicalize(child(sig, NS.ds, 'SignedInfo')!, signedInfo.c14n), 'utf8')
  const pk = createPrivateKey(key.keyPem)
  const value = opts.pss
    ? cryptoSign(hash, octets, { key: pk, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
    : key.kind === 'rsa'
      ? cryptoSign(hash, octets, pk)
      : cryptoSign(hash, octets, { key: pk, dsaEncoding: 'ieee-p1363' })
  return withDigest.replace('SIGVALUE', b64(value))
}

/** A complete ASiC-E container (.edoc/.asice) with one XAdES-B signature. */
export function makeContainer(
  files: { name: string; data: Buffer; mediaType: string }[],
  key: TestKey,
  opts: SignOptions = {},
): Buffer {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="${NS.manifest}" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.etsi.asic-e+zip"/>${files
    .map((f) => `<manifest:file-entry manifest:full-path="${f.name}" manifest:media-type="${f.mediaType}"/>`)
    .join('')}</manifest:manifest>`
  return buildZip([
    { name: 'mimetype', data: 'application/vnd.etsi.asic-e+zip', store: true },
    ...files.map((f) => ({ name: f.name, data: f.data })),
    { name: 'META-INF/manifest.xml', data: manifest },
    { name: 'META-INF/signatures0.xml', data: signFiles(files, key, opts) },
  ])
}
