import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiErrorShape } from '../contract'
import { API_HEADERS } from './respond'

export class BodyTooLargeError extends Error {}

/** Declared Content-Length, or null when the body is chunked or the header is absent/garbled. */
export function declaredLength(req: IncomingMessage): number | null {
  const declared = Number(req.headers['content-length'])
  return req.headers['content-length'] !== undefined && Number.isFinite(declared) ? declared : null
}

/** True while the request still has body bytes to come (a declared length above 0, or chunked). */
export function expectsBody(req: IncomingMessage): boolean {
  const declared = declaredLength(req)
  return (declared !== null && declared > 0) || req.headers['transfer-encoding'] !== undefined
}

/** Reads the request body, stopping as soon as it passes `limit` bytes (uploads are capped, not buffered). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = declaredLength(req)
    if (declared !== null && declared > limit) {
      reject(new BodyTooLargeError())
      return
    }
    let chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        chunks = []
        reject(new BodyTooLargeError())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (done) return
      done = true
      resolve(Buffer.concat(chunks))
    })
    req.on('error', (e) => {
      if (done) return
      done = true
      reject(e)
    })
  })
}

/**
 * Answers before the body is read, without losing the answer: the whole response goes out at once (a
 * client that reads while it sends sees it early), the rest of the body is read and thrown away, and only
 * when it has all arrived does the response end and the socket close. Closing with unread bytes still
 * arriving makes the kernel reset the connection, and the client then loses the answer it had not read
 * yet (EPIPE / ECONNRESET). A body larger than `maxDrainBytes` is not read to its end: the socket is
 * destroyed once that many bytes were thrown away.
 */
export function answerThenDrain(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: ApiErrorShape,
  maxDrainBytes: number,
): void {
  const body = JSON.stringify({ ok: false, error })
  res.writeHead(status, { ...API_HEADERS, 'content-length': Buffer.byteLength(body), connection: 'close' })
  res.write(body)
  if (req.complete) {
    res.end()
    return
  }
  let drained = 0
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length
    if (drained > maxDrainBytes) {
      res.end()
      req.socket.destroy()
    }
  })
  req.on('end', () => res.end())
  req.on('error', () => req.socket.destroy())
  req.resume()
}
