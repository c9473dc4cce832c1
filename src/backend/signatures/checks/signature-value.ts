import { type CheckResult, type SignatureEvidence, failed, undecided } from './types'

/** The signature value verified with the signer's key (SignedInfo or the signed attributes). */
export function signatureValueCheck(e: SignatureEvidence): CheckResult | null {
  if (!e.signatureValue) return null
  const { state, reasonKey } = e.signatureValue
  const id = 'signature-value'
  if (!e.signer && state !== 'format' && state !== 'unknown_algorithm')
    return { id, outcome: 'not_checked', reasonKey, effect: undecided('NO_SIGNING_CERTIFICATE_FOUND') }
  switch (state) {
    case 'ok':
      return { id, outcome: 'pass', reasonKey }
    case 'warning':
      return { id, outcome: 'warning', reasonKey }
    case 'bad':
      return { id, outcome: 'fail', reasonKey, effect: failed('SIG_CRYPTO_FAILURE') }
    case 'format':
      return { id, outcome: 'fail', reasonKey, effect: failed('FORMAT_FAILURE') }
    case 'unknown_algorithm':
      return { id, outcome: 'fail', reasonKey, effect: undecided('CRYPTO_CONSTRAINTS_FAILURE') }
    default:
      return { id, outcome: 'not_checked', reasonKey }
  }
}
