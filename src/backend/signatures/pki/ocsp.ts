/**
 * OCSP responses (RFC 6960) as embedded evidence: parse OCSPResponse / BasicOCSPResponse, verify the
 * signature, check that the responder is authorised (the CA itself, a delegated responder with
 * id-kp-OCSPSigning issued by the CA, or a trusted-list OCSP service), match the certID (issuer name hash,
 * issuer key hash, serial), and report status and times. The nonce is returned for BDOC-TM time-marks.
 */
import { createHash } from 'node:crypto'
import {
  type Asn1,
  TAG,
  bitString,
  child,
  content,
  expect,
  integerHex,
  isContext,
  isUniversal,
  octets,
  oid,
  parseAsn1,
  raw,
  time,
} from './asn1'
import { anchorCertificates, buildChain, type ChainResult } from './chain'
import { DIGESTS, OID } from './oids'
import type { TrustStore } from './trust'
import { type Certificate, isIssuedBy, nameKey, parseName, tryParseCertificate, validAt } from './x509'
import { verifySignature, type SignatureCheckResult } from './verify'

export interface SingleResponse {
  hashAlgorithm: string | null
  issuerNameHash: Buffer
  issuerKeyHash: Buffer
  serialHex: string
  status: 'good' | 'revoked' | 'unknown'
  revocationTime: Date | null
  thisUpdate: Date
  nextUpdate: Date | null
}

export interface BasicOcspResponse {
  tbs: Buffer
  responderId: { name: string | null; keyHash: Buffer | null }
  producedAt: Date
  responses: SingleResponse[]
  /** Content of the nonce extension's extnValue (for BDOC-TM usually a DER DigestInfo-like SEQUENCE). */
  nonce: Buffer | null
  signatureAlgorithm: Asn1
  signature: Buffer
  certificates: Certificate[]
}

export class OcspError extends Error {
  constructor(readonly reasonKey: string) {
    super(reasonKey)
    this.name = 'OcspError'
  }
}

/** Accepts a full OCSPResponse or a bare BasicOCSPResponse (as in XAdES EncapsulatedOCSPValue / PDF DSS). */
export function parseOcsp(der: Buffer): BasicOcspResponse {
  try {
    let node = parseAsn1(der)
    if (isUniversal(node.children[0], TAG.ENUMERATED)) {
      if (content(node.children[0])[0] !== 0) throw new OcspError('pki_ocsp_not_successful')
      const bytes = child(child(node, 1, 'responseBytes'), 0, 'ResponseBytes')
      if (oid(bytes.children[0]) !== OID.ocspBasic) throw new OcspError('pki_ocsp_format')
      node = parseAsn1(octets(child(bytes, 1, 'response')))
    }
    return parseBasic(node)
  } catch (e) {
    if (e instanceof OcspError) throw e
    throw new OcspError('pki_ocsp_format')
  }
}

function parseBasic(node: Asn1): BasicOcspResponse {
  const tbs = expect(child(node, 0, 'tbsResponseData'), TAG.SEQUENCE, 'ResponseData')
  let i = isContext(tbs.children[0], 0) ? 1 : 0
  const rid = child(tbs, i++, 'responderID')
  const responderId = {
    name: isContext(rid, 1) ? nameKey(parseName(child(rid, 0, 'Name'))) : null,
    keyHash: isContext(rid, 2) ? Buffer.from(octets(child(rid, 0, 'KeyHash'))) : null,
  }
  const producedAt = time(child(tbs, i++, 'producedAt'))
  const responses = expect(child(tbs, i++, 'responses'), TAG.SEQUENCE, 'responses').children.map(parseSingle)
  let nonce: Buffer | null = null
  if (isContext(tbs.children[i], 1)) {
    for (const ext of child(tbs.children[i], 0, 'extensions').children) {
      if (oid(ext.children[0]) === OID.ocspNonce)
        nonce = Buffer.from(octets(ext.children[ext.children.length - 1]))
    }
  }
  const certificates: Certificate[] = []
  if (isContext(node.children[3], 0)) {
    for (const c of child(node.children[3], 0, 'certs').children) {
      const cert = tryParseCertificate(Buffer.from(raw(c)))
      if (cert) certificates.push(cert)
    }
  }
  const sig = bitString(child(node, 2, 'signature'))
  return {
    tbs: Buffer.from(raw(tbs)),
    responderId,
    producedAt,
    responses,
    nonce,
    signatureAlgorithm: child(node, 1, 'signatureAlgorithm'),
    signature: Buffer.from(sig.bytes),
    certificates,
  }
}

function parseSingle(n: Asn1): SingleResponse {
  const certId = child(n, 0, 'certID')
  const st = child(n, 1, 'certStatus')
  const status = st.tagNo === 0 ? 'good' : st.tagNo === 1 ? 'revoked' : 'unknown'
  let nextUpdate: Date | null = null
  const nu = n.children.slice(3).find((c) => isContext(c, 0))
  if (nu) nextUpdate = time(nu.children[0])
  return {
    hashAlgorithm: DIGESTS[oid(child(certId, 0, 'hashAlgorithm').children[0])] ?? null,
    issuerNameHash: Buffer.from(content(child(certId, 1, 'issuerNameHash'))),
    issuerKeyHash: Buffer.from(content(child(certId, 2, 'issuerKeyHash'))),
    serialHex: integerHex(child(certId, 3, 'serialNumber')),
    status,
    revocationTime: status === 'revoked' ? time(child(st, 0, 'revocationTime')) : null,
    thisUpdate: time(child(n, 2, 'thisUpdate')),
    nextUpdate,
  }
}

