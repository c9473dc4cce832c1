import type { Certificate } from '../pki/x509'
import { isIssuedBy, tryParseCertificate } from '../pki/x509'
import { verifyTimestampToken, type TimestampResult } from '../pki/timestamp'
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

/**
 * BDOC 2.1: the OCSP nonce is DER DigestInfo { algorithm, digest(SignatureValue) }. Other nonces (random
 * bytes in ordinary OCSP requests) are not time-marks: 'absent'.
 */
export function nonceState(nonce: Buffer | null, signatureValue: Buffer): 'match' | 'mismatch' | 'absent' {
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
