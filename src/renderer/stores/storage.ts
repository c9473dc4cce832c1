import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { StorageState } from '../../contract'
import { useApi } from '../api'

/**
 * How the workstation's database file is doing: `full` (the disk is full, nothing can be saved until
 * space is freed) or `corrupt` (damaged; the backend stopped writing). Read from `app.info` once and
 * then kept current by the 'storage.status' event.
 */
export const useStorageStore = defineStore('storage', () => {
  const api = useApi()
  const state = ref<StorageState>('ok')
  /** Set when writing works again after a full disk, so the agent is told once. */
  const resumed = ref(false)

  function set(next: StorageState | undefined): void {
    // Anything unknown (an older backend without the field) counts as fine: no false alarm.
    const known: StorageState = next === 'full' || next === 'corrupt' ? next : 'ok'
    resumed.value = state.value === 'full' && known === 'ok'
    state.value = known
  }

  async function refresh(): Promise<void> {
    set((await api.call('app.info', {})).storage)
  }

  api.on('storage.status', (payload) => set(payload.state))

  return { state, resumed, refresh }
})
