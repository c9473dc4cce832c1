import type { Certificate } from '../pki/x509'
import { isIssuedBy, tryParseCertificate } from '../pki/x509'
import { verifyTimestampToken, type TimestampResult } from '../pki/timestamp'
import { checkOcsp, parseOcsp, type OcspCheck } from '../pki/ocsp'
import { anchorCertificates } from '../pki/chain'
import { parseAsn1, child as asnChild, content, oid } from '../pki/asn1'
import { DIGESTS } from '../pki/oids'
import type { TrustStore } from '../pki/trust'
import type { XmlElement } from './dom'
import { NS, child } from './dom'
import { C14N } from './c14n'
import { base64Of, canonicalize } from './dsig'
import { digest } from './algorithms'
import { timestampParts } from './xades-props'

const MAX_OCSP = 50

/** XAdES unsigned evidence (signature timestamps, OCSP) checked with the PKI layer. */
export function certificatesOf(elements: XmlElement[]): Certificate[] {
  const out: Certificate[] = []
  for (const el of elements) {
    try {
      const c = tryParseCertificate(base64Of(el))
      if (c) out.push(c)
    } catch {
      // An undecodable certificate value is skipped; the chain check reports what is missing.
    }
  }
  return out
}

/** The signature timestamp's imprint covers the canonicalised ds:SignatureValue element. */
export function checkSignatureTimestamp(
  ts: XmlElement,
  signature: XmlElement,
  store: TrustStore,
  pool: Certificate[],
): TimestampResult | null {
  const { c14n, token } = timestampParts(ts)
  const sv = child(signature, NS.ds, 'SignatureValue')
  if (!token || !sv) return null
  let der: Buffer
  try {
    der = base64Of(token)
  } catch {
    return null
  }
  const stamped = Buffer.from(canonicalize(sv, { algorithm: c14n ?? C14N.c14n10 }), 'utf8')
  return verifyTimestampToken(der, stamped, store, pool)
}

export function findIssuer(cert: Certificate, pool: Certificate[], store: TrustStore): Certificate | null {
  return (
    [...pool, ...anchorCertificates(store)].find((c) => !c.der.equals(cert.der) && isIssuedBy(cert, c)) ??
    null
  )
}

export interface RevocationEvidence {
  check: OcspCheck
  /** BDOC-TM: the nonce is a digest of the SignatureValue (a time-mark). */
  nonce: 'match' | 'mismatch' | 'absent'
}

/**
 * The best embedded OCSP response for `cert`: usable ones first, then those produced at or after the
 * signature time (`after`), the earliest of those; responses for other certificates are ignored.
 */
export function checkRevocation(
  values: XmlElement[],
  cert: Certificate,
  issuer: Certificate,
  store: TrustStore,
  pool: Certificate[],
  signatureValue: Buffer,
  after: Date | null,
): RevocationEvidence | null {
  const found: RevocationEvidence[] = []
  for (const el of values.slice(0, MAX_OCSP)) {
    let check: OcspCheck
    try {
      check = checkOcsp(parseOcsp(base64Of(el)), cert, issuer, store, pool)
    } catch {
      continue
    }
    if (check.single) found.push({ check, nonce: nonceState(check.response.nonce, signatureValue) })
  }
  const floor = after ? Math.floor(after.getTime() / 1000) * 1000 : -Infinity
  const rank = (e: RevocationEvidence): [number, number, number] => {
    const t = e.check.response.producedAt.getTime()
    return [
      e.check.reasonKey === null || e.check.status === 'revoked' ? 0 : 1,
      t >= floor ? 0 : 1,
      t >= floor ? t : -t,
    ]
  }
  found.sort((a, b) => {
    const ra = rank(a)
    const rb = rank(b)
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2]
  })
  return found[0] ?? null
}

/**
 * BDOC 2.1: the OCSP nonce is DER DigestInfo { algorithm, digest(SignatureValue) }. Other nonces (random
 * bytes in ordinary OCSP requests) are not time-marks: 'absent'.
 */
function nonceState(nonce: Buffer | null, signatureValue: Buffer): RevocationEvidence['nonce'] {
  if (!nonce) return 'absent'
  let hash: string | undefined
  let value: Buffer
  try {
    let node = parseAsn1(nonce, true)
    // Some responders wrap the value in one more OCTET STRING.
    if (node.tagNo === 4 && !node.constructed) node = parseAsn1(content(node), true)
    hash = DIGESTS[oid(asnChild(asnChild(node, 0, 'alg'), 0, 'oid'))]
    value = content(asnChild(node, 1, 'digest'))
  } catch {
    return 'absent'
  }
  if (!hash) return 'absent'
  return value.equals(digest(hash, signatureValue)) ? 'match' : 'mismatch'
}
