import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createEnrolCode } from '../../src/central/admin/accounts'
import { CSP_NONCE_PLACEHOLDER } from '../../src/backend/host/csp'
import { enrolDesk } from '../../src/backend/sync/client'
import { electronSyncTransport } from '../../src/main/sync-transport'
import { fake, fakeElectron } from '../main/fake-electron'
import { listen, world, type Running, type World } from './support/harness'

vi.mock('electron', async () => (await import('../main/fake-electron')).fakeElectron)

const { bootstrap } = await import('../../src/main/app')

/**
 * Issue 9 §5: the desktop shell's sync client goes out through Electron's net.fetch — Chromium's network
 * stack, so the workstation's proxy and certificate store apply — with no cookies, and only to http(s).
 */
describe('the desktop shell reaches the central through net.fetch', () => {
  let dir: string
  let rendererDir: string
  const started: { shutdown(): void }[] = []
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gasdesk-shell-sync-'))
    rendererDir = join(dir, 'renderer')
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(
      join(rendererDir, 'index.html'),
      `<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">`,
    )
  })
  afterEach(() => {
    for (const s of started.splice(0)) s.shutdown()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const start = async () => {
    const running = await bootstrap({
      preload: '/app/out/preload/index.cjs',
      rendererDir,
      firstRunCustomers: 3,
    })
    expect(running).not.toBeNull()
    started.push(running!)
    return running!
  }

  it('passes http(s) calls to net.fetch without cookies or the app scheme, and refuses any other scheme', async () => {
    const server: Server = createServer((req, res) =>
      res.end(`${req.method} ${req.url} ${req.headers.cookie ?? ''}`),
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sync/v1/enrol`
      fake.state.netFetches = []
      const transport = electronSyncTransport(fakeElectron.net)
      const res = await transport(url, { method: 'POST', body: '{}' })
      expect(await res.text()).toBe('POST /sync/v1/enrol ')
      expect(fake.state.netFetches).toEqual([
        {
          url,
          init: expect.objectContaining({
            method: 'POST',
            credentials: 'omit',
            bypassCustomProtocolHandlers: true,
          }),
        },
      ])
      for (const bad of [
        'file:///etc/passwd',
        'gasdesk://app/index.html',
        'javascript:alert(1)',
        'ftp://central/',
      ]) {
        await expect(transport(bad, {})).rejects.toThrow(TypeError)
      }
      expect(fake.state.netFetches).toHaveLength(1)
    } finally {
      server.close()
    }
  })

  describe('an enrolled desktop desk', () => {
    let w: World
    let central: Running
    beforeAll(async () => {
      w = await world('pglite', 4)
      central = await listen(w.sql, join(dir, 'blobs'), { now: w.clock.now })
    })
    afterAll(async () => {
      await central?.stop()
      await w?.close()
    })

    it('syncs in the background from the start, every call through net.fetch', async () => {
      fake.reset(join(dir, 'userData'))
      const first = await start()
      const { code } = await createEnrolCode(w.sql, 'C1', 'W-shell', w.clock.ms)
      await enrolDesk(
        first.backend.ctx.db,
        first.backend.ctx.secrets!,
        electronSyncTransport(fakeElectron.net),
        central.url,
        code,
      )
      first.shutdown()
      // The next start of the app finds the workstation enrolled and its token in safeStorage.
      fake.reset(join(dir, 'userData'))
      fake.state.netFetches = []
      const app = await start()
      expect(app.backend.ctx.sync).toBeDefined()
      await vi.waitFor(
        () => expect(fake.state.netFetches.some((f) => f.url.includes('/sync/v1/pull'))).toBe(true),
        { timeout: 30_000, interval: 100 },
      )
      expect(fake.state.netFetches.every((f) => f.url.startsWith(central.url))).toBe(true)
      expect(fake.state.netFetches.every((f) => f.init.credentials === 'omit')).toBe(true)
      const { n } = (
        await w.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM workstations WHERE name = 'W-shell'")
      )[0]
      expect(n).toBe(1)
    })
  })
})
