import { computed, ref, shallowRef } from 'vue'
import { defineStore } from 'pinia'
import type { CustomerSearchHit, CustomerView, MethodInput } from '../../contract'
import { useApi } from '../api'
import { useBillingStore } from './billing'
import { useCustomerContextStore } from './customer-context'

/** Pause after the last keystroke before asking the backend. */
export const SEARCH_DEBOUNCE_MS = 180

/**
 * Customer search as the agent types, and the customer being viewed. Search sends at most one request
 * at a time: keystrokes during a request only remember the latest text, which is sent when the answer
 * arrives; answers for text the box no longer shows are dropped.
 */
export const useCustomersStore = defineStore('customers', () => {
  const api = useApi()
  const context = useCustomerContextStore()
  const billing = useBillingStore()
  const query = ref('')
  const hits = shallowRef<CustomerSearchHit[]>([])
  const tooShort = ref(false)
  const more = ref(false)
  const searching = ref(false)
  const searchError = shallowRef<unknown>(null)
  /** The text the shown results (or error) answer; anything else typed is still pending. */
  const answered = ref('')
  /** How many search requests were sent (tests and the status line use it). */
  const requests = ref(0)
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight = false
  let queued: string | null = null

  function setQuery(text: string): void {
    query.value = text
    if (timer) clearTimeout(timer)
    timer = null
    if (text.trim() === '') {
      queued = null
      hits.value = []
      tooShort.value = false
      more.value = false
      searchError.value = null
      answered.value = text
      return
    }
    timer = setTimeout(() => {
      timer = null
      void send(text)
    }, SEARCH_DEBOUNCE_MS)
  }

  async function send(text: string): Promise<void> {
    if (inFlight) {
      queued = text
      return
    }
    inFlight = true
    searching.value = true
    requests.value++
    try {
      const r = await api.call('customers.search', { query: text })
      if (text === query.value) {
        hits.value = r.hits
        tooShort.value = r.tooShort
        more.value = r.more
        searchError.value = null
        answered.value = text
      }
    } catch (e) {
      if (text === query.value) {
        searchError.value = e
        answered.value = text
      }
    } finally {
      inFlight = false
      searching.value = false
      const next = queued
      queued = null
      if (next !== null && next === query.value) void send(next)
    }
  }

  function clear(): void {
    setQuery('')
  }
  /**
   * Typed text whose answer has not arrived yet (debounce, request in flight, or queued): what the box
   * shows is then the previous answer, so it must not be read out as the answer to this text.
   */
  const pending = computed(() => answered.value !== query.value)

  const current = shallowRef<CustomerView | null>(null)
  const loading = ref(false)
  const loadError = shallowRef<unknown>(null)

  function show(view: CustomerView): void {
    current.value = view
    const premise = view.premises[0]
    context.open({
      id: view.id,
      name: view.name,
      identifiers: [
        { labelKey: 'customers.fields.customerNumber', value: view.customerNumber },
        ...(view.maskedPersonalCode
          ? [{ labelKey: 'customers.fields.personalCode', value: view.maskedPersonalCode }]
          : []),
        ...(view.registrationNo
          ? [{ labelKey: 'customers.fields.registrationNo', value: view.registrationNo }]
          : []),
        ...(premise
          ? [{ labelKey: 'customers.fields.subscriberNumber', value: premise.subscriberNumber }]
          : []),
      ],
    })
  }

  async function open(id: string): Promise<void> {
    loading.value = true
    loadError.value = null
    // The profile shows the billing figures: ask for them now, in parallel, not after it renders.
    billing.prefetch(id)
    try {
      show(await api.call('customers.get', { customerId: id }))
    } catch (e) {
      loadError.value = e
      current.value = null
    } finally {
      loading.value = false
    }
  }

  function close(): void {
    current.value = null
    context.close()
  }

  /** A one-off lookup for a customer picker elsewhere (the audit log's filter): not the box's search. */
  const lookup = async (query: string, limit = 10) =>
    (await api.call('customers.search', { query, limit })).hits
  /** The duplicate check before a new customer (audited with its purpose), then the creation. */
  const findDuplicates = (input: MethodInput<'customers.findDuplicates'>) =>
    api.call('customers.findDuplicates', input)
  const create = (input: MethodInput<'customers.create'>) => api.call('customers.create', input)

  return {
    query,
    hits,
    tooShort,
    more,
    searching,
    searchError,
    pending,
    requests,
    setQuery,
    clear,
    current,
    loading,
    loadError,
    open,
    show,
    close,
    lookup,
    findDuplicates,
    create,
  }
})
