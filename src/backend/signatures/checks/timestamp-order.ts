import { trustedTimestamp } from './times'
import { type CheckResult, type Policy, type SignatureEvidence, undecided } from './types'

/** A claimed signing time later than the trusted timestamp (beyond the tolerance) cannot be true. */
export function timestampOrderCheck(e: SignatureEvidence, policy: Policy): CheckResult | null {
  const ts = trustedTimestamp(e, policy)
  if (!ts?.genTime || !e.claimedSigningTime) return null
  if (e.claimedSigningTime.getTime() <= ts.genTime.getTime() + policy.lateMs) return null
  return {
    id: 'timestamp-order',
    outcome: 'fail',
    reasonKey: 'pki_ts_before_signing_time',
    effect: undecided('TIMESTAMP_ORDER_FAILURE'),
  }
}
