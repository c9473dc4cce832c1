import { useI18n } from 'vue-i18n'
import { minutesBetween } from '../../core/format'

/** "how long ago" in the UI language: minutes under an hour, hours under two days, then days. */
export function useAge(): (since: string, now: number) => string {
  const { t } = useI18n()
  return (since, now) => {
    const minutes = minutesBetween(since, now)
    if (minutes < 1) return t('age.justNow')
    if (minutes < 60) return t('age.minutes', minutes)
    const hours = Math.floor(minutes / 60)
    if (hours < 48) return t('age.hours', hours)
    return t('age.days', Math.floor(hours / 24))
  }
}
