/** Printed documents use the Latvian number and date forms whatever the second language. */
const NBSP = '\u00a0'

/** 1234567 cents -> "12 345,67" (no currency sign: columns say EUR). */
export function printMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money must be integer cents, got ${cents}`)
  const sign = cents < 0 ? '−' : ''
  const abs = Math.abs(cents)
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)
  return `${sign}${whole},${String(abs % 100).padStart(2, '0')}`
}

/** 2024-03-20 -> 20.03.2024 */
export function printDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

export const printPeriod = (from: string, to: string): string => `${printDate(from)}–${printDate(to)}`
