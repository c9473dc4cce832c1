import { formatDate, formatDateTime, formatMonth } from './date'
import type { DisplayLanguage } from './language'
import { formatQuantity } from './number'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * One parameter of a message as the agent reads it: ISO dates, months and instants (Riga time) in the
 * language's date forms, fractions with the language's decimal mark. Whole numbers stay as they are
 * (counts, readings and numbers of documents must not gain group separators in the middle of a sentence),
 * and so does every other string.
 */
export function formatParam(value: unknown, language: DisplayLanguage): unknown {
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Number.isInteger(value) ? formatQuantity(value, language) : value
  }
  if (typeof value !== 'string') return value
  if (ISO_DATE.test(value)) return formatDate(value, language)
  if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(value, language)
  if (ISO_MONTH.test(value)) return formatMonth(value, language)
  return value
}

/**
 * Every parameter of a message (an error's details, a finding's or a signature check's params) through
 * `formatParam`, so a backend that sends `2026-12-27` or `9.4` never shows it raw on screen.
 */
export function formatParams(
  params: Record<string, unknown> | undefined | null,
  language: DisplayLanguage,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(params ?? {})) out[k] = formatParam(v, language)
  return out
}
