import { redactForLog } from '../core/redact'

/**
 * The one way backend and shell code writes an error to the log: always through the redaction, so a
 * stack trace or an error message that carries a personal code, a password or a token does not leak it.
 */
export function logError(what: string, error?: unknown): void {
  console.error(`[gasdesk] ${redactForLog(what)}${error === undefined ? '' : ` ${redactForLog(error)}`}`)
}
