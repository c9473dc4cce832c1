import { formatQuantity } from '../../core/format'
import { useLanguageStore } from '../stores/language'

/** `q(10.538)` -> `10,538` in LV/RU, `10.538` in EN; null/undefined -> `-`. */
export function useQuantity(): (value: number | string | null | undefined) => string {
  const language = useLanguageStore()
  return (value) => (value === null || value === undefined ? '-' : formatQuantity(value, language.current))
}
