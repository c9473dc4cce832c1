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
