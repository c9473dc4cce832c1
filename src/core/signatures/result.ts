/**
 * The validation report model, after ETSI EN 319 102-1 as the EU DSS reports it (SIGNATURES.md).
 * Pure data: the validator in src/backend/signatures fills it, the UI and CLI show it.
 */
import type { CheckId } from './check-ids'

export type { CheckId } from './check-ids'
export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE'

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'TIMESTAMP_ORDER_FAILURE'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'TRY_LATER'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'OUT_OF_BOUNDS_NO_POE'

export type DocumentStatus =
  'VALID' | 'VALID_WITH_WARNINGS' | 'INDETERMINATE' | 'INVALID' | 'UNSUPPORTED' | 'FORMAT_ERROR'

export type SignatureLevel = 'B' | 'T' | 'LT' | 'LTA'

export type CheckOutcome = 'pass' | 'fail' | 'warning' | 'not_checked'

/** One row of the check list. `reasonKey` is under `signatures.reasons.*` in locales (LV/EN/RU). */
export interface SignatureCheck {
  /** Stable id in SIGNATURES.md order (CHECK_IDS), e.g. 'container', 'references', 'signature-value'. */
  id: CheckId
  outcome: CheckOutcome
  reasonKey: string
  params?: Record<string, string | number>
}

export interface SignatureReport {
  id: string
  format: 'XAdES' | 'CAdES' | 'PAdES'
  indication: Indication
  subIndication: SubIndication | null
  level: SignatureLevel | null
  signer: {
    name: string | null
    /** Personal code or certificate serialNumber attribute (e.g. PNOLV-161175-19997). */
    personalCode: string | null
    certificateSerial: string | null
    issuer: string | null
    qualified: boolean | null
  }
  /** Claimed signing time (signed attribute / SigningTime), ISO. */
  claimedSigningTime: string | null
  /** Best proof of existence: signature timestamp time, ISO. */
  timestampTime: string | null
  algorithms: { digest: string | null; signature: string | null; canonicalization: string | null }
  checks: SignatureCheck[]
}

export interface DocumentReport {
  status: DocumentStatus
  /** 'asice' | 'edoc' | 'bdoc' | 'pdf' | 'cms' | 'edoc1' | 'unknown' */
  container: string
  signatures: SignatureReport[]
  /** Files inside the container (or the PDF / CMS content itself). */
  files: { name: string; size: number; mediaType: string | null }[]
  /** When the whole document could not be read: a reason key under signatures.reasons.* */
  errorKey: string | null
  /** Parameters of the errorKey message (e.g. the mimetype found). */
  errorParams?: Record<string, string | number>
  validationTime: string
  warnings: SignatureCheck[]
}

/** Per-document verdict from the signatures' indications and warnings (as DigiDoc shows it). */
export function documentStatus(
  signatures: SignatureReport[],
  containerWarnings: SignatureCheck[] = [],
): DocumentStatus {
  if (signatures.length === 0) return 'INVALID'
  if (signatures.some((s) => s.indication === 'TOTAL_FAILED')) return 'INVALID'
  if (signatures.some((s) => s.indication === 'INDETERMINATE')) return 'INDETERMINATE'
  const warned =
    containerWarnings.some((c) => c.outcome === 'warning') ||
    signatures.some((s) => s.checks.some((c) => c.outcome === 'warning'))
  return warned ? 'VALID_WITH_WARNINGS' : 'VALID'
}
