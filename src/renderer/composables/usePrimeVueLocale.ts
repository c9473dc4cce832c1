import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { usePrimeVue } from 'primevue/config'

/** PrimeVue's own texts (close buttons, table paging, empty lists) follow the UI language. */
export function usePrimeVueLocale(): void {
  const { t } = useI18n()
  const primevue = usePrimeVue()
  watchEffect(() => {
    const locale = primevue.config.locale
    if (!locale) return
    locale.emptyMessage = t('primevue.emptyMessage')
    locale.emptyFilterMessage = t('primevue.emptyMessage')
    locale.emptySearchMessage = t('primevue.emptyMessage')
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
