import type { ServerResponse } from 'node:http'
import type { Backend } from '../backend'

const HEARTBEAT_MS = 25_000

/**
 * Streams backend events for one session as server-sent events. Each message is `data: {event, payload}`
 * (one unnamed stream, so the client needs a single listener whatever events the contract adds).
 */
export function openEventStream(res: ServerResponse, backend: Backend, sessionKey: string): () => void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  })
  res.write('retry: 2000\n: connected\n\n')
  const off = backend.events.on((event, payload, key) => {
    if (key !== null && key !== sessionKey) return
    res.write(`data: ${JSON.stringify({ event, payload })}\n\n`)
  })
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS)
  heartbeat.unref()
  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    off()
    res.end()
  }
  res.on('close', close)
  return close
}
