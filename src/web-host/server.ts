import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { dirname, join } from 'node:path'
import { createBackend, type Backend, type BackendOptions } from '../backend'
import { answerThenDrain, BodyTooLargeError, declaredLength, expectsBody, readBody } from './body'
import { bearerToken, checkHost, checkOrigin, sessionKeyFor, tokenMatches, unauthenticated } from './guard'
import { sendError, sendResult } from './respond'
import { openEventStream } from './sse'
import { serveStatic } from './static'
import { fileSecretStore, ownerOnlyCodec } from '../backend/host/secret-file'
import { logError } from '../backend/log'

/** Larger than any JSON call today; sized for the document uploads planned later. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024

/** How much of an oversized body is read and thrown away so the client gets its 413 (see body.ts). */
export const MAX_DRAIN_BYTES = 64 * 1024 * 1024

/** A whole request (headers and body) must arrive within this; a 12 MB upload on loopback takes milliseconds. */
export const REQUEST_TIMEOUT_MS = 15_000

/**
 * Requests whose body is still arriving, at most. The browser opens six connections per host; more
 * bodies in flight at once are someone holding sockets open, and are refused with 503 at once.
 */
export const MAX_PENDING_BODIES = 16

/** Header that names the browser tab's session (see README.md: one tab = one signed-in session). */
export const SESSION_HEADER = 'x-gasdesk-session'

export interface WebHostOptions {
  /** An existing backend (tests with a manual clock); the host then leaves closing it to the caller. */
  backend?: Backend
  /** Or a database file: the host creates the backend and closes it with itself. */
  dbFile?: string
  backendOptions?: Partial<BackendOptions>
  /** 0 or absent = a free port chosen by the OS. */
  port?: number
  /** The built renderer (out/renderer). */
  rendererDir?: string
  /** Fixed token for tests; otherwise 32 random bytes. */
  token?: string
  maxBodyBytes?: number
  /** See MAX_DRAIN_BYTES, REQUEST_TIMEOUT_MS, MAX_PENDING_BODIES (tests make them small). */
  maxDrainBytes?: number
  requestTimeoutMs?: number
  maxPendingBodies?: number
}

export interface WebHost {
  url: string
  token: string
  port: number
  backend: Backend
  close(): Promise<void>
}

