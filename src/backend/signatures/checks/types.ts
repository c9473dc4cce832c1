/**
 * The one signature pipeline: format modules (xml/, cms/, pdf/) only extract evidence into a
 * SignatureEvidence; each check in this folder is `(evidence, policy) → CheckResult(s)`; one Verdict turns
 * the results into the ETSI EN 319 102-1 indication. The same evidence gives the same indication in
 * XAdES, CAdES and PAdES.
 */
import type { CheckId, CheckOutcome, Indication, SubIndication } from '../../../core/signatures/result'
import type { ArchiveFinding } from '../cms/archive'
import type { TimestampResult } from '../pki/timestamp'
import type { TrustStore } from '../pki/trust'
import type { Certificate } from '../pki/x509'

export type { Policy } from './policy'
export { POLICY } from './policy'

export type Params = Record<string, string | number>

/** One row of the check list, with what it does to the indication (none for pass / warning). */
export interface CheckResult {
  id: CheckId
  outcome: CheckOutcome
  reasonKey: string
  params?: Params
  effect?: { indication: Exclude<Indication, 'TOTAL_PASSED'>; sub: SubIndication }
}

/** A format-specific integrity finding (a reference, the signed data, the byte range...). */
export interface Finding {
  /** What kind of problem, which decides the indication: see checks/findings.ts. */
  problem: 'missing' | 'hash' | 'format' | 'modified' | 'not_checked' | 'warning' | null
  reasonKey: string
  params?: Params
}

export interface SignatureEvidence {
  format: 'XAdES' | 'CAdES' | 'PAdES'
  id: string
  store: TrustStore
  validationTime: Date
  /** The signer certificate (the one the signed reference names when there is one). */
  signer: Certificate | null
  /** Every certificate the signature carries (plus DSS / CertificateValues). */
  pool: Certificate[]
  claimedSigningTime: Date | null
  /** Container-level findings that concern every signature (ASiC manifest). */
  container: Finding[]
  /** Format-specific integrity: references / signed properties, signed data / content type, byte range. */
  integrity: { id: CheckId; findings: Finding[] }[]
  /** Null when the signature could not be read far enough to verify it. */
  signatureValue: {
    state: 'ok' | 'warning' | 'bad' | 'format' | 'unknown_algorithm' | 'not_checked'
    reasonKey: string
  } | null
  signingCertificate: {
    /** 'unbound': a plain PKCS#7 signer identified only by issuer and serial. */
    state: 'match' | 'issuer_differs' | 'mismatch' | 'absent' | 'unbound'
    reasonKey: string
  }
  /** The first signature timestamp: its verification, or 'format' when it cannot be read. */
  timestamp: TimestampResult | 'format' | null
  revocation: {
    ocsp: Buffer[]
    crls: Buffer[]
    /** Signature value bytes: a BDOC-TM OCSP nonce is their digest (a time-mark). */
    timeMarkOf: Buffer | null
  }
  /** Archive-level proof (XAdES ArchiveTimeStamp, PDF document timestamp, CAdES v3), judged, or null. */
  archive: ArchiveFinding | null
  algorithms: {
    /** Every digest the signature relies on (signature, references, message digest). */
    digests: (string | null)[]
    /** A signature algorithm the validator does not know. */
    unknown: boolean
  }
  /** Format-level problems after the signature (PDF changes after signing). */
  after: { id: CheckId; findings: Finding[] }[]
  /** Label of the signature algorithm and the canonicalisation (report only). */
  report: { digest: string | null; signature: string | null; canonicalization: string | null }
}

export const failed = (sub: SubIndication): CheckResult['effect'] => ({ indication: 'TOTAL_FAILED', sub })
export const undecided = (sub: SubIndication): CheckResult['effect'] => ({ indication: 'INDETERMINATE', sub })
