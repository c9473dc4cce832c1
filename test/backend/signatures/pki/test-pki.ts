import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import forge from 'node-forge'
import { derLength, derSortedSet } from '../../../../src/backend/signatures/pki/asn1'
import { type Certificate, parseCertificate } from '../../../../src/backend/signatures/pki/x509'

/**
 * Test-only PKI: a DER writer and builders for certificates (CA, end entity, OCSP responder, TSA), OCSP
 * responses, CRLs, RFC 3161 tokens and CMS SignedData, all with EC P-256 keys signed by node:crypto. Every
 * time is chosen by the test, so verdicts at a fixed validation time are deterministic.
 */
export const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts)
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body])
}
export const seq = (...p: Buffer[]) => tlv(0x30, ...p)
export const set = (...p: Buffer[]) => tlv(0x31, ...p)
export const ctx = (n: number, ...p: Buffer[]) => tlv(0xa0 | n, ...p)
export const octet = (b: Buffer) => tlv(0x04, b)
export const oidDer = (o: string) => tlv(0x06, Buffer.from(forge.asn1.oidToDer(o).getBytes(), 'binary'))
export const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'))
export const bits = (b: Buffer) => tlv(0x03, Buffer.from([0]), b)
export const nul = () => Buffer.from([0x05, 0x00])
export const intHex = (hex: string) => {
  let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b])
  return tlv(0x02, b)
}
export const int = (n: number) => intHex(n.toString(16))
export const genTime = (d: Date) =>
  tlv(
    0x18,
    Buffer.from(
      d
        .toISOString()
        .replace(/[-:T]/g, '')
        .replace(/\.\d+Z$/, 'Z'),
      'latin1',
    ),
  )
const alg = (o: string, withNull = false) => seq(oidDer(o), ...(withNull ? [nul()] : []))

export const OIDS = {
  ecdsaSha256: '1.2.840.10045.4.3.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  cn: '2.5.4.3',
  c: '2.5.4.6',
  o: '2.5.4.10',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  revocationValues: '1.2.840.113549.1.9.16.2.24',
  archiveTimestampV3: '0.4.0.1733.2.4',
  atsHashIndexV3: '0.4.0.19122.1.5',
  riOcspResponse: '1.3.6.1.5.5.7.16.2',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
}

export interface TestId {
  cn: string
  key: KeyObject
  der: Buffer
  cert: Certificate
  /** DER of the subject Name. */
  name: Buffer
}

export const nameDer = (cn: string, o = 'GasDesk Test PKI') =>
  seq(
    set(seq(oidDer(OIDS.c), tlv(0x13, Buffer.from('LV')))),
    set(seq(oidDer(OIDS.o), utf8(o))),
    set(seq(oidDer(OIDS.cn), utf8(cn))),
  )

function keyId(spki: Buffer): Buffer {
  return createHash('sha1').update(spki).digest()
}

export interface IssueOptions {
  ca?: boolean
  eku?: string[]
  notBefore?: Date
  notAfter?: Date
  serial?: string
}

let serialCounter = 0x1000

