import type { ApiClient, MethodInput, MethodName, MethodOutput, PreloadBridge } from '../../contract'
import { ApiCallError, networkError } from './errors'
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
      // Own properties only: inherited names (toString) and onEvent are not methods.
      const own = (method as string) !== 'onEvent' && Object.prototype.hasOwnProperty.call(bridge, method)
      const fn = own ? (bridge[method] as (input: unknown) => Promise<unknown>) : undefined
      // Same answer the backend gives over HTTP for a name the contract does not have.
      if (typeof fn !== 'function') {
        throw new ApiCallError({
          code: 'UNKNOWN_METHOD',
          messageKey: 'errors.UNKNOWN_METHOD',
          details: { method: String(method).slice(0, 80) },
        })
      }
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
