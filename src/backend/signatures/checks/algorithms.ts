import type { Certificate } from '../pki/x509'
import { type CheckResult, type Params, type Policy, type SignatureEvidence, undecided } from './types'

/**
 * Algorithm strength, one policy for every format (SIGNATURES.md step 13): MD5 and unknown digests, RSA
 * keys under `rsaMinBits` and EC keys under `ecMinBits` cannot be relied on (CRYPTO_CONSTRAINTS_FAILURE);
 * SHA-1 and RSA keys under `rsaWarnBits` (ESTEID 2015 cards have 2047-bit moduli) are warnings.
 */
export function algorithmsCheck(e: SignatureEvidence, policy: Policy): CheckResult | null {
  const id = 'algorithms'
  const fail = (reasonKey: string, params: Params): CheckResult => ({
    id,
    outcome: 'fail',
    reasonKey,
    params,
    effect: undecided('CRYPTO_CONSTRAINTS_FAILURE'),
  })
  const forbidden = e.algorithms.digests.find((d) => !d || d === 'md5')
  if (forbidden !== undefined || e.algorithms.unknown)
    return fail('pki_policy_digest_forbidden', { digest: forbidden ?? '?' })
  const cert: Certificate | null = e.signer
  if (cert) {
    const bits = cert.keyBits
    const rsa = cert.keyType === 'rsa' || cert.keyType === 'rsa-pss'
    if (!rsa && cert.keyType !== 'ec') return fail('pki_policy_key_unknown', { bits })
    if ((rsa && bits < policy.rsaMinBits) || (!rsa && bits < policy.ecMinBits))
      return fail('pki_policy_key_too_short', { bits })
    if (e.algorithms.digests.includes('sha1'))
      return { id, outcome: 'warning', reasonKey: 'pki_policy_sha1', params: { digest: 'sha1' } }
    if (rsa && bits < policy.rsaWarnBits)
      return { id, outcome: 'warning', reasonKey: 'pki_policy_key_short', params: { bits } }
  } else if (e.algorithms.digests.includes('sha1'))
    return { id, outcome: 'warning', reasonKey: 'pki_policy_sha1', params: { digest: 'sha1' } }
  return { id, outcome: 'pass', reasonKey: 'pki_policy_ok' }
}
