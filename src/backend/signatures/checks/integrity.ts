import { findingRows } from './findings'
import type { CheckResult, SignatureEvidence } from './types'

/** What the signature covers, per format: references and signed properties, signed data, byte range. */
export function integrityChecks(e: SignatureEvidence): CheckResult[] {
  return e.integrity.flatMap((part) => findingRows(part.id, part.findings))
}

/** What happened to the document after the signature (PDF revisions appended later). */
export function afterSigningChecks(e: SignatureEvidence): CheckResult[] {
  return e.after.flatMap((part) => findingRows(part.id, part.findings))
}
