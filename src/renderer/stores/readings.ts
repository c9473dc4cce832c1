import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { MethodInput, MethodOutput } from '../../contract'
import type { WindowState } from '../../contract/methods/readings'
import { useApi } from '../api'

/** The readings screens' access to the backend, and the window state they all show. */
export const useReadingsStore = defineStore('readings', () => {
  const api = useApi()
  const windowState = ref<WindowState | null>(null)

  async function lookup(identifier: string): Promise<MethodOutput<'reading.lookup'>> {
    const out = await api.call('reading.lookup', { identifier })
    windowState.value = out.windowState
    return out
  }
  async function meter(meterId: string): Promise<MethodOutput<'reading.meter'>> {
    const out = await api.call('reading.meter', { meterId })
    windowState.value = out.windowState
    return out
  }
  const validate = (input: MethodInput<'reading.validate'>) => api.call('reading.validate', input)
  const record = (input: MethodInput<'reading.record'>) => api.call('reading.record', input)
  const history = (meterId: string, endMonth?: string) =>
    api.call('reading.history', endMonth ? { meterId, endMonth } : { meterId })

  return { windowState, lookup, meter, validate, record, history }
})
