import type {
  ApiClient,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src/contract'
import type { Backend } from '../../src/backend'
import { unwrap } from '../../src/renderer/api/result'

export type RealApi = ApiClient & {
  calls: { method: MethodName; input: unknown }[]
  /** Resolves when no call is in flight (scrypt and other real work take real time). */
  idle(): Promise<void>
}

/**
 * The renderer's ApiClient over the real backend's dispatch in the same process: what the browser shell
 * does over HTTP, minus the socket. Renderer tests mount the app on this instead of a hand-written fake,
 * so they exercise the real rules, schemas and typed errors. Inputs and results go through a JSON round
 * trip, as they would over either transport.
 */
export function realApi(backend: Backend, sessionKey = 'renderer-test'): RealApi {
  const calls: { method: MethodName; input: unknown }[] = []
  const inFlight = new Set<Promise<unknown>>()
  return {
    calls,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      calls.push({ method, input })
      const wire = input === undefined ? undefined : JSON.parse(JSON.stringify(input))
      const pending = backend.dispatch(method, wire, sessionKey)
      inFlight.add(pending)
      try {
        const result = await pending
        return unwrap<MethodOutput<M>>(JSON.parse(JSON.stringify(result)))
      } finally {
        inFlight.delete(pending)
      }
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      return backend.events.on((name, payload, key) => {
        if (name === event && (key === null || key === sessionKey)) handler(payload as EventPayload<E>)
      })
    },
  }
}
