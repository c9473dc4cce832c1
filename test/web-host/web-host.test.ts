import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createHttpClient } from '../../src/renderer/api/http-client'
import { CSP_NONCE_PLACEHOLDER, RENDERER_CSP, rendererCsp } from '../../src/backend/host/csp'
import { FIRST_RUN_CUSTOMERS } from '../../src/backend/host/first-run'
import { startWebHost, type WebHost } from '../../src/web-host/server'
import { FetchEventSource } from '../contract/event-source'
import { raw } from './raw'

let dir: string
let host: WebHost
const SESSION = 'tab-aaaaaaaaaaaaaaaaaaaa'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gasdesk-webhost-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(
    join(renderer, 'index.html'),
    `<!doctype html><title>GasDesk</title><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">`,
  )
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {}')
  writeFileSync(join(renderer, 'assets', 'app.css'), 'body{}')
  writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET')
  host = await startWebHost({
    dbFile: join(dir, 'gasdesk.sqlite'),
    rendererDir: renderer,
    maxBodyBytes: 1024 * 1024,
  })
})

afterAll(async () => {
  for (const es of FetchEventSource.instances) es.close()
  await host.close()
})

const api = (method: string, body: string, headers: Record<string, string> = {}) =>
  raw(host.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: {
      host: `127.0.0.1:${host.port}`,
      authorization: `Bearer ${host.token}`,
      'x-gasdesk-session': SESSION,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  })

const envelope = (body: string) =>
  JSON.parse(body) as { ok: boolean; error?: { code: string; details?: unknown } }

describe('token', () => {
  it('is 32 random bytes in base64url', () => {
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('is required on every API call: missing or wrong -> 401 with a typed error', async () => {
    for (const authorization of ['', 'Bearer', `Bearer ${host.token}x`, `Basic ${host.token}`, host.token]) {
      const res = await api('app.info', '{}', { authorization })
      expect(res.status, authorization).toBe(401)
      expect(envelope(res.body)).toEqual({
        ok: false,
        error: {
          code: 'UNAUTHENTICATED',
          messageKey: 'errors.UNAUTHENTICATED',
          details: { reason: 'token' },
        },
      })
    }
    const ok = await api('app.info', '{}')
    expect(ok.status).toBe(200)
    expect(envelope(ok.body).ok).toBe(true)
  })

  it('is required for the event stream as ?token=', async () => {
    const base = `/api/events?session=${SESSION}`
    for (const path of [base, `${base}&token=wrong`]) {
      const res = await raw(host.port, { path, headers: { host: `127.0.0.1:${host.port}` } })
      expect(res.status).toBe(401)
      expect(res.headers['content-type']).toContain('application/json')
    }
  })
})

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  it('refuses any Host but 127.0.0.1:PORT or localhost:PORT, for the API and the files', async () => {
    for (const h of [
      'evil.example',
      `evil.example:${host.port}`,
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
      `[::1]:${host.port}`,
    ]) {
      const res = await api('app.info', '{}', { host: h })
      expect(res.status, h).toBe(403)
      expect(envelope(res.body).error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'host' } })
      expect((await raw(host.port, { path: '/', headers: { host: h } })).status).toBe(403)
    }
    expect((await api('app.info', '{}', { host: `localhost:${host.port}` })).status).toBe(200)
  })

  it('refuses a foreign Origin and accepts our own', async () => {
    for (const origin of [
      'http://evil.example',
      `http://localhost:${host.port}`,
      'null',
      `https://127.0.0.1:${host.port}`,
    ]) {
      const res = await api('app.info', '{}', { origin })
      expect(res.status, origin).toBe(403)
      expect(envelope(res.body).error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'origin' } })
    }
    expect((await api('app.info', '{}', { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200)
  })

  it('listens on 127.0.0.1 only', async () => {
    const reachable = (address: string) =>
      new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: host.port })
        s.once('connect', () => {
          s.destroy()
          resolve(true)
        })
        s.once('error', () => resolve(false))
      })
    expect(await reachable('127.0.0.1')).toBe(true)
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal)
      .map((i) => i!.address)
    for (const address of ['::1', ...others]) expect(await reachable(address), address).toBe(false)
  })
})

