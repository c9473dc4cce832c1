import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBackend, type Backend, type BackendOptions } from '../backend'
import { BodyTooLargeError, readBody } from './body'
import { bearerToken, checkHost, checkOrigin, sessionKeyFor, tokenMatches, unauthenticated } from './guard'
import { sendError, sendResult } from './respond'
import { openEventStream } from './sse'
import { serveStatic } from './static'

/** Larger than any JSON call today; sized for the document uploads planned later. */
export const MAX_BODY_BYTES = 12 * 1024 * 1024

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
      ...options.backendOptions,
    })
  } else throw new Error('startWebHost needs a backend or a dbFile')

  const token = options.token ?? newToken()
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES
  const rendererDir = options.rendererDir
  const streams = new Set<() => void>()
  let port = 0

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
      let raw: Buffer
      try {
        raw = await readBody(req, limit)
      } catch (e) {
        if (e instanceof BodyTooLargeError) {
          // Drain what the client is still sending so it reads our answer instead of a reset.
          req.resume()
          return sendError(
            res,
            413,
            {
              code: 'VALIDATION',
              messageKey: 'errors.VALIDATION',
              details: { reason: 'too-large', limitBytes: limit },
            },
            { connection: 'close' },
          )
        }
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

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[gasdesk] web-host request failed', e)
      sendError(res, 500, { code: 'INTERNAL', messageKey: 'errors.INTERNAL', details: { ref: 'web-host' } })
    })
  })
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

const httpMethodError = () =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'http-method' } }) as const
const sessionIdError = () =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'session-id' } }) as const
const jsonError = (reason: 'json' | 'content-type') =>
  ({ code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason } }) as const
