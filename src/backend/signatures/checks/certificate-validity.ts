import { validAt } from '../pki/x509'
import { bestSignatureTime } from './best-time'
import { type CheckResult, type Policy, type SignatureEvidence, failed, undecided } from './types'

/**
 * The signer certificate at the best signature time. With a proven time, outside the validity period
 * fails (EXPIRED / NOT_YET_VALID); without one (validation time) it is INDETERMINATE / OUT_OF_BOUNDS_NO_POE.
 */
export function certificateValidityCheck(e: SignatureEvidence, policy: Policy): CheckResult | null {
  if (!e.signer) return null
  const proven = bestSignatureTime(e, policy)
  const at = proven ?? e.validationTime
  const state = validAt(e.signer, at)
  const id = 'certificate-validity'
  if (state === 'valid')
    return { id, outcome: 'pass', reasonKey: 'pki_cert_valid_at', params: { time: at.toISOString() } }
  const reasonKey = state === 'expired' ? 'pki_cert_expired' : 'pki_cert_not_yet_valid'
  if (!proven) return { id, outcome: 'fail', reasonKey, effect: undecided('OUT_OF_BOUNDS_NO_POE') }
  return { id, outcome: 'fail', reasonKey, effect: failed(state === 'expired' ? 'EXPIRED' : 'NOT_YET_VALID') }
}
