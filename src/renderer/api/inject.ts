import { inject, type App, type InjectionKey } from 'vue'
import type { ApiClient } from '../../contract'

export const apiKey: InjectionKey<ApiClient> = Symbol('gasdesk.api')

/** Makes the client available to every component and store (`app.use`-free on purpose: one line in main). */
export function provideApi(app: App, client: ApiClient): void {
  app.provide(apiKey, client)
}

export function useApi(): ApiClient {
  const client = inject(apiKey, null)
  if (!client) throw new Error('GasDesk API client not provided: call provideApi(app, client) first')
  return client
}
