import { ref, shallowRef } from 'vue'
import type { CustomerView } from '../../../contract'
import { isApiCallError } from '../../api'
import { useErrorText } from '../../composables/useErrorText'
import { useCustomersStore } from '../../stores/customers'

/**
 * Runs one change against the open customer: busy flag, the translated error, field errors keyed by
 * path (from the backend's core validators) and, when the method returns the view, shows it.
 */
export function useCustomerAction() {
  const store = useCustomersStore()
  const errorText = useErrorText()
  const busy = ref(false)
  const error = ref('')
  const fields = shallowRef<Record<string, string>>({})

  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (busy.value) return null
    busy.value = true
    error.value = ''
    fields.value = {}
    try {
      const r = await fn()
      if (r && typeof r === 'object' && 'premises' in r && 'portal' in r)
        store.show(r as unknown as CustomerView)
      return r
    } catch (e) {
      error.value = errorText(e)
      if (isApiCallError(e) && Array.isArray(e.details?.fields)) {
        fields.value = Object.fromEntries(
          (e.details.fields as { path: string; messageKey: string }[]).map((f) => [f.path, f.messageKey]),
        )
      }
      return null
    } finally {
      busy.value = false
    }
  }
  return { busy, error, fields, run }
}
