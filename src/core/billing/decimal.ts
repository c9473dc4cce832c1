/**
 * Exact decimal arithmetic for money and rates. Rates are published with up to 7 decimals per kWh
 * (0.0019297 EUR/kWh, 28.0907 EUR/MWh = 0.0280907 EUR/kWh), which neither floats nor micro-euros hold
 * exactly, so rates are written in the reference data as decimal strings and computed as rationals over
 * BigInt. Results leave this module only as integer cents, rounded half away from zero (the usual
 * commercial rounding: 2.385 -> 2.39), and only where the billing rules say a value is rounded.
 */
export interface Rational {
  readonly num: bigint
  /** Always positive. */
  readonly den: bigint
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/u

export class DecimalFormatError extends Error {
  constructor(readonly input: string) {
    super(`not a decimal number: ${JSON.stringify(input)}`)
  }
}

/** `'0.0019297'` -> 19297/10^7. Only plain decimals (no exponent, no thousands separators). */
export function parseDecimal(input: string): Rational {
  const m = DECIMAL.exec(input.trim())
  if (!m) throw new DecimalFormatError(input)
  const frac = m[3] ?? ''
  const num = BigInt(m[2] + frac) * (m[1] ? -1n : 1n)
  return { num, den: 10n ** BigInt(frac.length) }
}

export const isDecimal = (input: string): boolean => DECIMAL.test(input.trim())

export const rational = (num: bigint | number, den: bigint | number = 1n): Rational => {
  const n = BigInt(num)
  const d = BigInt(den)
  if (d === 0n) throw new RangeError('zero denominator')
  return d < 0n ? { num: -n, den: -d } : { num: n, den: d }
}

export const mul = (a: Rational, b: Rational): Rational => ({ num: a.num * b.num, den: a.den * b.den })
export const add = (a: Rational, b: Rational): Rational => ({
  num: a.num * b.den + b.num * a.den,
  den: a.den * b.den,
})
export const equal = (a: Rational, b: Rational): boolean => a.num * b.den === b.num * a.den
export const compare = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den
  return d < 0n ? -1 : d > 0n ? 1 : 0
}

/** Integer nearest to num/den, halves away from zero. */
export function roundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  if (den < 0n) return roundHalfAwayFromZero(-num, -den)
  const sign = num < 0n ? -1n : 1n
  const abs = num < 0n ? -num : num
  return sign * ((2n * abs + den) / (2n * den))
}

export const roundToInteger = (x: Rational): bigint => roundHalfAwayFromZero(x.num, x.den)

/** Euro amount -> integer cents, rounded half away from zero. */
export function toCents(euros: Rational): number {
  return Number(roundHalfAwayFromZero(euros.num * 100n, euros.den))
}

/** Integer cents -> `'10.51'` / `'-0.05'` (dot decimal; locale formatting is the printer’s job). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer: ${cents}`)
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** Exact decimal string of a rational whose denominator divides a power of ten (rates, prorated units). */
export function formatRational(x: Rational, maxDecimals = 12): string {
  for (let scale = 0; scale <= maxDecimals; scale++) {
    const p = 10n ** BigInt(scale)
    if ((x.num * p) % x.den === 0n) {
      const units = (x.num * p) / x.den
      const sign = units < 0n ? '-' : ''
      const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0')
      return scale === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
    }
  }
  throw new RangeError('not a terminating decimal within the allowed scale')
}
