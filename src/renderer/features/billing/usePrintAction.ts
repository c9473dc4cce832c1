import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useErrorText } from '../../composables/useErrorText'
import { useBillingStore, type PrintKind } from '../../stores/billing'

/**
 * One print or save of an invoice or statement with its status line: an error (`message`, shown as an
 * alert) or a quiet confirmation (`notice`, e.g. where Electron saved the file).
 */
export function usePrintAction() {
  const { t } = useI18n()
  const store = useBillingStore()
  const errorText = useErrorText()
  const message = ref('')
  const notice = ref('')

  async function run(kind: PrintKind, id: string, purpose: 'preview' | 'save'): Promise<void> {
    message.value = ''
    notice.value = ''
    try {
      const r = await store.print(kind, id, purpose, (number) => t(`invoices.tabTitle.${kind}`, { number }))
      if (r.kind === 'blocked') message.value = t('invoices.popupBlocked')
      else if (r.kind === 'failed') message.value = t('invoices.outcome.failed')
      else if (r.kind === 'printed') notice.value = t('invoices.outcome.printed')
      else if (r.kind === 'saved' && r.file && store.desktop)
        notice.value = t('invoices.outcome.saved', { file: r.file })
    } catch (e) {
      message.value = errorText(e)
    }
  }
  return { run, message, notice }
}
