import { tsaServiceName, tsaNotQualified } from '../pki/timestamp'
import { type CheckResult, type Policy, type SignatureEvidence, failed, undecided } from './types'

/**
 * The signature timestamp: its imprint over the signature value, its own CMS signature, its TSA's chain to
 * a trusted list at its time and, since eIDAS, a qualified (QTST) service as the list described it then.
 * A broken token fails the signature; an untrusted or unqualified one leaves it undecided (EN 319 102-1).
 */
export function timestampCheck(e: SignatureEvidence, policy: Policy): CheckResult {
  const id = 'timestamp'
  const ts = e.timestamp
  if (!ts) return { id, outcome: 'not_checked', reasonKey: 'pki_ts_absent' }
  if (ts === 'format' || ts.imprint === 'format')
    return { id, outcome: 'fail', reasonKey: 'pki_ts_format', effect: failed('FORMAT_FAILURE') }
  if (ts.imprint === 'mismatch' || ts.imprint === 'unknown_algorithm')
    return { id, outcome: 'fail', reasonKey: 'pki_ts_imprint', effect: failed('HASH_FAILURE') }
  if (!ts.ok && (ts.signer?.signature?.outcome === 'fail' || ts.reasonKey === 'pki_ts_signature'))
    return { id, outcome: 'fail', reasonKey: 'pki_ts_signature', effect: failed('SIG_CRYPTO_FAILURE') }
  if (!ts.ok)
    return {
      id,
      outcome: 'fail',
      reasonKey: ts.reasonKey ?? 'pki_ts_untrusted',
      effect: undecided('NO_CERTIFICATE_CHAIN_FOUND'),
    }
  if (tsaNotQualified(ts, policy.eidasStart))
    return {
      id,
      outcome: 'fail',
      reasonKey: 'pki_ts_not_qualified',
      params: { service: tsaServiceName(ts) },
      effect: undecided('CHAIN_CONSTRAINTS_FAILURE'),
    }
  return { id, outcome: 'pass', reasonKey: 'pki_ts_ok', params: { time: ts.genTime?.toISOString() ?? '' } }
}
