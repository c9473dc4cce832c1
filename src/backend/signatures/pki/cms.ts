/**
 * CMS SignedData (RFC 5652): parsing and verification of one SignerInfo. Used by CAdES, PAdES, RFC 3161
 * timestamps and (through the XML side) nothing else. The signed attributes are hashed exactly as received;
 * when that fails the SET is re-encoded in DER order and tried again (CAdESDigestComputationBERTest).
 */
import { createHash } from 'node:crypto'
import {
  type Asn1,
  Asn1Error,
  TAG,
  child,
  content,
  derSortedSet,
  expect,
  integerHex,
  isContext,
  isUniversal,
  octets,
  oid,
  parseAsn1,
  raw,
  time,
  toDer,
} from './asn1'
import { namesMatch } from './name-compare'
import { DIGESTS, OID } from './oids'
import { type Certificate, nameKey, parseName, tryParseCertificate } from './x509'
import { type SignatureCheckResult, verifySignature } from './verify'

export interface Attribute {
  type: string
  values: Asn1[]
}

export interface SignerInfo {
  node: Asn1
  sid: { issuerKey: string | null; serialHex: string | null; keyId: Buffer | null }
  digestOid: string
  digestAlgorithm: string | null
  signedAttrs: Asn1 | null
  attrs: Attribute[]
  signatureAlgorithm: Asn1
  signature: Buffer
  unsignedAttrs: Attribute[]
}

export interface SignedData {
  /** The SignedData SEQUENCE as received (a CAdES archive-time-stamp-v3 covers its parts as encoded). */
  node: Asn1
  contentType: string
  /** Enveloped content, or null when detached. */
  content: Buffer | null
  certificates: Certificate[]
  signers: SignerInfo[]
  /** The `crls` field (RevocationInfoChoices): CertificateList DER values. */
  crls: Buffer[]
  /** OCSP responses carried as otherRevInfo (RFC 5940 id-ri-ocsp-response) in the `crls` field. */
  ocspResponses: Buffer[]
}

const MAX_REVOCATION_VALUES = 1000

export class CmsError extends Error {
  constructor(readonly reasonKey: string) {
    super(reasonKey)
    this.name = 'CmsError'
  }
}

function parseAttributes(n: Asn1): Attribute[] {
  return n.children.map((a) => ({ type: oid(a.children[0]), values: a.children[1]?.children ?? [] }))
}

function parseSignerInfo(n: Asn1): SignerInfo {
  expect(n, TAG.SEQUENCE, 'SignerInfo')
  let i = 1
  const sidNode = child(n, i++, 'sid')
  const sid: SignerInfo['sid'] = { issuerKey: null, serialHex: null, keyId: null }
  if (isUniversal(sidNode, TAG.SEQUENCE)) {
    sid.issuerKey = nameKey(parseName(child(sidNode, 0, 'issuer')))
    sid.serialHex = integerHex(sidNode.children[1])
  } else if (isContext(sidNode, 0)) {
    sid.keyId = Buffer.from(content(sidNode))
  } else throw new Asn1Error('asn1: bad sid')
  const digestOid = oid(child(n, i++, 'digestAlgorithm').children[0])
  let signedAttrs: Asn1 | null = null
  if (isContext(n.children[i], 0)) signedAttrs = n.children[i++]
  const signatureAlgorithm = expect(child(n, i++, 'signatureAlgorithm'), TAG.SEQUENCE, 'AlgorithmIdentifier')
  const signature = Buffer.from(octets(expect(child(n, i++, 'signature'), TAG.OCTET_STRING, 'signature')))
  const unsigned = isContext(n.children[i], 1) ? parseAttributes(n.children[i]) : []
  return {
    node: n,
    sid,
    digestOid,
    digestAlgorithm: DIGESTS[digestOid] ?? null,
    signedAttrs,
    attrs: signedAttrs ? parseAttributes(signedAttrs) : [],
    signatureAlgorithm,
    signature,
    unsignedAttrs: unsigned,
  }
}

