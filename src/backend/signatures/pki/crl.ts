/**
 * CRLs (RFC 5280 CertificateList) as embedded revocation evidence, the alternative to OCSP: signed by the
 * certificate's issuer (direct CRLs only; cRLSign when the issuer states key usage), current at the best
 * signature time (nextUpdate not before it; issued later is fresher still), and the serial not listed as
 * revoked at that time.
 */
import {
  type Asn1,
  TAG,
  bitString,
  child,
  expect,
  integerHex,
  isUniversal,
  parseAsn1,
  raw,
  time,
} from './asn1'
import { type Certificate, type DistinguishedName, isIssuedBy, nameKey, parseName } from './x509'
import { verifySignature } from './verify'

export interface Crl {
  tbs: Buffer
  signatureAlgorithm: Asn1
  signature: Buffer
  issuer: DistinguishedName
  thisUpdate: Date
  nextUpdate: Date | null
  /** Revoked serials (hex, as certificates report them) with their revocation dates. */
  revoked: Map<string, Date>
}

const MAX_REVOKED = 500_000

export class CrlError extends Error {
  constructor(readonly reasonKey: string) {
    super(reasonKey)
    this.name = 'CrlError'
  }
}

export function parseCrl(der: Buffer): Crl {
  try {
    const root = parseAsn1(der)
    const tbs = expect(child(root, 0, 'tbsCertList'), TAG.SEQUENCE, 'TBSCertList')
    let i = isUniversal(tbs.children[0], TAG.INTEGER) ? 1 : 0
    i++ // signature AlgorithmIdentifier (inner)
    const issuer = parseName(child(tbs, i++, 'issuer'))
    const thisUpdate = time(child(tbs, i++, 'thisUpdate'))
    let nextUpdate: Date | null = null
    const nu = tbs.children[i]
    if (nu && nu.cls === 0 && (nu.tagNo === TAG.UTC_TIME || nu.tagNo === TAG.GENERALIZED_TIME)) {
      nextUpdate = time(nu)
      i++
    }
    const revoked = new Map<string, Date>()
    const list = tbs.children[i]
    if (isUniversal(list, TAG.SEQUENCE)) {
      for (const entry of list.children.slice(0, MAX_REVOKED))
        revoked.set(integerHex(entry.children[0]), time(entry.children[1]))
    }
    return {
      tbs: Buffer.from(raw(tbs)),
      signatureAlgorithm: expect(child(root, 1, 'signatureAlgorithm'), TAG.SEQUENCE, 'AlgorithmIdentifier'),
      signature: Buffer.from(bitString(child(root, 2, 'signatureValue')).bytes),
      issuer,
      thisUpdate,
      nextUpdate,
      revoked,
    }
  } catch {
    throw new CrlError('pki_crl_format')
  }
}

export interface CrlCheck {
  crl: Crl
  status: 'good' | 'revoked' | null
  revocationTime: Date | null
  /** First failure reason key, or null when the CRL is usable evidence for the certificate. */
  reasonKey: string | null
}

/** Check a CRL as evidence for `cert` (issued by `issuer`) at the best signature time `at`. */
export function checkCrl(crl: Crl, cert: Certificate, issuer: Certificate, at: Date): CrlCheck {
  const r: CrlCheck = { crl, status: null, revocationTime: null, reasonKey: null }
  // A CRL by another CA says nothing about this certificate.
  if (nameKey(crl.issuer) !== nameKey(cert.issuer) || !isIssuedBy(cert, issuer))
    return { ...r, reasonKey: 'pki_crl_other_issuer' }
  const sig = verifySignature(issuer, crl.signatureAlgorithm, null, crl.tbs, crl.signature)
  if (sig.outcome === 'fail') return { ...r, reasonKey: 'pki_crl_signature' }
  if (issuer.keyUsage && !issuer.keyUsage.includes('cRLSign'))
    return { ...r, reasonKey: 'pki_crl_signer_not_authorised' }
  const revokedAt = crl.revoked.get(cert.serialHex) ?? null
  if (revokedAt) return { ...r, status: 'revoked', revocationTime: revokedAt }
  if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime()) return { ...r, reasonKey: 'pki_crl_stale' }
  return { ...r, status: 'good' }
}
