import type { Finding, FindingCode, Severity } from './types'

const SEVERITY: Record<FindingCode, Severity> = {
  'not-integer': 'block',
  negative: 'block',
  'too-many-digits': 'block',
  'out-of-window-reason-required': 'block',
  'out-of-window': 'info',
  'duplicate-period': 'block',
  correction: 'info',
  'lower-than-last-actual': 'block',
  'correction-not-allowed': 'block',
  rollover: 'warn',
  'estimate-reassess': 'info',
  'exceeds-max-flow': 'block',
  'consumption-high': 'warn',
  'consumption-low': 'warn',
  'zero-consumption': 'info',
  'zero-streak': 'warn',
  'first-reading': 'info',
}

const camel = (code: string): string => code.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

/** A finding with its fixed severity; `variant` picks a more specific message (e.g. the comparison basis). */
export function finding(code: FindingCode, params: Finding['params'] = {}, variant?: string): Finding {
  return {
    code,
    severity: SEVERITY[code],
    messageKey: `readings.validation.${camel(code)}${variant ? '.' + variant : ''}`,
    params,
  }
}

export function severityOf(code: FindingCode): Severity {
  return SEVERITY[code]
}

/**
 * Blocks that say the value itself cannot be a reading of this meter. The other blocks are about the
 * procedure (a reason, a correction, a right): the value is plausible, so it can still be priced.
 */
const IMPOSSIBLE_VALUE = new Set<FindingCode>([
  'not-integer',
  'negative',
  'too-many-digits',
  'lower-than-last-actual',
  'exceeds-max-flow',
])

/** True when a finding list holds a block on the value itself (no price, no consumption to trust). */
export function hasImpossibleValue(findings: readonly Pick<Finding, 'code'>[]): boolean {
  return findings.some((f) => IMPOSSIBLE_VALUE.has(f.code))
}

/** Every message key a finding can carry (the locale files must have each of them). */
export function allFindingMessageKeys(): string[] {
  return (Object.keys(SEVERITY) as FindingCode[]).flatMap((code) =>
    code === 'consumption-high' || code === 'consumption-low'
      ? [finding(code, {}, 'lastYear').messageKey, finding(code, {}, 'average').messageKey]
      : code === 'lower-than-last-actual'
        ? [finding(code, {}, 'correctable').messageKey, finding(code, {}, 'askSupervisor').messageKey]
        : [finding(code).messageKey],
  )
}

/** Locale key of an out-of-window reason's label, e.g. `readings.validation.outOfWindowReason.moveIn`. */
export function outOfWindowReasonKey(reason: string): string {
  return `readings.validation.outOfWindowReason.${camel(reason)}`
}