describe('requests', () => {
  it('caps the body size with 413', async () => {
    const big = JSON.stringify({ username: 'x'.repeat(2 * 1024 * 1024), password: 'p' })
    const res = await api('session.signIn', big)
    expect(res.status).toBe(413)
    expect(envelope(res.body).error).toMatchObject({ code: 'VALIDATION', details: { reason: 'too-large' } })
  })

  it('answers non-JSON with a typed VALIDATION error', async () => {
    const bad = await api('session.signIn', '{"username":')
    expect(bad.status).toBe(400)
    expect(envelope(bad.body).error).toMatchObject({ code: 'VALIDATION', details: { reason: 'json' } })
    const form = await api('session.signIn', 'username=liga', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(400)
    expect(envelope(form.body).error).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'content-type' },
    })
  })

  it('accepts only POST for methods', async () => {
    const res = await raw(host.port, {
      path: '/api/app.info',
      headers: {
        host: `127.0.0.1:${host.port}`,
        authorization: `Bearer ${host.token}`,
        'x-gasdesk-session': SESSION,
      },
    })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('POST')
    expect(envelope(res.body).ok).toBe(false)
  })

  it('needs a well-formed per-tab session id', async () => {
    for (const s of ['', 'short', 'x'.repeat(200), 'has spaces in it ok?']) {
      const res = await api('app.info', '{}', { 'x-gasdesk-session': s })
      expect(res.status, s).toBe(400)
      expect(envelope(res.body).error).toMatchObject({
        code: 'VALIDATION',
        details: { reason: 'session-id' },
      })
    }
  })

  it('keeps each tab its own session', async () => {
    const a = createHttpClient({ baseUrl: host.url, token: host.token })
    const b = createHttpClient({ baseUrl: host.url, token: host.token })
    await a.call('session.signIn', { username: 'liga', password: 'liga-demo' })
    expect((await a.call('session.current', {}))?.agent.username).toBe('liga')
    expect(await b.call('session.current', {})).toBeNull()
  })
})

describe('events over server-sent events', () => {
  it('streams a session event to that tab only', async () => {
    const mine = createHttpClient({ baseUrl: host.url, token: host.token, EventSource: FetchEventSource })
    const other = createHttpClient({ baseUrl: host.url, token: host.token, EventSource: FetchEventSource })
    const got: Record<string, unknown[]> = { mine: [], other: [] }
    mine.on('session.locked', (p) => got.mine.push(p))
    await FetchEventSource.instances.at(-1)!.ready
    other.on('session.locked', (p) => got.other.push(p))
    await FetchEventSource.instances.at(-1)!.ready
    await mine.call('session.signIn', { username: 'olga', password: 'olga-demo' })
    await mine.call('session.lock', {})
    await vi.waitFor(() => expect(got.mine).toEqual([{ reason: 'manual' }]), { timeout: 5000 })
    // An unaddressed event (null session) reaches everyone, and proves the other stream is live.
    host.backend.events.emit('session.locked', { reason: 'inactivity' }, null)
    await vi.waitFor(() => expect(got.other).toEqual([{ reason: 'inactivity' }]), { timeout: 5000 })
  })
})

describe('static renderer', () => {
  const get = (path: string) => raw(host.port, { path, headers: { host: `127.0.0.1:${host.port}` } })

  it('serves files with their content types and a strict CSP', async () => {
    const index = await get('/')
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    // The page gets a fresh style nonce in its body and its policy; no inline style is allowed otherwise.
    const nonce = /nonce="([^"]+)"/.exec(index.body)![1]
    expect(nonce).not.toBe(CSP_NONCE_PLACEHOLDER)
    expect(index.headers['content-security-policy']).toBe(rendererCsp(nonce))
    expect(index.headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(index.headers['cache-control']).toBe('no-store')
    expect(/nonce="([^"]+)"/.exec((await get('/')).body)![1]).not.toBe(nonce)
    expect((await get('/assets/app.js')).headers['content-security-policy']).toBe(RENDERER_CSP)
    expect(index.headers['x-frame-options']).toBe('DENY')
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await get('/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('falls back to index.html for app routes but not for missing assets', async () => {
    expect((await get('/customers/123')).body).toContain('<title>GasDesk</title>')
    expect((await get('/assets/missing.js')).status).toBe(404)
  })

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
    ]) {
      const res = await get(path)
      expect(res.body, path).not.toContain('TOP SECRET')
    }
  })
})

describe('command line entry', () => {
  it('prints one ready line, serves, and on SIGTERM closes the server and the database', async () => {
    // No --db: the default database in the user-data folder, created on first run (a named --db must exist).
    const db = join(dir, 'cli', 'GasDesk', 'gasdesk.sqlite')
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/web-host/index.ts', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: join(dir, 'cli'), APPDATA: join(dir, 'cli') },
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    await vi.waitFor(() => expect(out).toContain('\n'), { timeout: 30_000, interval: 100 })
    const m = /^GasDesk browser shell: http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})\n$/.exec(out)
    expect(m, out).not.toBeNull()
    const client = createHttpClient({ baseUrl: `http://127.0.0.1:${m![1]}`, token: m![2] })
    expect((await client.call('app.info', {})).shell).toBe('browser')
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(out.trim().split('\n')).toHaveLength(1)
    // A clean close checkpoints and removes the WAL file.
    expect(existsSync(`${db}-wal`)).toBe(false)
    // First run: the file was created and filled with the demo data.
    const seeded = new Database(db, { readonly: true })
    expect((seeded.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(
      FIRST_RUN_CUSTOMERS,
    )
    seeded.close()
  })
})
