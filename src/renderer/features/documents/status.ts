import type { DocumentSummary } from '../../../contract/methods/documents'

type Status = NonNullable<DocumentSummary['status']>
export type Tone = 'valid' | 'warning' | 'invalid' | 'offline'

/**
 * The traffic light, with the app's status colours: green valid, amber with warnings or "cannot
 * confirm now", red invalid, grey when the file cannot be judged at all. A symbol goes with the colour
 * so the state never depends on colour alone.
 */
export const STATUS_TONE: Record<Status, Tone> = {
  VALID: 'valid',
  VALID_WITH_WARNINGS: 'warning',
  INDETERMINATE: 'warning',
  INVALID: 'invalid',
  UNSUPPORTED: 'offline',
  FORMAT_ERROR: 'invalid',
}
export const STATUS_SYMBOL: Record<Status, string> = {
  VALID: '✔',
  VALID_WITH_WARNINGS: '!',
  INDETERMINATE: '?',
  INVALID: '✖',
  UNSUPPORTED: '–',
  FORMAT_ERROR: '✖',
}
export const OUTCOME_TONE = {
  pass: 'valid',
  warning: 'warning',
  fail: 'invalid',
  not_checked: 'offline',
} as const
export const OUTCOME_SYMBOL = { pass: '✔', warning: '!', fail: '✖', not_checked: '–' } as const

/** A file with no signature at all is shown as "not signed", not by its status name. */
const NOT_SIGNED = new Set(['pdf_no_signature'])
const variant = (s: Status | null, errorKey?: string | null): string =>
  s === 'UNSUPPORTED' && errorKey && NOT_SIGNED.has(errorKey) ? 'notSigned' : (s ?? 'none')
export const statusKey = (s: Status | null, errorKey?: string | null): string =>
  `documents.review.status.${variant(s, errorKey)}`
export const explainKey = (s: Status | null, errorKey?: string | null): string =>
  `documents.review.explain.${variant(s, errorKey)}`
