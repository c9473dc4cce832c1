import { findingRows } from './findings'
import type { CheckResult, SignatureEvidence } from './types'

/**
 * ASiC container findings that concern every signature: a signed file missing from the ZIP leaves the
 * signature undecided (SIGNED_DATA_NOT_FOUND, as DSS reports it); any other structural fault fails it.
 */
export function containerCheck(e: SignatureEvidence): CheckResult[] {
  return findingRows('container', e.container)
}
