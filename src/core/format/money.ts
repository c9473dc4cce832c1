import type { DisplayLanguage } from './language'

const NBSP = '\u00a0'

/** Groups the digits of a non-negative integer string in threes with `separator`. */
function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator)
}

/**
 * Money from integer cents, written by hand rather than through Intl so the output is the same in Node,
 * Chromium and every ICU version: LV/RU `1 234,56 €`, EN `€1,234.56`. Spaces are no-break spaces so an
 * amount never wraps across lines.
 */
export function formatMoney(cents: number, language: DisplayLanguage): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be integer cents, got ${cents}`)
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const whole = String(Math.floor(abs / 100))
  const fraction = String(abs % 100).padStart(2, '0')
  if (language === 'en') return `${sign}€${group(whole, ',')}.${fraction}`
  return `${sign}${group(whole, NBSP)},${fraction}${NBSP}€`
}
