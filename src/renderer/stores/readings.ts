import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { MethodInput, MethodOutput } from '../../contract'
import type { WindowState } from '../../contract/methods/readings'
import { useApi } from '../api'
import { useSyncStore } from './sync'

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
  /** One round trip: the answer carries the refreshed card, the window state and the sync status. */
  async function record(input: MethodInput<'reading.record'>): Promise<MethodOutput<'reading.record'>> {
    const out = await api.call('reading.record', input)
    windowState.value = out.windowState
    useSyncStore().status = out.syncStatus
    return out
  }
  const history = (meterId: string, endMonth?: string) =>
    api.call('reading.history', endMonth ? { meterId, endMonth } : { meterId })

  return { windowState, lookup, meter, validate, record, history }
})
