import { useI18n } from 'vue-i18n'
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatParams,
  formatQuantity,
  type DisplayLanguage,
} from '../../core/format'

/**
 * The screen forms of src/core/format in the current UI language, and `tf`: a message whose parameters
 * (ISO dates and instants, fractions) are written the way the agent reads them, never raw.
 */
export function useFormat() {
  const { t, locale } = useI18n()
  const lang = () => locale.value as DisplayLanguage
  return {
    lang,
    date: (iso: string) => formatDate(iso, lang()),
    dateTime: (instant: string | number | Date) => formatDateTime(instant, lang()),
    month: (iso: string) => formatMonth(iso, lang()),
    money: (cents: number) => formatMoney(cents, lang()),
    quantity: (value: number | string) => formatQuantity(value, lang()),
    bytes: (n: number) => formatBytes(n, lang()),
    params: (params: Record<string, unknown> | null | undefined) => formatParams(params, lang()),
    tf: (key: string, params?: Record<string, unknown> | null) => t(key, formatParams(params, lang())),
  }
}