/** A certificate for a new P-256 key, issued by `issuer` (self-signed when null). */
export function issue(issuer: TestId | null, cn: string, opts: IssueOptions = {}): TestId {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const subject = nameDer(cn)
  const issuerName = issuer ? issuer.name : subject
  const issuerSpki = issuer ? issuer.cert.spki : spki
  const exts: Buffer[] = [
    seq(oidDer('2.5.29.14'), octet(octet(keyId(spki)))),
    seq(oidDer('2.5.29.35'), octet(seq(tlv(0x80, keyId(issuerSpki))))),
    seq(
      oidDer('2.5.29.15'),
      tlv(0x01, Buffer.from([0xff])),
      octet(tlv(0x03, Buffer.from([0, opts.ca ? 0x06 : 0xc0]))),
    ),
  ]
  if (opts.ca)
    exts.push(
      seq(oidDer('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), octet(seq(tlv(0x01, Buffer.from([0xff]))))),
    )
  if (opts.eku) exts.push(seq(oidDer('2.5.29.37'), octet(seq(...opts.eku.map(oidDer)))))
  const tbs = seq(
    ctx(0, int(2)),
    intHex(opts.serial ?? (serialCounter++).toString(16)),
    alg(OIDS.ecdsaSha256),
    issuerName,
    seq(
      genTime(opts.notBefore ?? new Date('2020-01-01Z')),
      genTime(opts.notAfter ?? new Date('2035-01-01Z')),
    ),
    subject,
    spki,
    ctx(3, seq(...exts)),
  )
  const signer = issuer ? issuer.key : privateKey
  const der = seq(tbs, alg(OIDS.ecdsaSha256), bits(sign('sha256', tbs, signer)))
  return { cn, key: privateKey, der, cert: parseCertificate(der), name: subject }
}

/** The subjectPublicKey BIT STRING value of an EC key (what OCSP key hashes cover). */
function publicKeyBitsOf(id: TestId): Buffer {
  const jwk = id.cert.publicKey.export({ format: 'jwk' })
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')])
}

export interface OcspOptions {
  /** Who signs the response (the CA itself, a delegated responder, ...). */
  signer: TestId
  issuer: TestId
  subject: TestId
  producedAt: Date
  status?: 'good' | 'revoked' | 'unknown'
  revokedAt?: Date
  /** Certificates shipped in the response (default: the signer's when it is not the issuer). */
  certs?: TestId[]
  nonce?: Buffer
}

/** A full OCSPResponse (successful, id-pkix-ocsp-basic). */
export function ocspResponse(o: OcspOptions): Buffer {
  const certId = seq(
    alg(OIDS.sha1, true),
    octet(createHash('sha1').update(o.issuer.name).digest()),
    octet(createHash('sha1').update(publicKeyBitsOf(o.issuer)).digest()),
    intHex(o.subject.cert.serialHex),
  )
  const status =
    o.status === 'revoked'
      ? ctx(1, genTime(o.revokedAt ?? o.producedAt))
      : o.status === 'unknown'
        ? Buffer.from([0x82, 0])
        : Buffer.from([0x80, 0])
  const single = seq(certId, status, genTime(o.producedAt))
  const ext = o.nonce ? [ctx(1, seq(seq(oidDer('1.3.6.1.5.5.7.48.1.2'), octet(o.nonce))))] : []
  const tbs = seq(ctx(1, o.signer.name), genTime(o.producedAt), seq(single), ...ext)
  const certs = o.certs ?? (o.signer === o.issuer ? [] : [o.signer])
  const basic = seq(
    tbs,
    alg(OIDS.ecdsaSha256),
    bits(sign('sha256', tbs, o.signer.key)),
    ...(certs.length ? [ctx(0, seq(...certs.map((c) => c.der)))] : []),
  )
  return seq(tlv(0x0a, Buffer.from([0])), ctx(0, seq(oidDer(OIDS.ocspBasic), octet(basic))))
}

/** A CRL (v2) signed by `issuer`, listing the given serials. */
export function crl(
  issuer: TestId,
  thisUpdate: Date,
  nextUpdate: Date | null,
  revoked: { serialHex: string; at: Date }[] = [],
  signer: TestId = issuer,
): Buffer {
  const list = revoked.length ? [seq(...revoked.map((r) => seq(intHex(r.serialHex), genTime(r.at))))] : []
  const tbs = seq(
    int(1),
    alg(OIDS.ecdsaSha256),
    issuer.name,
    genTime(thisUpdate),
    ...(nextUpdate ? [genTime(nextUpdate)] : []),
    ...list,
  )
  return seq(tbs, alg(OIDS.ecdsaSha256), bits(sign('sha256', tbs, signer.key)))
}

const attribute = (type: string, ...values: Buffer[]) => seq(oidDer(type), set(...values))

export interface SignedDataOptions {
  signer: TestId
  contentType?: string
  /** Enveloped content; omitted from the SignedData when `detached`. */
  content: Buffer
  detached?: boolean
  signingTime?: Date
  certs?: TestId[]
  /** Raw RevocationInfoChoice elements for the `crls` [1] field. */
  revocationInfo?: Buffer[]
  /** Unsigned attributes, made from the signature value (a signature timestamp covers it). */
  unsigned?: (signatureValue: Buffer) => Buffer[]
  /** Add signing-certificate-v2 (default true). */
  essCert?: boolean
  /** The issuer Name (DER) written in the ESSCertIDv2 issuerSerial (default: the real issuer). */
  essIssuer?: Buffer
}

/** A ContentInfo with SignedData and one SignerInfo (signed attributes in DER order). */
export function signedData(o: SignedDataOptions): Buffer {
  const contentType = o.contentType ?? OIDS.data
  const attrs = [
    attribute(OIDS.contentType, oidDer(contentType)),
    attribute(OIDS.messageDigest, octet(createHash('sha256').update(o.content).digest())),
  ]
  if (o.signingTime) attrs.push(attribute(OIDS.signingTime, genTime(o.signingTime)))
  if (o.essCert !== false) {
    const essId = seq(
      octet(createHash('sha256').update(o.signer.der).digest()),
      seq(seq(ctx(4, o.essIssuer ?? o.signer.cert.issuer.der)), intHex(o.signer.cert.serialHex)),
    )
    attrs.push(attribute(OIDS.signingCertificateV2, seq(seq(essId))))
  }
  const signedSet = derSortedSet(attrs)
  const signature = sign('sha256', signedSet, o.signer.key)
  const unsigned = o.unsigned?.(signature) ?? []
  const signerInfo = seq(
    int(1),
    seq(o.signer.cert.issuer.der, intHex(o.signer.cert.serialHex)),
    alg(OIDS.sha256),
    Buffer.concat([Buffer.from([0xa0]), signedSet.subarray(1)]),
    alg(OIDS.ecdsaSha256),
    octet(signature),
    ...(unsigned.length ? [ctx(1, ...unsigned)] : []),
  )
  const certs = o.certs ?? [o.signer]
  const encap = seq(oidDer(contentType), ...(o.detached ? [] : [ctx(0, octet(o.content))]))
  const sd = seq(
    int(3),
    set(alg(OIDS.sha256)),
    encap,
    ctx(0, ...certs.map((c) => c.der)),
    ...(o.revocationInfo?.length ? [ctx(1, ...o.revocationInfo)] : []),
    set(signerInfo),
  )
  return seq(oidDer(OIDS.signedData), ctx(0, sd))
}

/**
 * An RFC 3161 TimeStampToken over `stamped` (SHA-256 imprint) issued by `tsa` at `genTime`; `unsigned`
 * attributes go on the token's own SignerInfo (an archive timestamp's ats-hash-index-v3).
 */
export function timestampToken(
  tsa: TestId,
  stamped: Buffer,
  at: Date,
  certs: TestId[] = [tsa],
  unsigned: Buffer[] = [],
): Buffer {
  const tst = seq(
    int(1),
    oidDer('1.3.6.1.4.1.99999.1'),
    seq(alg(OIDS.sha256), octet(createHash('sha256').update(stamped).digest())),
    int(++serialCounter),
    genTime(at),
  )
  return signedData({
    signer: tsa,
    contentType: OIDS.tstInfo,
    content: tst,
    signingTime: at,
    certs,
    unsigned: () => unsigned,
  })
}

/** The RFC 5940 RevocationInfoChoice carrying an OCSP response: [1] { id-ri-ocsp-response, OCSPResponse }. */
export const otherRevInfoOcsp = (ocsp: Buffer) => ctx(1, oidDer(OIDS.riOcspResponse), ocsp)

/** An unsigned attribute (for SignerInfo unsignedAttrs). */
export const unsignedAttr = attribute
