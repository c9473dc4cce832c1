import { useI18n } from 'vue-i18n'
import { isApiCallError } from '../api'

/**
 * Turns anything a call threw into a translated sentence: the backend's messageKey with its details
 * interpolated (e.g. retryAfterSeconds), or a generic line for failures that never reached the backend.
 */
export function useErrorText(): (error: unknown) => string {
  const { t, te } = useI18n()
  return (error) => {
    if (isApiCallError(error)) {
      const params = { ref: '-', ...(error.details ?? {}) }
      if (te(error.messageKey)) return t(error.messageKey, params)
      return t(`errors.${error.code}`, params)
    }
    return t('errors.unexpected')
  }
}
