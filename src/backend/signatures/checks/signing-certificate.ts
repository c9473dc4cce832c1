import { formatName } from '../pki/x509'
import { type CheckResult, type SignatureEvidence, undecided } from './types'

/**
 * The signer certificate is trusted only when the signed reference (SigningCertificate(V2), ESS
 * signing-certificate(-v2)) names it: this defeats key substitution. The digest binds the certificate, so
 * an issuer written otherwise (RFC 5280 §7.1 comparison failed) is only a warning, as DSS reports it.
 */
export function signingCertificateCheck(e: SignatureEvidence): CheckResult | null {
  if (!e.signer) return null
  const { state, reasonKey } = e.signingCertificate
  const id = 'signing-certificate'
  switch (state) {
    case 'match':
      return { id, outcome: 'pass', reasonKey }
    case 'issuer_differs':
      return { id, outcome: 'warning', reasonKey, params: { issuer: formatName(e.signer.issuer) } }
    case 'unbound':
      return { id, outcome: 'warning', reasonKey }
    case 'absent':
      return { id, outcome: 'not_checked', reasonKey, effect: undecided('NO_SIGNING_CERTIFICATE_FOUND') }
    default:
      return { id, outcome: 'fail', reasonKey, effect: undecided('NO_SIGNING_CERTIFICATE_FOUND') }
  }
}
