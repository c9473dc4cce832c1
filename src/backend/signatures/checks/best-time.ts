import { assessRevocation } from './revocation'
import { trustedTimestamp } from './times'
import type { Policy, SignatureEvidence } from './types'

/**
 * The best signature time: the trusted timestamp, else a BDOC-TM OCSP time-mark; null when nothing proves
 * when the signature existed (then checks use the validation time).
 */
export function bestSignatureTime(e: SignatureEvidence, policy: Policy): Date | null {
  return trustedTimestamp(e, policy)?.genTime ?? assessRevocation(e, policy)?.timeMark ?? null
}
