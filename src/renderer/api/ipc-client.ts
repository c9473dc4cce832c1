import type { ApiClient, MethodInput, MethodName, MethodOutput, PreloadBridge } from '../../contract'
import { networkError } from './errors'
import { EventListeners } from './listeners'
import { unwrap } from './result'

/** The client for the Electron shell: calls the functions the preload exposed on `window.gasdesk`. */
export function createIpcClient(bridge: PreloadBridge): ApiClient {
  let unsubscribe: (() => void) | null = null
  const listeners: EventListeners = new EventListeners(
    () => {
      unsubscribe = bridge.onEvent((event, payload) => listeners.emit(event, payload))
    },
    () => {
      unsubscribe?.()
      unsubscribe = null
    },
  )
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const fn = bridge[method] as ((input: unknown) => Promise<unknown>) | undefined
      if (typeof fn !== 'function') throw networkError({ reason: 'no-bridge-method', method })
      let result: unknown
      try {
        result = await fn(input)
      } catch {
        throw networkError({ reason: 'ipc' })
      }
      return unwrap<MethodOutput<M>>(result)
    },
    on: (event, handler) => listeners.add(event, handler),
  }
}
