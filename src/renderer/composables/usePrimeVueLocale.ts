import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePrimeVue } from 'primevue/config'
import type { DisplayLanguage } from '../../core/format'

/**
 * How PrimeVue's date pickers write a date, matching src/core/format (`yy` is the four-digit year there):
 * LV `27.11.2026.`, RU `27.11.2026`, EN `27/11/2026`; months likewise.
 */
export const PICKER_FORMATS: Record<DisplayLanguage, { date: string; month: string }> = {
  lv: { date: 'dd.mm.yy.', month: 'mm.yy.' },
  ru: { date: 'dd.mm.yy', month: 'mm.yy' },
  en: { date: 'dd/mm/yy', month: 'mm/yy' },
}

/**
 * PrimeVue's own texts follow the UI language: close buttons, table paging, empty lists, and the whole
 * calendar (day and month names, Monday first, navigation labels, the date format), so no component
 * shows English or the browser's format on a Latvian or Russian screen.
 */
export function usePrimeVueLocale(): void {
  const { t, locale: current } = useI18n()
  const primevue = usePrimeVue()
  const list = (key: string) => t(key).split(',')
  watchEffect(() => {
    const locale = primevue.config.locale
    if (!locale) return
    const lang = current.value as DisplayLanguage
    locale.emptyMessage = t('primevue.emptyMessage')
    locale.emptyFilterMessage = t('primevue.emptyMessage')
    locale.emptySearchMessage = t('primevue.emptyMessage')
    locale.dayNames = list('primevue.dayNames')
    locale.dayNamesShort = list('primevue.dayNamesShort')
    locale.dayNamesMin = list('primevue.dayNamesShort')
    locale.monthNames = list('primevue.monthNames')
    locale.monthNamesShort = list('primevue.monthNamesShort')
    locale.firstDayOfWeek = 1
    locale.dateFormat = PICKER_FORMATS[lang]?.date ?? PICKER_FORMATS.lv.date
    for (const key of [
      'today',
      'clear',
      'chooseYear',
      'chooseMonth',
      'chooseDate',
      'prevDecade',
      'nextDecade',
      'prevYear',
      'nextYear',
      'prevMonth',
      'nextMonth',
      'weekHeader',
      'choose',
      'cancel',
    ] as const)
      locale[key] = t(`primevue.${key}`)
    locale.noFileChosenMessage = t('primevue.noFileChosen')
    locale.aria = {
      ...locale.aria,
      close: t('primevue.close'),
      firstPageLabel: t('primevue.firstPage'),
      lastPageLabel: t('primevue.lastPage'),
      nextPageLabel: t('primevue.nextPage'),
      prevPageLabel: t('primevue.prevPage'),
      rowsPerPageLabel: t('primevue.rowsPerPage'),
    }
  })
}
