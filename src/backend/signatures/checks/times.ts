import { tsaNotQualified } from '../pki/timestamp'
import type { TimestampResult } from '../pki/timestamp'
import type { Policy, SignatureEvidence } from './types'

/** The signature timestamp when it verifies, is trusted and (after eIDAS) qualified: it dates the signature. */
export function trustedTimestamp(e: SignatureEvidence, policy: Policy): TimestampResult | null {
  const ts = e.timestamp
  if (!ts || ts === 'format' || !ts.ok || !ts.genTime) return null
  return tsaNotQualified(ts, policy.eidasStart) ? null : ts
}