/** Parse a ContentInfo holding SignedData (DER or BER). Throws CmsError('cms_format') on anything else. */
export function parseSignedData(bytes: Buffer): SignedData {
  try {
    const ci = parseAsn1(bytes, true)
    if (oid(child(ci, 0, 'contentType')) !== OID.signedData) throw new CmsError('cms_not_signed_data')
    const sd = expect(child(child(ci, 1, 'content'), 0, 'SignedData'), TAG.SEQUENCE, 'SignedData')
    let i = 2
    const encap = expect(child(sd, i++, 'encapContentInfo'), TAG.SEQUENCE, 'EncapsulatedContentInfo')
    const contentType = oid(encap.children[0])
    const eContent = encap.children[1] ? Buffer.from(octets(child(encap.children[1], 0, 'eContent'))) : null
    const certificates: Certificate[] = []
    if (isContext(sd.children[i], 0)) {
      for (const c of sd.children[i].children) {
        // Only X.509 certificates; attribute/other certificate choices are tagged and skipped.
        if (!isUniversal(c, TAG.SEQUENCE)) continue
        const cert = tryParseCertificate(Buffer.from(raw(c)))
        if (cert) certificates.push(cert)
      }
      i++
    }
    const crls: Buffer[] = []
    const ocspResponses: Buffer[] = []
    if (isContext(sd.children[i], 1)) {
      for (const c of sd.children[i].children.slice(0, MAX_REVOCATION_VALUES)) {
        if (c.cls === 0 && c.tagNo === TAG.SEQUENCE) crls.push(Buffer.from(raw(c)))
        else if (c.cls === 2 && c.tagNo === 1 && oid(c.children[0]) === OID.riOcspResponse && c.children[1])
          ocspResponses.push(Buffer.from(raw(c.children[1])))
      }
      i++
    }
    const signerSet = expect(child(sd, i, 'signerInfos'), TAG.SET, 'signerInfos')
    return {
      node: sd,
      contentType,
      content: eContent,
      certificates,
      signers: signerSet.children.map(parseSignerInfo),
      crls,
      ocspResponses,
    }
  } catch (e) {
    if (e instanceof CmsError) throw e
    throw new CmsError('cms_format')
  }
}

export function attr(si: SignerInfo, type: string, unsigned = false): Asn1 | null {
  const list = unsigned ? si.unsignedAttrs : si.attrs
  return list.find((a) => a.type === type)?.values[0] ?? null
}

/** The signer's certificate among the candidates, by issuer+serial or subject key identifier. */
export function findSignerCertificate(si: SignerInfo, candidates: Certificate[]): Certificate | null {
  return (
    candidates.find((c) =>
      si.sid.keyId
        ? c.subjectKeyId?.equals(si.sid.keyId) === true
        : c.serialHex === si.sid.serialHex && nameKey(c.issuer) === si.sid.issuerKey,
    ) ?? null
  )
}

export interface SigningCertRef {
  /** 'issuer_differs': hash and serial name the certificate, the issuer is written otherwise. */
  state: 'match' | 'mismatch' | 'issuer_differs' | 'absent'
  version: 1 | 2 | null
}

