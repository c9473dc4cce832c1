/**
 * Paper forms (PDF invoices, statements, letters): Latvian numbers and dates whatever the second language,
 * no currency sign (the columns say EUR) and a true minus sign. Kept beside the screen forms so one module
 * decides how a figure is written wherever the agent or the customer reads it.
 */
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

/** Integer micro-cents (1 EUR = 10^8) -> EUR with as many decimals as the rate has, at least two. */
export function printUnitPrice(microcents: number): string {
  const sign = microcents < 0 ? '−' : ''
  const abs = Math.abs(microcents)
  const whole = Math.floor(abs / 100_000_000)
  const frac = String(abs % 100_000_000)
    .padStart(8, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0')
  return `${sign}${whole},${frac}`
}

/** Thousandths -> a decimal with no trailing zeros ("53", "0,387"). */
export function printQuantity(milli: number): string {
  const sign = milli < 0 ? '−' : ''
  const abs = Math.abs(milli)
  const frac = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  const whole = String(Math.floor(abs / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)
  return frac ? `${sign}${whole},${frac}` : `${sign}${whole}`
}

/** Basis points -> percent ("2100" -> "21"). */
export const printRate = (bp: number): string => printQuantity(bp * 10)

/** '0.0015' per day -> '0,15' percent. */
export function printPercentOf(fraction: string): string {
  const [w, f = ''] = fraction.split('.')
  const digits = (w + f.padEnd(2, '0')).replace(/^0+(?=\d)/, '')
  const intPart = digits.slice(0, digits.length - (f.length > 2 ? f.length - 2 : 0)) || '0'
  const rest = f.length > 2 ? f.slice(2) : ''
  return rest ? `${Number(intPart)},${rest}` : String(Number(intPart))
}
