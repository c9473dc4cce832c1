import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { Settings } from '../../contract'
import { useApi } from '../api'

/** Workstation settings (supervisor edits them; every agent's session reads lockAfterMinutes). */
export const useSettingsStore = defineStore('settings', () => {
  const api = useApi()
  const settings = ref<Settings | null>(null)

  async function load(): Promise<Settings> {
    settings.value = await api.call('settings.get', {})
    return settings.value
  }

  async function update(patch: Partial<Settings>): Promise<Settings> {
    settings.value = await api.call('settings.update', patch)
    return settings.value
  }

  return { settings, load, update }
})