const newToken = (): string => randomBytes(32).toString('base64url')

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const ownsBackend = !options.backend
  let backend: Backend
  if (options.backend) backend = options.backend
  else if (options.dbFile) {
    backend = await createBackend({
      dbFile: options.dbFile,
      shell: 'browser',
      demoAgents: true,
      // No OS encryption on this path: an owner-only file beside the database (weaker; see secrets.ts).
      secrets: fileSecretStore(join(dirname(options.dbFile), 'secrets.json'), ownerOnlyCodec),
      // The trust folder beside the database: for the default database, the CLI's default trust folder.
      trustHome: join(dirname(options.dbFile), 'trust'),
      // Node's fetch: the browser shell reaches the central directly (no system proxy settings).
      syncTransport: (url, init) => fetch(url, init),
      ...options.backendOptions,
    })
  } else throw new Error('startWebHost needs a backend or a dbFile')

  const token = options.token ?? newToken()
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES
  const maxDrain = options.maxDrainBytes ?? MAX_DRAIN_BYTES
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const maxPendingBodies = options.maxPendingBodies ?? MAX_PENDING_BODIES
  let pendingBodies = 0
  const rendererDir = options.rendererDir
  const streams = new Set<() => void>()
  let port = 0

  const handle = async (req: IncomingMessage, res: ServerResponse, expectContinue = false): Promise<void> => {
    const rejected = checkHost(req, port) ?? checkOrigin(req)
    if (rejected) return sendError(res, rejected.status, rejected.error)
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const path = url.pathname

    if (path === '/api/events') {
      if (req.method !== 'GET') return sendError(res, 405, httpMethodError(), { allow: 'GET' })
      if (!tokenMatches(url.searchParams.get('token'), token)) {
        const r = unauthenticated()
        return sendError(res, r.status, r.error)
      }
      const key = sessionKeyFor(url.searchParams.get('session'))
      if (!key) return sendError(res, 400, sessionIdError())
      const close = openEventStream(res, backend, key)
      streams.add(close)
      res.on('close', () => streams.delete(close))
      return
    }

    if (path.startsWith('/api/')) {
      // Token before anything else, so nobody without it learns which methods exist or makes us read a body.
      if (!tokenMatches(bearerToken(req), token)) {
        const r = unauthenticated()
        return sendError(res, r.status, r.error)
      }
      if (req.method !== 'POST') return sendError(res, 405, httpMethodError(), { allow: 'POST' })
      const key = sessionKeyFor(headerValue(req, SESSION_HEADER))
      if (!key) return sendError(res, 400, sessionIdError())
      const contentType = headerValue(req, 'content-type') ?? ''
      if (!/^application\/json\s*(;|$)/i.test(contentType))
        return sendError(res, 400, jsonError('content-type'))
      const tooLarge = {
        code: 'VALIDATION',
        messageKey: 'errors.VALIDATION',
        details: { reason: 'too-large', limitBytes: limit },
      } as const
      if (expectContinue) {
        // `Expect: 100-continue`: refuse an oversized body before the client sends it.
        if ((declaredLength(req) ?? 0) > limit) return sendError(res, 413, tooLarge, { connection: 'close' })
        res.writeContinue()
      }
      let raw: Buffer
      try {
        raw = await readBody(req, limit)
      } catch (e) {
        if (e instanceof BodyTooLargeError) return answerThenDrain(req, res, 413, tooLarge, maxDrain)
        throw e
      }
      let input: unknown = undefined
      if (raw.length > 0) {
        try {
          input = JSON.parse(raw.toString('utf8'))
        } catch {
          return sendError(res, 400, jsonError('json'))
        }
      }
      let method: string
      try {
        method = decodeURIComponent(path.slice('/api/'.length))
      } catch {
        method = path.slice('/api/'.length)
      }
      // Typed failures from dispatch are answers, not transport errors: 200 with {ok:false}, as over IPC.
      const result = await backend.dispatch(method, input, key)
      return sendResult(res, 200, result)
    }

    if (!rendererDir) return sendError(res, 404, { code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND' })
    serveStatic(req, res, rendererDir, path)
  }

  const serve = (req: IncomingMessage, res: ServerResponse, expectContinue: boolean): void => {
    if (expectsBody(req)) {
      if (pendingBodies >= maxPendingBodies) {
        return sendError(res, 503, busyError(), { connection: 'close', 'retry-after': '1' })
      }
      pendingBodies++
      let counted = true
      const release = (): void => {
        if (counted) pendingBodies--
        counted = false
      }
      // Whichever comes first: the body ended, or the exchange is over (answered, reset, timed out).
      req.once('end', release)
      req.once('close', release)
      res.once('close', release)
    }
    handle(req, res, expectContinue).catch((e: unknown) => {
      // A client that went away (or was timed out) mid-body needs no answer and no log line.
      if (req.socket.destroyed) return
      logError('web-host request failed', e)
      sendError(res, 500, { code: 'INTERNAL', messageKey: 'errors.INTERNAL', details: { ref: 'web-host' } })
    })
  }

  // Node ends a request that has not fully arrived after requestTimeout (checked every interval) and a
  // header block after headersTimeout, whether or not a handler is reading it: slow bodies cannot hold
  // sockets for the default five minutes.
  const server = createServer(
    {
      requestTimeout: requestTimeout,
      headersTimeout: Math.min(10_000, requestTimeout),
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    (req, res) => serve(req, res, false),
  )
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => serve(req, res, true))
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => answerClientError(err, socket))
  // Only the loopback interface: the browser shell is for this machine, never the network.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  port = (server.address() as AddressInfo).port

  let closing: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    port,
    backend,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const end of [...streams]) end()
        server.close(() => {
          if (ownsBackend) backend.close()
          resolve()
        })
        server.closeAllConnections()
      })
      return closing
    },
  }
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name]
  return typeof v === 'string' ? v : null
}

/**
 * What Node would write for a broken or timed-out request, as our envelope. Once a response has started
 * (e.g. a 413 whose body was still draining) nothing more can be said: the socket just closes.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent
  if (!socket.writable || started || err.code === 'ECONNRESET') {
    socket.destroy()
    return
  }
  const timeout = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
  const status = timeout ? '408 Request Timeout' : '400 Bad Request'
  const body = JSON.stringify({
    ok: false,
    error: {
      code: 'VALIDATION',
      messageKey: 'errors.VALIDATION',
      details: { reason: timeout ? 'timeout' : 'http' },
    },
  })
  socket.end(
    `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
  socket.destroySoon()
}

const busyError = () =>
  ({ code: 'UNAVAILABLE', messageKey: 'errors.UNAVAILABLE', details: { reason: 'busy' } }) as const
const httpMethodError = () =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'http-method' } }) as const
const sessionIdError = () =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'session-id' } }) as const
const jsonError = (reason: 'json' | 'content-type') =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason } }) as const