/** The subjectPublicKey BIT STRING value (what issuerKeyHash and byKey responder IDs hash). */
export function publicKeyBits(cert: Certificate): Buffer {
  return Buffer.from(bitString(parseAsn1(cert.spki).children[1]).bytes)
}

export interface OcspCheck {
  response: BasicOcspResponse
  single: SingleResponse | null
  responder: Certificate | null
  signature: SignatureCheckResult | null
  /**
   * 'ca' (signed by the issuer), 'delegated' (issued by it with id-kp-OCSPSigning), 'trusted' (a listed
   * OCSP service), 'test' (a test anchor or an OCSP-signing responder chaining to one).
   */
  authorisation: 'ca' | 'delegated' | 'trusted' | 'test' | null
  responderChain: ChainResult | null
  status: 'good' | 'revoked' | 'unknown' | null
  /** First failure reason key, or null when the response is usable evidence. */
  reasonKey: string | null
}

/** Does a certID name this certificate (serial) with this issuer (name hash and key hash)? */
export function certIdMatches(s: SingleResponse, cert: Certificate, issuer: Certificate): boolean {
  if (!s.hashAlgorithm || s.serialHex !== cert.serialHex) return false
  const nameHash = createHash(s.hashAlgorithm).update(cert.issuer.der).digest()
  const keyHash = createHash(s.hashAlgorithm).update(publicKeyBits(issuer)).digest()
  return nameHash.equals(s.issuerNameHash) && keyHash.equals(s.issuerKeyHash)
}

function responderMatches(r: BasicOcspResponse, c: Certificate): boolean {
  if (r.responderId.keyHash)
    return createHash('sha1').update(publicKeyBits(c)).digest().equals(r.responderId.keyHash)
  return r.responderId.name !== null && nameKey(c.subject) === r.responderId.name
}

/** Check an OCSP response as evidence for `cert` issued by `issuer`. */
export function checkOcsp(
  response: BasicOcspResponse,
  cert: Certificate,
  issuer: Certificate,
  store: TrustStore,
  pool: Certificate[] = [],
): OcspCheck {
  const r: OcspCheck = {
    response,
    single: response.responses.find((s) => certIdMatches(s, cert, issuer)) ?? null,
    responder: null,
    signature: null,
    authorisation: null,
    responderChain: null,
    status: null,
    reasonKey: null,
  }
  const candidates = [...response.certificates, issuer, ...pool]
  // The responder certificate may be left out of the response when the trusted list names it.
  r.responder =
    [...candidates, ...anchorCertificates(store)].find((c) => responderMatches(response, c)) ?? null
  if (!r.single) return { ...r, reasonKey: 'pki_ocsp_other_certificate' }
  r.status = r.single.status
  if (!r.responder) return { ...r, reasonKey: 'pki_ocsp_no_responder' }
  r.signature = verifySignature(
    r.responder,
    response.signatureAlgorithm,
    null,
    response.tbs,
    response.signature,
  )
  if (r.signature.outcome === 'fail') return { ...r, reasonKey: 'pki_ocsp_signature' }
  const ocspSigning = r.responder.extKeyUsage.includes(OID.kpOcspSigning)
  if (r.responder.der.equals(issuer.der)) r.authorisation = 'ca'
  else if (isIssuedBy(r.responder, issuer) && ocspSigning) r.authorisation = 'delegated'
  else {
    r.responderChain = buildChain(r.responder, candidates, store, response.producedAt, 'ocsp')
    const anchor = r.responderChain.trusted ? r.responderChain.anchor : null
    if (anchor?.service?.type.startsWith('OCSP')) r.authorisation = 'trusted'
    // Test trust (--trust-test-pki / --trust-dir) has no OCSP service entries: as DSS and digidoc4j do
    // with their test lists, a responder that is itself a test anchor, or an id-kp-OCSPSigning responder
    // chaining to one (the SK model: responder issued by the root, not by the signer's CA), is accepted.
    else if (anchor?.testAnchor && (r.responderChain.chain.length === 1 || ocspSigning))
      r.authorisation = 'test'
  }
  if (!r.authorisation) return { ...r, reasonKey: 'pki_ocsp_responder_not_authorised' }
  // A delegated responder's own certificate must be valid when it answered (the CA's validity is the
  // signer chain's business).
  if (r.authorisation !== 'ca' && validAt(r.responder, response.producedAt) !== 'valid')
    return { ...r, reasonKey: 'pki_ocsp_responder_expired' }
  if (r.responderChain?.invalidAt) return { ...r, reasonKey: 'pki_ocsp_responder_expired' }
  if (r.single.status === 'revoked') return { ...r, reasonKey: 'pki_ocsp_revoked' }
  if (r.single.status === 'unknown') return { ...r, reasonKey: 'pki_ocsp_unknown' }
  return r
}
