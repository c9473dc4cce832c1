import type { z } from 'zod'
import {
  BLOB_CONTENT_TYPE,
  blobHeaders,
  enrolResponseSchema,
  pullResponseSchema,
  pushResponseSchema,
  refreshResponseSchema,
  syncErrorSchema,
  TUS_RESUMABLE,
  type AckRequest,
  type EnrolRequest,
  type PullQuery,
  type PushRequest,
  type SyncErrorBody,
} from '../../contract/sync'

/** How the desk reaches the central: Node's fetch here, Electron's net.fetch (system proxy) in the app. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>

/**
 * A failed call: `network` (no answer, or the body was cut), `http` with the central's typed error body
 * when it sent one, `invalid-response` when a 2xx body did not match the protocol.
 */
export class SyncCallError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'invalid-response',
    readonly status: number,
    readonly body: SyncErrorBody | null,
    message: string,
  ) {
    super(message)
    this.name = 'SyncCallError'
  }
  get code(): string {
    return this.body?.code ?? (this.kind === 'http' ? `http-${this.status}` : this.kind)
  }
}

/** The sync endpoints of one central, every answer checked against the contract's schemas. */
export class CentralApi {
  constructor(
    readonly baseUrl: string,
    private readonly transport: Transport,
    private readonly token: () => string | null,
  ) {}

  enrol(req: EnrolRequest) {
    return this.json('POST', '/sync/v1/enrol', enrolResponseSchema, req, false)
  }
  refresh(refreshToken: string) {
    return this.json('POST', '/sync/v1/token', refreshResponseSchema, { refreshToken }, false)
  }
  push(req: PushRequest) {
    return this.json('POST', '/sync/v1/push', pushResponseSchema, req)
  }
  pull(q: PullQuery, signal?: AbortSignal) {
    const p = new URLSearchParams({ clientId: q.clientId })
    if (q.cursor) p.set('cursor', q.cursor)
    if (q.limit) p.set('limit', String(q.limit))
    if (q.wait) p.set('wait', String(q.wait))
    return this.json('GET', `/sync/v1/pull?${p.toString()}`, pullResponseSchema, undefined, true, signal)
  }
  async ack(req: AckRequest): Promise<void> {
    await this.call('POST', '/sync/v1/ack', JSON.stringify(req), { 'content-type': 'application/json' })
  }

  /** tus HEAD: how much of the blob the central holds (0 when it has none). */
  async blobOffset(sha256: string): Promise<{ offset: number; complete: boolean }> {
    const res = await this.call('HEAD', `/sync/v1/blobs/${sha256}`, undefined, {}, [404])
    if (res.status === 404) return { offset: 0, complete: false }
    return {
      offset: Number(res.headers.get(blobHeaders.offset) ?? 0),
      complete: res.headers.get(blobHeaders.complete) === 'true',
    }
  }

  /** tus PATCH of one chunk at `offset`; returns the central's new offset. */
  async blobPatch(
    sha256: string,
    offset: number,
    length: number,
    chunk: Uint8Array,
  ): Promise<{ offset: number; complete: boolean }> {
    // A copy on its own ArrayBuffer (what fetch's BodyInit types accept); chunks are at most 1 MiB.
    const res = await this.call('PATCH', `/sync/v1/blobs/${sha256}`, new Uint8Array(chunk), {
      'content-type': BLOB_CONTENT_TYPE,
      [blobHeaders.offset]: String(offset),
      [blobHeaders.length]: String(length),
    })
    return {
      offset: Number(res.headers.get(blobHeaders.offset) ?? offset),
      complete: res.headers.get(blobHeaders.complete) === 'true',
    }
  }

  private async json<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
    auth = true,
    signal?: AbortSignal,
  ): Promise<z.output<S>> {
    const res = await this.call(
      method,
      path,
      body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? {} : { 'content-type': 'application/json' },
      [],
      auth,
      signal,
    )
    let parsed: unknown
    try {
      parsed = await res.json()
    } catch {
      throw new SyncCallError('network', res.status, null, `${method} ${path}: the answer was cut short`)
    }
    const r = schema.safeParse(parsed)
    if (!r.success)
      throw new SyncCallError(
        'invalid-response',
        res.status,
        null,
        `${method} ${path}: not a protocol answer`,
      )
    return r.data
  }

  private async call(
    method: string,
    path: string,
    body: string | Uint8Array<ArrayBuffer> | undefined,
    headers: Record<string, string>,
    allow: number[] = [],
    auth = true,
    signal?: AbortSignal,
  ): Promise<Response> {
    const h = new Headers(headers)
    h.set(blobHeaders.resumable, TUS_RESUMABLE)
    const token = auth ? this.token() : null
    if (token) h.set('authorization', `Bearer ${token}`)
    let res: Response
    try {
      res = await this.transport(`${this.baseUrl}${path}`, { method, headers: h, body, signal })
    } catch (e) {
      throw new SyncCallError('network', 0, null, `${method} ${path}: ${(e as Error).message}`)
    }
    if (res.ok || allow.includes(res.status)) return res
    let errorBody: SyncErrorBody | null = null
    try {
      const r = syncErrorSchema.safeParse(await res.json())
      if (r.success) errorBody = r.data
    } catch {
      // not JSON: a proxy's page, or a cut body
    }
    throw new SyncCallError('http', res.status, errorBody, `${method} ${path}: HTTP ${res.status}`)
  }
}
