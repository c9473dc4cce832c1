import { useI18n } from 'vue-i18n'
import { formatParams, type DisplayLanguage } from '../../core/format'
import { isApiCallError } from '../api'

/**
 * Turns anything a call threw into a translated sentence: the backend's messageKey with its details
 * interpolated (e.g. retryAfterSeconds) in the language's forms (a `nextOpens: 2026-12-27` reads
 * `27.12.2026.`), or a generic line for failures that never reached the backend.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, te, locale } = useI18n()
  return (error) => {
    if (isApiCallError(error)) {
      const params = formatParams({ ref: '-', ...(error.details ?? {}) }, locale.value as DisplayLanguage)
      if (te(error.messageKey)) return t(error.messageKey, params)
      return t(`errors.${error.code}`, params)
    }
    return t('errors.unexpected')
  }
}
