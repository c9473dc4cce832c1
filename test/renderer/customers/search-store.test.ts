import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import type { ApiClient, MethodName } from '../../../src/contract'
import { provideApi } from '../../../src/renderer/api'
import { SEARCH_DEBOUNCE_MS, useCustomersStore } from '../../../src/renderer/stores/customers'

/** A client whose answers the test releases one by one, to see what the store sends and when. */
function controlledClient() {
  const pending: { query: string; resolve: (v: unknown) => void }[] = []
  const client: ApiClient = {
    call: ((method: MethodName, input: { query: string }) => {
      if (method !== 'customers.search') return Promise.reject(new Error(`unexpected ${method}`))
      return new Promise<unknown>((resolve) => pending.push({ query: input.query, resolve }))
    }) as ApiClient['call'],
    on: () => () => undefined,
  }
  const answer = async (i = 0) => {
    const p = pending.splice(i, 1)[0]
    p.resolve({
      hits: [
        {
          id: p.query,
          customerNumber: '1',
          kind: 'person',
          name: p.query,
          code: null,
          address: null,
          subscriberNumbers: [],
          exact: false,
        },
      ],
      tooShort: false,
      more: false,
    })
    await vi.runAllTimersAsync()
  }
  return { client, pending, answer }
}

function setup() {
  const api = controlledClient()
  const app = createApp({ render: () => null })
  provideApi(app, api.client)
  const pinia = createPinia()
  app.use(pinia)
  const store = app.runWithContext(() => useCustomersStore())
  return { ...api, store }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('customer search store', () => {
  it('waits for a pause in typing and sends one request for it', async () => {
    const { store, pending } = setup()
    for (const text of ['b', 'be', 'ber', 'berz']) {
      store.setQuery(text)
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS / 2)
    }
    expect(pending).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    expect(pending.map((p) => p.query)).toEqual(['berz'])
  })

  it('keeps at most one request in flight and sends only the latest text afterwards', async () => {
    const { store, pending, answer } = setup()
    store.setQuery('ber')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    expect(pending).toHaveLength(1)
    for (const text of ['berz', 'berzi', 'berzin']) {
      store.setQuery(text)
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    }
    expect(pending.map((p) => p.query)).toEqual(['ber'])
    await answer()
    // The stale answer is not shown; the latest text goes out next.
    expect(store.hits).toEqual([])
    expect(pending.map((p) => p.query)).toEqual(['berzin'])
    await answer()
    expect(store.hits.map((h) => h.id)).toEqual(['berzin'])
    expect(store.requests).toBe(2)
  })

  it('clears at once on an empty box and drops answers that arrive later', async () => {
    const { store, pending, answer } = setup()
    store.setQuery('ozols')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    store.clear()
    await answer()
    expect(store.query).toBe('')
    expect(store.hits).toEqual([])
    expect(pending).toHaveLength(0)
  })
})
