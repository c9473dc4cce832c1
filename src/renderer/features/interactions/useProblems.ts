import { shallowRef } from 'vue'
import { isApiCallError } from '../../api'
import { useErrorText } from '../../composables/useErrorText'
import { useFormat } from '../../composables/useFormat'

interface FieldProblem {
  path: string
  messageKey: string
  params?: Record<string, unknown>
}

/**
 * Runs a call and turns a refusal into the form's texts: the whole-form sentence, and per field the core
 * rule's message with its values written as the agent reads them (a suggested date as `30.11.2026.`).
 */
export function useProblems() {
  const errorText = useErrorText()
  const format = useFormat()
  const error = shallowRef('')
  const fields = shallowRef<Record<string, string>>({})
  const busy = shallowRef(false)
  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (busy.value) return null
    busy.value = true
    error.value = ''
    fields.value = {}
    try {
      return await fn()
    } catch (e) {
      error.value = errorText(e)
      if (isApiCallError(e) && Array.isArray(e.details?.fields))
        fields.value = Object.fromEntries(
          (e.details.fields as FieldProblem[]).map((f) => [f.path, format.tf(f.messageKey, f.params)]),
        )
      return null
    } finally {
      busy.value = false
    }
  }
  return { error, fields, busy, run }
}
