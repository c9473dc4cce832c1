/**
 * Algorithm strength policy (SIGNATURES.md step 13), stated once here and applied to every signature,
 * timestamp and OCSP response:
 *   - MD5 (and unknown digests): failure (CRYPTO_CONSTRAINTS_FAILURE).
 *   - SHA-1: warning — still found in 2015-2018 Baltic signatures whose other evidence holds.
 *   - RSA below 1024 bits: failure; 1024..2047 bits: warning (ESTEID 2015 cards have 2047-bit moduli).
 *   - EC keys below 256 bits: failure.
 *   - RSA PKCS#1 v1.5 DigestInfo without the NULL parameter: warning (reported by verify.ts).
 */
import type { Certificate } from './x509'

export interface PolicyFinding {
  outcome: 'pass' | 'warning' | 'fail'
  reasonKey: string
  params?: Record<string, string | number>
}

export function digestPolicy(digest: string | null): PolicyFinding {
  if (!digest || digest === 'md5')
    return { outcome: 'fail', reasonKey: 'pki_policy_digest_forbidden', params: { digest: digest ?? '?' } }
  if (digest === 'sha1') return { outcome: 'warning', reasonKey: 'pki_policy_sha1', params: { digest } }
  return { outcome: 'pass', reasonKey: 'pki_policy_ok', params: { digest } }
}

export function keyPolicy(cert: Certificate): PolicyFinding {
  const bits = cert.keyBits
  if (cert.keyType === 'rsa' || cert.keyType === 'rsa-pss') {
    if (bits < 1024) return { outcome: 'fail', reasonKey: 'pki_policy_key_too_short', params: { bits } }
    if (bits < 2048) return { outcome: 'warning', reasonKey: 'pki_policy_key_short', params: { bits } }
    return { outcome: 'pass', reasonKey: 'pki_policy_ok', params: { bits } }
  }
  if (cert.keyType === 'ec') {
    return bits >= 256
      ? { outcome: 'pass', reasonKey: 'pki_policy_ok', params: { bits } }
      : { outcome: 'fail', reasonKey: 'pki_policy_key_too_short', params: { bits } }
  }
  return { outcome: 'fail', reasonKey: 'pki_policy_key_unknown', params: { bits } }
}

/** The worse of several findings (fail > warning > pass). */
export function worst(findings: PolicyFinding[]): PolicyFinding {
  return (
    findings.find((f) => f.outcome === 'fail') ??
    findings.find((f) => f.outcome === 'warning') ?? { outcome: 'pass', reasonKey: 'pki_policy_ok' }
  )
}
