import type { SignatureLevel, SignatureReport } from '../../../core/signatures/result'
import { displayName, formatName, personalCodeOf } from '../pki/x509'
import { algorithmsCheck } from './algorithms'
import { archiveTimestampCheck } from './archive-timestamp'
import { bestSignatureTime } from './best-time'
import { certificateValidityCheck } from './certificate-validity'
import { containerCheck } from './container'
import { afterSigningChecks, integrityChecks } from './integrity'
import { assessRevocation, revocationCheck } from './revocation'
import { signatureValueCheck } from './signature-value'
import { signingCertificateCheck } from './signing-certificate'
import { timestampCheck } from './timestamp'
import { timestampOrderCheck } from './timestamp-order'
import { trustedTimestamp } from './times'
import { qualifiedSigner, trustChainCheck } from './trust-chain'
import { POLICY, type CheckResult, type Policy, type SignatureEvidence } from './types'
import { rows, verdict } from './verdict'

/** Every check in SIGNATURES.md order; each is `(evidence, policy) → CheckResult(s)` (null: not applicable). */
const CHECKS: ((e: SignatureEvidence, p: Policy) => CheckResult | CheckResult[] | null)[] = [
  containerCheck,
  integrityChecks,
  signatureValueCheck,
  signingCertificateCheck,
  timestampCheck,
  timestampOrderCheck,
  revocationCheck,
  certificateValidityCheck,
  trustChainCheck,
  archiveTimestampCheck,
  algorithmsCheck,
  afterSigningChecks,
]

/** One signature's evidence through every check into its report (the same for XAdES, CAdES, PAdES). */
export function runChecks(e: SignatureEvidence, policy: Policy = POLICY): SignatureReport {
  const results = CHECKS.flatMap((check) => check(e, policy) ?? [])
  const { indication, subIndication } = verdict(results)
  const cert = e.signer
  const ts = trustedTimestamp(e, policy)
  const best = bestSignatureTime(e, policy)
  return {
    id: e.id,
    format: e.format,
    indication,
    subIndication,
    level: indication === 'TOTAL_FAILED' ? null : level(e, policy, results),
    signer: {
      name: cert ? displayName(cert.subject) : null,
      personalCode: cert ? personalCodeOf(cert) : null,
      certificateSerial: cert?.serialHex ?? null,
      issuer: cert ? formatName(cert.issuer) : null,
      qualified: qualifiedSigner(e, policy),
    },
    claimedSigningTime: e.claimedSigningTime?.toISOString() ?? null,
    timestampTime: (ts?.genTime ?? best)?.toISOString() ?? null,
    algorithms: { ...e.report },
    checks: rows(results),
  }
}

/** BASELINE level reached: B (intact), T (trusted timestamp or time-mark), LT (revocation), LTA (archive). */
function level(e: SignatureEvidence, policy: Policy, results: CheckResult[]): SignatureLevel | null {
  const intact = !results.some(
    (r) =>
      r.effect?.indication === 'TOTAL_FAILED' ||
      (r.id === 'signature-value' && r.outcome !== 'pass' && r.outcome !== 'warning'),
  )
  if (!intact) return null
  const revocation = assessRevocation(e, policy)
  const timed = trustedTimestamp(e, policy) !== null || !!revocation?.timeMark
  if (!timed) return 'B'
  if (!revocation?.ok) return 'T'
  return e.archive?.counts ? 'LTA' : 'LT'
}
