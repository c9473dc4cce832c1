import { ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { InteractionItem, MethodInput, MethodOutput, WorkQueues } from '../../contract'
import { useApi } from '../api'

type Options = MethodOutput<'interactions.options'>

/** The interaction log of the open customer and the home page's work queues (issue 12). */
export const useInteractionsStore = defineStore('interactions', () => {
  const api = useApi()
  const options = shallowRef<Options | null>(null)
  const customerId = ref<string | null>(null)
  const items = shallowRef<InteractionItem[]>([])
  const queues = shallowRef<WorkQueues | null>(null)

  async function loadOptions(): Promise<Options> {
    // Today's default due dates: fetched again when the day has changed since.
    options.value = await api.call('interactions.options', {})
    return options.value
  }
  async function load(id: string): Promise<void> {
    if (customerId.value !== id) items.value = []
    customerId.value = id
    items.value = (await api.call('interactions.list', { customerId: id })).items
  }
  async function log(input: MethodInput<'interactions.log'>): Promise<InteractionItem> {
    const r = await api.call('interactions.log', input)
    if (customerId.value === input.customerId) items.value = [r.interaction, ...items.value]
    return r.interaction
  }
  async function complete(followUpId: string): Promise<void> {
    const { followUp } = await api.call('followUps.complete', { followUpId })
    items.value = items.value.map((i) => (i.followUp?.id === followUp.id ? { ...i, followUp } : i))
    if (queues.value) await loadQueues(queues.value.scope)
  }
  async function loadQueues(scope: 'mine' | 'team' = 'mine'): Promise<WorkQueues> {
    queues.value = await api.call('workQueues.get', { scope, limit: 20 })
    return queues.value
  }
  return { options, items, queues, loadOptions, load, log, complete, loadQueues }
})
