import type { CheckId } from '../../../core/signatures/result'
import { type CheckResult, type Finding, failed, undecided } from './types'

/**
 * Format-specific integrity findings (references, signed properties, signed data, content type, byte
 * range, container manifest, changes after signing) as rows: what kind of problem decides the indication
 * the same way for every format.
 */
export function findingRows(id: CheckId, findings: Finding[]): CheckResult[] {
  return findings.map((f) => {
    const base = { id, reasonKey: f.reasonKey, ...(f.params ? { params: f.params } : {}) }
    switch (f.problem) {
      case 'missing':
        return { ...base, outcome: 'not_checked', effect: undecided('SIGNED_DATA_NOT_FOUND') }
      case 'hash':
        return { ...base, outcome: 'fail', effect: failed('HASH_FAILURE') }
      case 'format':
        return { ...base, outcome: 'fail', effect: failed('FORMAT_FAILURE') }
      case 'modified':
        return { ...base, outcome: 'fail', effect: failed('SIG_CONSTRAINTS_FAILURE') }
      case 'not_checked':
        return { ...base, outcome: 'not_checked' }
      case 'warning':
        return { ...base, outcome: 'warning' }
      default:
        return { ...base, outcome: 'pass' }
    }
  })
}
