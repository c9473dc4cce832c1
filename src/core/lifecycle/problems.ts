/**
 * What the lifecycle rules say about an agent's input: stable codes, each with a locale key under
 * `lifecycle.problem.*` and the values its message needs. A rule either returns its result or every
 * problem it found (not just the first), so a guided step can mark all fields at once. Calls that break
 * the rules' own contract (a malformed date, a negative amount from code) throw instead.
 */
export const LIFECYCLE_PROBLEM_CODES = [
  // meter exchange
  'exchange-in-future',
  'exchange-before-installation',
  'readings-after-exchange',
  'serial-required',
  'serial-format',
  'serial-unchanged',
  'seal-format',
  'seal-duplicate',
  'seals-required',
  'too-many-seals',
  'removal-reading',
  'installation-reading',
  // change of occupant, final bill
  'reading-in-future',
  'move-in-before-move-out',
  'opening-differs-from-final',
  'opening-below-final',
  'opening-required',
  'no-history-for-estimate',
  'end-before-billed',
  'end-in-future',
  'statement-months',
  // billing type change
  'same-billing-type',
  'effective-not-first-of-month',
  'effective-too-early',
  'history-too-short',
  // receivables, payment plan, refund
  'debt-not-positive',
  'instalment-count',
  'instalment-too-small',
  'first-due-too-early',
  'first-due-too-late',
  'euro-rounding-does-not-fit',
  'no-credit',
  'refund-too-small',
  'refund-exceeds-refundable',
  'iban',
  'holder-name-required',
  'holder-name-too-long',
  // interactions and follow-ups
  'unknown-channel',
  'unknown-direction',
  'unknown-topic',
  'unknown-outcome',
  'outcome-not-for-channel',
  'summary-required',
  'summary-too-long',
  'summary-control-characters',
  'occurred-in-future',
  'occurred-too-long-ago',
  'follow-up-required',
  'assignee-required',
  'due-in-past',
  'due-not-working-day',
  'due-too-far',
  'note-too-long',
] as const
export type LifecycleProblemCode = (typeof LIFECYCLE_PROBLEM_CODES)[number]

export interface Problem {
  code: LifecycleProblemCode
  /** The input field the agent has to change (dotted path), '' for the whole step. */
  field: string
  messageKey: string
  params: Record<string, string | number>
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] }

const camel = (code: string): string => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

export function problem(code: LifecycleProblemCode, field: string, params: Problem['params'] = {}): Problem {
  return { code, field, messageKey: `lifecycle.problem.${camel(code)}`, params }
}

/** Every message key a problem can carry (the locale files must have each of them). */
export function allLifecycleMessageKeys(): string[] {
  return LIFECYCLE_PROBLEM_CODES.map((c) => problem(c, '').messageKey)
}

export const checked = <T>(problems: Problem[], value: () => T): Checked<T> =>
  problems.length ? { ok: false, problems } : { ok: true, value: value() }
