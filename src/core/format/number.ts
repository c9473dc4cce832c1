import type { DisplayLanguage } from './language'

const NBSP = '\u00a0'

/**
 * A quantity (kWh, m³, calorific value) for display: LV/RU `1 234,567` with a no-break space and a
 * decimal comma, EN `1,234.567`. Takes the decimal as a number or an exact decimal string and never
 * adds digits it was not given (a calorific value of 10.538 stays 10,538).
 */
export function formatQuantity(value: number | string, language: DisplayLanguage): string {
  const text = typeof value === 'number' ? String(value) : value.trim()
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return text
  const [, sign, whole, fraction] = m
  const groupSep = language === 'en' ? ',' : NBSP
  const decimalSep = language === 'en' ? '.' : ','
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, groupSep)
  return `${sign}${grouped}${fraction ? decimalSep + fraction : ''}`
}

/**
 * A file size: `512 B`, `27,3 kB`, `1,4 MB` (one decimal, the language's decimal mark, a no-break space
 * before the unit so it never wraps away from its number).
 */
export function formatBytes(bytes: number, language: DisplayLanguage): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`not a size: ${bytes}`)
  if (bytes < 1024) return `${Math.round(bytes)}${NBSP}B`
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kB'] : [bytes / 1024 / 1024, 'MB']
  return `${formatQuantity((Math.round(value * 10) / 10).toFixed(1), language)}${NBSP}${unit}`
}
