import type { CheckOutcome, Indication, SignatureCheck, SubIndication } from '../../../core/signatures/result'

/**
 * Collects the checks of one signature in order and derives the ETSI indication: the first TOTAL_FAILED
 * cause wins over any INDETERMINATE one; a signature with neither passed.
 */
export class Verdict {
  readonly checks: SignatureCheck[] = []
  private failed: SubIndication | null = null
  private indeterminate: SubIndication | null = null

  add(id: string, outcome: CheckOutcome, reasonKey: string, params?: Record<string, string | number>): this {
    this.checks.push(params ? { id, outcome, reasonKey, params } : { id, outcome, reasonKey })
    return this
  }

  fail(id: string, sub: SubIndication, reasonKey: string, params?: Record<string, string | number>): this {
    this.failed ??= sub
    return this.add(id, 'fail', reasonKey, params)
  }

  /** A failed check that leaves the signature undecided (missing or unusable evidence). */
  undecided(
    id: string,
    sub: SubIndication,
    reasonKey: string,
    params?: Record<string, string | number>,
  ): this {
    this.indeterminate ??= sub
    return this.add(id, 'fail', reasonKey, params)
  }

  /** Evidence that was not there: not a failure of the signature, but it cannot be confirmed. */
  missing(id: string, sub: SubIndication, reasonKey: string, params?: Record<string, string | number>): this {
    this.indeterminate ??= sub
    return this.add(id, 'not_checked', reasonKey, params)
  }

  get hasFailed(): boolean {
    return this.failed !== null
  }

  result(): { indication: Indication; subIndication: SubIndication | null } {
    if (this.failed) return { indication: 'TOTAL_FAILED', subIndication: this.failed }
    if (this.indeterminate) return { indication: 'INDETERMINATE', subIndication: this.indeterminate }
    return { indication: 'TOTAL_PASSED', subIndication: null }
  }
}
