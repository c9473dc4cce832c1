import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../src/web-host/server'
import { raw } from './raw'
import { slowBody, socketExchange, statusOf } from './socket'

// Issue 11 (medium 11): the 413 for an oversized body was lost when the server closed the socket while the
// client was still sending (EPIPE / reset), and slow bodies held sockets open for minutes.

const LIMIT = 1024 * 1024
const SESSION = 'tab-bbbbbbbbbbbbbbbbbbbb'
let dir: string
let host: WebHost
let strict: WebHost

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gasdesk-body-'))
  host = await startWebHost({ dbFile: join(dir, 'a.sqlite'), maxBodyBytes: LIMIT })
  // A host with tight slow-body limits, so the test does not wait for the production ones.
  strict = await startWebHost({
    backend: host.backend,
    maxBodyBytes: LIMIT,
    requestTimeoutMs: 1500,
    maxPendingBodies: 4,
  })
})

afterAll(async () => {
  await strict.close()
  await host.close()
})

const apiHead = (h: WebHost, extra: Record<string, string | number>) =>
  [
    'POST /api/session.signIn HTTP/1.1',
    `Host: 127.0.0.1:${h.port}`,
    `Authorization: Bearer ${h.token}`,
    `X-GasDesk-Session: ${SESSION}`,
    'Content-Type: application/json',
    ...Object.entries(extra).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n')

const oversized = (bytes: number) =>
  Buffer.from(JSON.stringify({ username: 'x'.repeat(bytes), password: 'p' }), 'utf8')

/**
 * A Node http client that streams the whole body and reports the status it got and any error it saw on
 * the way (a write into a reset socket shows up as EPIPE / ECONNRESET even after the response arrived).
 */
function nodePost(body: Buffer, chunked: boolean): Promise<{ status: number | null; error: string | null }> {
  return new Promise((resolve) => {
    let status: number | null = null
    let error: string | null = null
    const headers: Record<string, string | number> = {
      authorization: `Bearer ${host.token}`,
      'x-gasdesk-session': SESSION,
      'content-type': 'application/json',
    }
    if (!chunked) headers['content-length'] = body.length
    const req = request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/session.signIn', headers },
      (res) => {
        status = res.statusCode ?? null
        res.resume()
      },
    )
    req.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message
    })
    req.on('close', () => resolve({ status, error }))
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024))
    req.end()
  })
}

describe('an oversized body', () => {
  it('gets its 413 in 10 of 10 Node clients, with and without a declared length', async () => {
    const body = oversized(16 * LIMIT)
    const results = []
    for (let i = 0; i < 10; i++) results.push(await nodePost(body, i % 2 === 1))
    expect(results).toEqual(Array.from({ length: 10 }, () => ({ status: 413, error: null })))
  })

  it('gets its 413 in 10 of 10 raw-socket uploads that never look for an early answer', async () => {
    const body = oversized(16 * LIMIT)
    for (let i = 0; i < 10; i++) {
      const r = await socketExchange(host.port, apiHead(host, { 'Content-Length': body.length }), body)
      expect(statusOf(r.received), `run ${i}: ${r.error}`).toBe(413)
      expect(r.error, `run ${i}`).toBeNull()
      expect(r.received).toContain('"reason":"too-large"')
    }
  })

  it('is refused before it is sent when the client asks 100-continue', async () => {
    const r = await socketExchange(
      host.port,
      apiHead(host, { 'Content-Length': 5 * LIMIT, Expect: '100-continue' }),
    )
    expect(statusOf(r.received)).toBe(413)
    expect(r.received).not.toContain('100 Continue')
  })

  it('still gets a 100 Continue and an answer when it fits', async () => {
    const body = Buffer.from(JSON.stringify({ username: 'liga', password: 'wrong-password' }))
    const head = apiHead(host, { 'Content-Length': body.length, Expect: '100-continue', Connection: 'close' })
    const r = await socketExchange(host.port, head, body)
    expect(r.received).toContain('HTTP/1.1 100 Continue')
    expect(r.received).toMatch(/HTTP\/1\.1 200 OK[\s\S]*"ok":false/)
  })

  it('is cut off once it passes the drain cap instead of being read for ever', async () => {
    const capped = await startWebHost({
      backend: host.backend,
      maxBodyBytes: LIMIT,
      maxDrainBytes: 2 * LIMIT,
    })
    try {
      const body = oversized(40 * LIMIT)
      const r = await socketExchange(capped.port, apiHead(capped, { 'Content-Length': body.length }), body)
      // The client is still writing when the server gives up: it sees a reset, not a 40 MB read.
      expect(r.error).not.toBeNull()
      const after = await raw(capped.port, {
        method: 'POST',
        path: '/api/app.info',
        headers: {
          host: `127.0.0.1:${capped.port}`,
          authorization: `Bearer ${capped.token}`,
          'x-gasdesk-session': SESSION,
          'content-type': 'application/json',
        },
        body: '{}',
      })
      expect(after.status).toBe(200)
    } finally {
      await capped.close()
    }
  })
})

describe('slow bodies', () => {
  it('are capped in number: beyond the cap a slow uploader is refused at once with 503', async () => {
    const started = Date.now()
    const all = await Promise.all(
      Array.from({ length: 20 }, () => slowBody(strict.port, apiHead(strict, { 'Content-Length': 1000 }))),
    )
    const statuses = all.map((r) => statusOf(r.received))
    expect(statuses.filter((s) => s === 503)).toHaveLength(16)
    // The four that were let in are timed out, not held for minutes.
    expect(statuses.filter((s) => s === 408)).toHaveLength(4)
    expect(Date.now() - started).toBeLessThan(5_000)
    for (const r of all.filter((x) => statusOf(x.received) === 503)) {
      expect(r.received).toContain('"code":"UNAVAILABLE"')
    }
  })

  it('time out whether or not they carry the token (200 sockets close in seconds, not minutes)', async () => {
    const unauthenticated = [
      'POST /api/app.info HTTP/1.1',
      `Host: 127.0.0.1:${strict.port}`,
      'Content-Type: application/json',
      'Content-Length: 100000',
      '',
      '',
    ].join('\r\n')
    const started = Date.now()
    const all = await Promise.all(Array.from({ length: 200 }, () => slowBody(strict.port, unauthenticated)))
    expect(Math.max(...all.map((r) => r.closedAfterMs))).toBeLessThan(5_000)
    expect(Date.now() - started).toBeLessThan(6_000)
    // The host still answers afterwards.
    const ok = await raw(strict.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: {
        host: `127.0.0.1:${strict.port}`,
        authorization: `Bearer ${strict.token}`,
        'x-gasdesk-session': SESSION,
        'content-type': 'application/json',
      },
      body: '{}',
    })
    expect(ok.status).toBe(200)
  })

  it('answer a timed-out API call with the typed envelope', async () => {
    const r = await slowBody(strict.port, apiHead(strict, { 'Content-Length': 1000 }))
    expect(statusOf(r.received)).toBe(408)
    expect(r.received).toContain('"reason":"timeout"')
  })
})

describe('secrets in the browser shell', () => {
  it('go to the owner-only file beside the database (the weaker store, never the database)', () => {
    expect(host.backend.ctx.secrets?.protection).toBe('owner-only-file')
    host.backend.ctx.secrets!.set('sync.token', 'tok-browser')
    expect(host.backend.ctx.secrets!.get('sync.token')).toBe('tok-browser')
    host.backend.ctx.secrets!.delete('sync.token')
  })
})
