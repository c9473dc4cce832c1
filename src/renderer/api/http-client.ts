import type { ApiClient, MethodInput, MethodName, MethodOutput } from '../../contract'
import { networkError } from './errors'
import { EventListeners } from './listeners'
import { unwrap } from './result'

/** Header carrying the per-tab session id: the backend keys the signed-in agent by it (see web-host README). */
export const SESSION_HEADER = 'x-gasdesk-session'

type EventSourceLike = {
  onmessage: ((ev: { data: string }) => void) | null
  close(): void
}

export interface HttpClientOptions {
  /** Origin of the browser shell, e.g. http://127.0.0.1:5199 (no trailing slash needed). */
  baseUrl: string
  /** The per-run token the host printed in the URL. */
  token: string
  /** Per-tab session id (16-128 url-safe chars); generated when omitted. */
  sessionId?: string
  fetch?: typeof fetch
  EventSource?: new (url: string) => EventSourceLike
}

export function newSessionId(): string {
  const bytes = new Uint8Array(18)
  globalThis.crypto.getRandomValues(bytes)
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The client for the browser shell: POST /api/<method> with the JSON input; events over server-sent
 * events from GET /api/events. Both carry the token and the tab's session id.
 */
export function createHttpClient(options: HttpClientOptions): ApiClient & { sessionId: string } {
  const base = options.baseUrl.replace(/\/+$/, '')
  const sessionId = options.sessionId ?? newSessionId()
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const ES =
    options.EventSource ??
    (globalThis as unknown as { EventSource?: HttpClientOptions['EventSource'] }).EventSource
  let source: EventSourceLike | null = null

  const listeners: EventListeners = new EventListeners(
    () => {
      if (!ES) return
      const q = new URLSearchParams({ token: options.token, session: sessionId })
      source = new ES(`${base}/api/events?${q.toString()}`)
      source.onmessage = (ev) => {
        let msg: unknown
        try {
          msg = JSON.parse(ev.data)
        } catch {
          return
        }
        const m = msg as { event?: unknown; payload?: unknown }
        if (typeof m.event === 'string') listeners.emit(m.event, m.payload)
      }
    },
    () => {
      source?.close()
      source = null
    },
  )

  return {
    sessionId,
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      let response: Response
      try {
        response = await doFetch(`${base}/api/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${options.token}`,
            [SESSION_HEADER]: sessionId,
          },
          body: JSON.stringify(input === undefined ? {} : input),
        })
      } catch {
        throw networkError({ reason: 'fetch' })
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        throw networkError({ reason: 'malformed-response', status: response.status })
      }
      return unwrap<MethodOutput<M>>(body)
    },
    on: (event, handler) => listeners.add(event, handler),
  }
}
