import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import type { Logger } from 'pino'
import type { z } from 'zod'
import {
  ackRequestSchema,
  BLOB_CONTENT_TYPE,
  blobHeaders,
  enrolRequestSchema,
  MAX_PUSH_BYTES,
  pullQuerySchema,
  pushRequestSchema,
  refreshRequestSchema,
  sha256Schema,
  SYNC_ERROR_STATUS,
  syncErrorBody,
  TUS_RESUMABLE,
  type SyncErrorCode,
} from '../../contract/sync'
import { authenticate, enrol, refresh } from '../auth/tokens'
import { HashMismatchError, type BlobStore } from '../blobs/store'
import type { Sql } from '../db/sql'
import { getReference, listReference } from '../reference'
import { push, type ApplyDeps, type Workstation } from '../sync/apply'
import { SyncHttpError } from '../sync/http-error'
import { ack, pull, type ChangeSignal } from '../sync/pull'

export interface ServerDeps {
  sql: Sql
  key: Buffer
  blobs: BlobStore
  signal: ChangeSignal
  apply: ApplyDeps
  now: () => number
  logger: Logger
  /** Aborted when the central shuts down: long polls answer at once. */
  closing: AbortSignal
}

declare module 'fastify' {
  interface FastifyRequest {
    ws: Workstation
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value)
  if (!r.success)
    throw new SyncHttpError('invalid-request', {
      issues: r.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    })
  return r.data
}

function parseRange(header: string, size: number): { start: number; end: number } | 'invalid' | null {
  const m = /^bytes=(\d*)-(\d*)$/u.exec(header.trim())
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid'
  let start: number
  let end: number
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return 'invalid'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start > end || start >= size) return 'invalid'
  return start === 0 && end === size - 1 ? null : { start, end }
}

