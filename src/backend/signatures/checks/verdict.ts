import type { Indication, SignatureCheck, SubIndication } from '../../../core/signatures/result'
import type { CheckResult } from './types'

/**
 * The one verdict for every format: the first TOTAL_FAILED cause wins over any INDETERMINATE one; a
 * signature with neither passed (EN 319 102-1).
 */
export function verdict(results: CheckResult[]): {
  indication: Indication
  subIndication: SubIndication | null
} {
  const first =
    results.find((r) => r.effect?.indication === 'TOTAL_FAILED') ??
    results.find((r) => r.effect?.indication === 'INDETERMINATE')
  return first?.effect
    ? { indication: first.effect.indication, subIndication: first.effect.sub }
    : { indication: 'TOTAL_PASSED', subIndication: null }
}

/** The rows as reported (without their effect on the indication). */
export function rows(results: CheckResult[]): SignatureCheck[] {
  return results.map(({ id, outcome, reasonKey, params }) =>
    params ? { id, outcome, reasonKey, params } : { id, outcome, reasonKey },
  )
}
