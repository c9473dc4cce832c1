import { connect } from 'node:net'

export interface SocketExchange {
  /** Everything the server sent before the connection ended. */
  received: string
  /** The socket error the client saw (EPIPE, ECONNRESET), if any. */
  error: string | null
  /** Milliseconds from connect to close. */
  closedAfterMs: number
}

/**
 * A raw TCP client: writes `head` and then `body` in chunks as fast as the socket accepts them (the way a
 * naive uploader does, without looking for an early answer) and collects whatever comes back.
 */
export function socketExchange(
  port: number,
  head: string,
  body: Buffer = Buffer.alloc(0),
  opts: { chunkBytes?: number; timeoutMs?: number } = {},
): Promise<SocketExchange> {
  const chunkBytes = opts.chunkBytes ?? 64 * 1024
  return new Promise((resolve) => {
    const started = Date.now()
    const chunks: Buffer[] = []
    let error: string | null = null
    const s = connect({ host: '127.0.0.1', port })
    const guard = setTimeout(() => s.destroy(new Error('client timeout')), opts.timeoutMs ?? 20_000)
    s.on('data', (c: Buffer) => chunks.push(c))
    s.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message
    })
    s.on('close', () => {
      clearTimeout(guard)
      resolve({
        received: Buffer.concat(chunks).toString('latin1'),
        error,
        closedAfterMs: Date.now() - started,
      })
    })
    s.once('connect', () => {
      s.write(head)
      let offset = 0
      const pump = (): void => {
        while (offset < body.length && !s.destroyed) {
          const next = body.subarray(offset, offset + chunkBytes)
          offset += next.length
          if (!s.write(next)) {
            s.once('drain', pump)
            return
          }
        }
      }
      pump()
    })
  })
}

/** Opens a connection, sends `head` plus the first bytes of a body and then nothing: a slow uploader. */
export function slowBody(port: number, head: string, firstBytes = 'x'): Promise<SocketExchange> {
  return socketExchange(port, head + firstBytes, Buffer.alloc(0), { timeoutMs: 60_000 })
}

export const statusOf = (received: string): number | null => {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(received)
  return m ? Number(m[1]) : null
}