/** The sync endpoints of SYNC.md on Fastify; every refusal is one of the contract's error bodies. */
export function buildServer(d: ServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: d.logger as FastifyBaseLogger,
    bodyLimit: MAX_PUSH_BYTES,
    return503OnClosing: true,
  }) as unknown as FastifyInstance
  const iso = () => new Date(d.now()).toISOString()
  const fail = (reply: FastifyReply, code: SyncErrorCode, details: Record<string, unknown>) =>
    reply
      .code(SYNC_ERROR_STATUS[code])
      .header('cache-control', 'no-store')
      .send(syncErrorBody(code, details as never, iso()))

  // Blob bodies stay streams: the store writes them in fsynced chunks.
  app.addContentTypeParser(BLOB_CONTENT_TYPE, (_req, payload, done) => done(null, payload))

  app.setErrorHandler((e, req, reply) => {
    if (e instanceof SyncHttpError) return fail(reply, e.code, e.details as Record<string, unknown>)
    if (e instanceof HashMismatchError)
      return reply
        .code(460)
        .send({ code: 'hash-mismatch', messageKey: 'sync.protocol.errors.hash-mismatch', serverTime: iso() })
    const status = (e as { statusCode?: number }).statusCode ?? 500
    if (status === 413) return fail(reply, 'too-large', { limitBytes: MAX_PUSH_BYTES })
    if (status >= 400 && status < 500)
      return fail(reply, 'invalid-request', { issues: [{ path: '', message: (e as Error).message }] })
    req.log.error({ err: e }, 'sync request failed')
    return fail(reply, 'internal', { requestId: String(req.id) })
  })
  app.setNotFoundHandler((req, reply) => fail(reply, 'not-found', { what: req.url.split('?')[0] }))

  const authed = async (req: FastifyRequest) => {
    req.ws = await authenticate(d.sql, d.key, req.headers.authorization, d.now())
  }

  app.get('/health', async () => ({ ok: true, engine: d.sql.engine, serverTime: iso() }))

  app.post('/sync/v1/enrol', async (req) => {
    const body = parse(enrolRequestSchema, req.body)
    return enrol(d.sql, d.key, body.code, body.hostName, d.now())
  })
  app.post('/sync/v1/token', async (req) =>
    refresh(d.sql, d.key, parse(refreshRequestSchema, req.body).refreshToken, d.now()),
  )

  app.register(async (scope) => {
    scope.addHook('preHandler', authed)

    scope.post('/sync/v1/push', async (req) => push(d.apply, req.ws, parse(pushRequestSchema, req.body)))

    scope.get('/sync/v1/pull', async (req) => {
      const q = parse(pullQuerySchema, req.query)
      const gone = new AbortController()
      const onClose = () => gone.abort()
      req.raw.on('close', onClose)
      d.closing.addEventListener('abort', onClose)
      try {
        return await pull(d.sql, d.signal, req.ws, q, d.now, gone.signal)
      } finally {
        req.raw.off('close', onClose)
        d.closing.removeEventListener('abort', onClose)
      }
    })

    scope.post('/sync/v1/ack', async (req) => {
      await ack(d.sql, req.ws, parse(ackRequestSchema, req.body))
      return { ok: true, serverTime: iso() }
    })

    scope.get('/sync/v1/reference', async () => listReference(d.sql, iso()))
    scope.get<{ Params: { name: string } }>('/sync/v1/reference/:name', async (req, reply) => {
      const r = await getReference(d.sql, req.params.name)
      if (!r) return fail(reply, 'not-found', { what: `reference/${req.params.name}` })
      return reply.header('etag', `"${r.hash}"`).send(r)
    })

    scope.route<{ Params: { sha: string } }>({
      method: 'HEAD',
      url: '/sync/v1/blobs/:sha',
      handler: async (req, reply) => {
        const sha = parse(sha256Schema, req.params.sha)
        const s = await d.blobs.state(sha)
        reply.header(blobHeaders.resumable, TUS_RESUMABLE).header('cache-control', 'no-store')
        if (!s) return reply.code(404).send()
        if (s.complete) await d.blobs.record(sha, s.offset)
        reply.header(blobHeaders.offset, String(s.offset)).header(blobHeaders.complete, String(s.complete))
        if (s.length !== null) reply.header(blobHeaders.length, String(s.length))
        return reply.code(200).send()
      },
    })

    scope.patch<{ Params: { sha: string } }>('/sync/v1/blobs/:sha', async (req, reply) => {
      const sha = parse(sha256Schema, req.params.sha)
      const offset = Number(req.headers[blobHeaders.offset])
      const lengthHeader = req.headers[blobHeaders.length]
      const length = lengthHeader === undefined ? null : Number(lengthHeader)
      if (!Number.isSafeInteger(offset) || offset < 0 || (length !== null && !Number.isSafeInteger(length)))
        throw new SyncHttpError('invalid-request', {
          issues: [{ path: 'upload-offset', message: 'integers expected' }],
        })
      const s = await d.blobs.append(sha, offset, length, req.body as NodeJS.ReadableStream as never)
      return reply
        .code(204)
        .header(blobHeaders.resumable, TUS_RESUMABLE)
        .header(blobHeaders.offset, String(s.offset))
        .header(blobHeaders.complete, String(s.complete))
        .send()
    })

    scope.get<{ Params: { sha: string } }>('/sync/v1/blobs/:sha', async (req, reply) => {
      const sha = parse(sha256Schema, req.params.sha)
      const s = await d.blobs.state(sha)
      if (!s?.complete) return fail(reply, 'not-found', { what: `blob ${sha}` })
      reply
        .header('accept-ranges', 'bytes')
        .header('content-type', 'application/octet-stream')
        .header('etag', `"${sha}"`)
      const header = req.headers.range
      const range = header ? parseRange(header, s.offset) : null
      if (range === 'invalid') return reply.code(416).header('content-range', `bytes */${s.offset}`).send()
      const stream = await d.blobs.read(sha, range ?? undefined)
      if (range)
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${s.offset}`)
          .header('content-length', String(range.end - range.start + 1))
          .send(stream)
      return reply.header('content-length', String(s.offset)).send(stream)
    })
  })
  return app
}
