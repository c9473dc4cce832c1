import { BillingError } from './errors'

/**
 * Invoice numbers: prefix, year and a zero-padded sequence (`GD-2025-000042`). The sequence is allocated
 * elsewhere (the central system or a pre-allocated range, ARCHITECTURE.md); these helpers only format and
 * parse it, so printing can never invent a number.
 */
export interface InvoiceSeries {
  prefix: string
  /** Digits of the sequence part; a sequence that does not fit is refused, never truncated. */
  width: number
  separator?: string
}

function checkSeries(series: InvoiceSeries): string {
  const sep = series.separator ?? '-'
  if (!/^[A-Z]{1,6}$/u.test(series.prefix))
    throw new BillingError('series', `prefix must be 1-6 capital letters: ${series.prefix}`)
  if (!Number.isInteger(series.width) || series.width < 1 || series.width > 12)
    throw new BillingError('series', `width must be 1..12: ${series.width}`)
  if (!/^[-/]?$/u.test(sep)) throw new BillingError('series', `separator must be '-', '/' or empty: ${sep}`)
  return sep
}

export function formatInvoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  const sep = checkSeries(series)
  if (!Number.isInteger(year) || year < 2000 || year > 9999)
    throw new BillingError('sequence', `year out of range: ${year}`)
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new BillingError('sequence', `sequence must be ≥ 1: ${sequence}`)
  const digits = String(sequence)
  if (digits.length > series.width)
    throw new BillingError('sequence', `sequence ${sequence} does not fit ${series.width} digits`)
  return `${series.prefix}${sep}${year}${sep}${digits.padStart(series.width, '0')}`
}

export function parseInvoiceNumber(
  series: InvoiceSeries,
  invoiceNumber: string,
): { year: number; sequence: number } | null {
  const sep = checkSeries(series)
  // '-' and '/' need no escaping outside a character class.
  const esc = sep
  const m = new RegExp(`^${series.prefix}${esc}(\\d{4})${esc}(\\d{${series.width}})$`, 'u').exec(
    invoiceNumber.trim(),
  )
  if (!m || Number(m[2]) === 0) return null
  return { year: Number(m[1]), sequence: Number(m[2]) }
}
