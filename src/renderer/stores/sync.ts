import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { SyncStatus } from '../../contract'
import { useApi } from '../api'
import { saveDownload } from '../download'

/** What the status bar and the Sync section show: fed by `sync.status` and the 'sync.status' event. */
export const useSyncStore = defineStore('sync', () => {
  const api = useApi()
  const status = ref<SyncStatus | null>(null)
  /** Set when the status itself could not be read (the backend is unreachable). */
  const unreachable = ref(false)

  async function refresh(): Promise<void> {
    try {
      status.value = await api.call('sync.status', {})
      unreachable.value = false
    } catch (e) {
      unreachable.value = true
      throw e
    }
  }

  /** "Sync now": the backend cuts its wait short; the result arrives as 'sync.status' events. */
  async function syncNow(): Promise<void> {
    status.value = await api.call('sync.now', {})
    unreachable.value = false
  }

  /** "Save diagnostics": the JSON for IT support, saved as a download (both shells). */
  async function saveDiagnostics(doc: Document = document): Promise<string> {
    const { fileName, json } = await api.call('sync.diagnostics', {})
    saveDownload(new Blob([json], { type: 'application/json' }), fileName, doc)
    return fileName
  }

  api.on('sync.status', (next) => {
    status.value = next
    unreachable.value = false
  })

  return { status, unreachable, refresh, syncNow, saveDiagnostics }
})