/** ESS signing-certificate(-v2): the first ESSCertID must name the signer certificate (hash and serial). */
export function checkSigningCertificateAttr(si: SignerInfo, cert: Certificate): SigningCertRef {
  const v2 = attr(si, OID.signingCertificateV2)
  const v1 = v2 ? null : attr(si, OID.signingCertificate)
  const node = v2 ?? v1
  if (!node) return { state: 'absent', version: null }
  const version = v2 ? 2 : 1
  try {
    const certId = child(child(node, 0, 'certs'), 0, 'ESSCertID')
    let j = 0
    let hash = 'sha1'
    if (version === 2) {
      hash = 'sha256'
      if (isUniversal(certId.children[0], TAG.SEQUENCE)) {
        hash = DIGESTS[oid(certId.children[0].children[0])] ?? ''
        j++
      }
    }
    if (!hash) return { state: 'mismatch', version }
    const certHash = content(expect(certId.children[j], TAG.OCTET_STRING, 'certHash'))
    const ok = createHash(hash).update(cert.der).digest().equals(certHash)
    const issuerSerial = certId.children[j + 1]
    const serialOk = !issuerSerial || integerHex(issuerSerial.children[1]) === cert.serialHex
    // IssuerSerial.issuer is GeneralNames; its directoryName [4] must name the certificate's issuer.
    const dir = issuerSerial?.children[0]?.children.find((g) => isContext(g, 4))
    const issuerOk = !dir || namesMatch(child(dir, 0, 'Name'), cert.issuer.der)
    if (ok && serialOk && !issuerOk) return { state: 'issuer_differs', version }
    return { state: ok && serialOk ? 'match' : 'mismatch', version }
  } catch {
    return { state: 'mismatch', version }
  }
}

export interface SignerVerification {
  certificate: Certificate | null
  digestAlgorithm: string | null
  /** null when there are no signed attributes (the signature is over the content itself). */
  messageDigest: 'match' | 'mismatch' | 'missing' | null
  contentTypeAttr: 'match' | 'mismatch' | 'missing' | null
  signature: SignatureCheckResult | null
  /** The signed attributes verified only after re-sorting into DER order. */
  resorted: boolean
  signingCertRef: SigningCertRef
  signingTime: Date | null
}

export function signingTimeOf(si: SignerInfo): Date | null {
  const n = attr(si, OID.signingTime)
  try {
    return n ? time(n) : null
  } catch {
    return null
  }
}

/**
 * Verify one SignerInfo over `data` (the enveloped or detached content). `pool` adds certificates from
 * outside the SignedData (PDF DSS, a known signer certificate).
 */
export function verifySignerInfo(
  sd: SignedData,
  si: SignerInfo,
  data: Buffer | null,
  pool: Certificate[] = [],
): SignerVerification {
  const certificate = findSignerCertificate(si, [...sd.certificates, ...pool])
  const result: SignerVerification = {
    certificate,
    digestAlgorithm: si.digestAlgorithm,
    messageDigest: null,
    contentTypeAttr: null,
    signature: null,
    resorted: false,
    signingCertRef: certificate
      ? checkSigningCertificateAttr(si, certificate)
      : { state: 'absent', version: null },
    signingTime: signingTimeOf(si),
  }
  if (!si.digestAlgorithm) return result
  let signed: Buffer | null = data
  let resortedBytes: Buffer | null = null
  if (si.signedAttrs) {
    const md = attr(si, OID.messageDigest)
    if (!md || !isUniversal(md, TAG.OCTET_STRING)) result.messageDigest = 'missing'
    else if (data === null) result.messageDigest = 'missing'
    else
      result.messageDigest = createHash(si.digestAlgorithm).update(data).digest().equals(content(md))
        ? 'match'
        : 'mismatch'
    const ct = attr(si, OID.contentType)
    result.contentTypeAttr = !ct ? 'missing' : oid(ct) === sd.contentType ? 'match' : 'mismatch'
    // The [0] IMPLICIT tag is replaced by the SET tag; everything else as received.
    signed = Buffer.from(raw(si.signedAttrs))
    signed[0] = 0x31
    resortedBytes = derSortedSet(si.signedAttrs.children.map(toDer))
  }
  if (!certificate || signed === null) return result
  let sig = verifySignature(certificate, si.signatureAlgorithm, si.digestAlgorithm, signed, si.signature)
  if (sig.outcome === 'fail' && resortedBytes && !resortedBytes.equals(signed)) {
    const retry = verifySignature(
      certificate,
      si.signatureAlgorithm,
      si.digestAlgorithm,
      resortedBytes,
      si.signature,
    )
    if (retry.outcome !== 'fail') {
      sig = retry
      result.resorted = true
    }
  }
  result.signature = sig
  return result
}
