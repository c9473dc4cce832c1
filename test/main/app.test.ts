import { existsSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fake, FakeBrowserWindow } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron)

const { bootstrap } = await import('../../src/main/app')
const { printDocuments } = await import('../../src/main/protocol')
const { electronSecretStore } = await import('../../src/main/secret-store')
const { appResourcesDir } = await import('../../src/main/resources')
const { CSP_NONCE_PLACEHOLDER, RENDERER_CSP, rendererCsp } = await import('../../src/backend/host/csp')
const { CALL_CHANNEL, EVENT_CHANNEL } = await import('../../src/preload/channels')

type Running = NonNullable<Awaited<ReturnType<typeof bootstrap>>>
let running: Running | null = null
let rendererDir: string

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-main-'))
  rendererDir = join(dir, 'renderer')
  mkdirSync(join(rendererDir, 'assets'), { recursive: true })
  writeFileSync(
    join(rendererDir, 'index.html'),
    `<!doctype html><title>GasDesk</title><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">`,
  )
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'not for the page')
  fake.reset(join(dir, 'userData'))
})

afterEach(() => {
  running?.shutdown()
  running = null
})

async function start(): Promise<Running> {
  running = await bootstrap({ preload: '/app/out/preload/index.cjs', rendererDir, firstRunCustomers: 5 })
  expect(running).not.toBeNull()
  return running!
}

const call = (event: unknown, method: unknown, input?: unknown) =>
  fake.state.handlers.get(CALL_CHANNEL)!(event, method, input) as Promise<unknown>

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of the renderer, and loads the app scheme', async () => {
    const app = await start()
    const win = app.window as unknown as FakeBrowserWindow
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(prefs).not.toHaveProperty('enableRemoteModule')
    expect(win.loadedUrl).toBe('gasdesk://app/index.html')
  })

  const expectHardened = (contents: FakeBrowserWindow['webContents']) => {
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      contents.emit(name, event, 'https://evil.example/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
  }

  it('blocks new windows, navigation and webviews in the main window', async () => {
    const app = await start()
    expectHardened((app.window as unknown as FakeBrowserWindow).webContents)
  })

  it('hardens every webContents created later too (global web-contents-created guard)', async () => {
    await start()
    // e.g. the print window, a PDF viewer guest, or a window some future change opens.
    const later = new FakeBrowserWindow({})
    expectHardened(later.webContents)
  })

  it('refuses every permission request, answers every permission check no, grants no device', async () => {
    await start()
    const answer = vi.fn()
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      fake.state.permissionHandler!(null, p, answer)
      expect(fake.state.permissionCheckHandler!(null, p, 'gasdesk://app', {}), p).toBe(false)
    }
    expect(answer.mock.calls.every(([ok]) => ok === false)).toBe(true)
    expect(fake.state.devicePermissionHandler!({ deviceType: 'usb' })).toBe(false)
  })

  it('uses one CSP in both shells, with no inline script or style', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'")
    expect(RENDERER_CSP).toContain("object-src 'none'")
    expect(RENDERER_CSP).toContain("style-src 'self';")
    expect(rendererCsp('abc')).toContain("style-src 'self' 'nonce-abc'")
    expect(rendererCsp('abc')).not.toContain('unsafe-inline')
  })
})

describe('renderer protocol', () => {
  it('registers a privileged, standard app scheme before ready', async () => {
    await start()
    expect(fake.state.privileged).toEqual([
      { scheme: 'gasdesk', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves renderer files with the CSP, falls back to index.html for routes, and never leaves the folder', async () => {
    await start()
    const get = (url: string) => fake.state.protocolHandlers.get('gasdesk')!({ url })
    const index = await get('gasdesk://app/index.html')
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await index.text()
    const nonce = /nonce="([^"]+)"/.exec(page)![1]
    expect(nonce).not.toBe(CSP_NONCE_PLACEHOLDER)
    expect(index.headers.get('content-security-policy')).toBe(rendererCsp(nonce))
    const js = await get('gasdesk://app/assets/app.js')
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await js.text()).toBe('console.log(1)')
    expect(await (await get('gasdesk://app/customers/42')).text()).toContain('<title>GasDesk</title>')
    for (const url of [
      'gasdesk://app/..%2fsecret.txt',
      'gasdesk://app/%2e%2e/secret.txt',
      'gasdesk://other/index.html',
    ]) {
      const res = await get(url)
      expect(res.status, url).toBe(404)
    }
    expect((await get('gasdesk://app/missing.js')).status).toBe(404)
  })
})

describe('IPC wiring', () => {
  it('dispatches calls from our window and answers with envelopes', async () => {
    const app = await start()
    const win = app.window as unknown as FakeBrowserWindow
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    expect(await call(event, 'session.current', {})).toEqual({ ok: true, value: null })
    const signIn = (await call(event, 'session.signIn', { username: 'janis', password: 'janis-demo' })) as {
      ok: boolean
      value: { agent: { role: string } }
    }
    expect(signIn.ok).toBe(true)
    expect(signIn.value.agent.role).toBe('supervisor')
    expect(await call(event, 'app.info', {})).toMatchObject({ ok: true, value: { shell: 'electron' } })
    expect(await call(event, 'nope', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', messageKey: 'errors.UNKNOWN_METHOD', details: { method: 'nope' } },
    })
  })

  it('refuses senders that are not our window or its top frame, and method names that are not strings', async () => {
    const app = await start()
    const win = app.window as unknown as FakeBrowserWindow
    const stranger = new FakeBrowserWindow({})
    const forbidden = {
      ok: false,
      error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { reason: 'sender' } },
    }
    expect(
      await call({ sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame }, 'app.info'),
    ).toEqual(forbidden)
    expect(await call({ sender: win.webContents, senderFrame: { name: 'pdf-preview' } }, 'app.info')).toEqual(
      forbidden,
    )
    expect(await call({ sender: { id: win.webContents.id }, senderFrame: null }, 'app.info')).toEqual(
      forbidden,
    )
    for (const bad of [42, null, { toString: () => 'app.info' }, ['app.info']]) {
      expect(await call({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, bad)).toEqual({
        ok: false,
        error: { code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'method-name' } },
      })
    }
  })

  it('forwards a session event to its own window only, and signs the window out when it closes', async () => {
    const app = await start()
    const win = app.window as unknown as FakeBrowserWindow
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
    await call(event, 'session.signIn', { username: 'liga', password: 'liga-demo' })
    app.backend.events.emit('session.locked', { reason: 'manual' }, 'ipc:some-other-window')
    expect(win.webContents.sent).toEqual([])
    await call(event, 'session.lock', {})
    expect(win.webContents.sent).toEqual([
      { channel: EVENT_CHANNEL, args: ['session.locked', { reason: 'manual' }] },
    ])
    const key = `ipc:${win.webContents.id}`
    expect(app.backend.sessions.get(key)).not.toBeNull()
    win.close()
    expect(app.backend.sessions.get(key)).toBeNull()
  })
})

describe('lifecycle', () => {
  it('names the app GasDesk (shared user-data folder) and closes the database on quit', async () => {
    const app = await start()
    expect(fake.app.getName()).toBe('GasDesk')
    fake.app.emit('will-quit')
    expect(app.backend.ctx.db.open).toBe(false)
    fake.app.emit('window-all-closed')
    expect(fake.app.quitCalled).toBe(true)
  })

  it('creates and seeds the database in the user-data folder on first run only', async () => {
    const app = await start()
    const count = () =>
      (app.backend.ctx.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n
    expect(count()).toBe(5)
    expect(app.backend.ctx.db.name).toBe(join(fake.state.userData, 'gasdesk.sqlite'))
    app.shutdown()
    fake.reset(fake.state.userData)
    const again = await start()
    expect(
      (again.backend.ctx.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n,
    ).toBe(5)
  })

  it('quits at once when another instance holds the lock', async () => {
    fake.state.singleInstance = false
    expect(await bootstrap({ preload: '/p', rendererDir, firstRunCustomers: 5 })).toBeNull()
    expect(fake.app.quitCalled).toBe(true)
    expect(FakeBrowserWindow.all).toHaveLength(0)
  })

  it('refuses a database from a newer GasDesk with a clear message and leaves the file alone', async () => {
    const userData = fake.state.userData
    mkdirSync(userData, { recursive: true })
    const file = join(userData, 'gasdesk.sqlite')
    const db = new Database(file)
    db.pragma('user_version = 999')
    db.close()
    expect(await bootstrap({ preload: '/p', rendererDir, firstRunCustomers: 5 })).toBeNull()
    expect(fake.state.exitCode).toBe(1)
    expect(fake.state.errorBoxes).toHaveLength(1)
    expect(fake.state.errorBoxes[0].content).toContain('999')
    const after = new Database(file, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(999)
    after.close()
  })
})

describe('print documents through the app scheme', () => {
  it('serves a PDF under its random id from memory until released, with no CSP and no file', async () => {
    await start()
    const get = (url: string) => fake.state.protocolHandlers.get('gasdesk')!({ url })
    const pdf = Buffer.from('%PDF-1.7\n%%EOF\n')
    const doc = printDocuments.add(pdf, 'GD-2026-000123')
    expect(doc.url).toMatch(/^gasdesk:\/\/print\/[0-9a-f]{32}\/GD-2026-000123\.pdf$/)
    const res = await get(doc.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-security-policy')).toBeNull()
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true)
    // Another id, a guessed one, or the same after release: nothing.
    for (const url of [
      doc.url.replace(/\/[0-9a-f]{32}\//, `/${'0'.repeat(32)}/`),
      'gasdesk://print/../app/index.html',
      'gasdesk://print/',
    ]) {
      expect((await get(url)).status, url).toBe(404)
    }
    doc.release()
    expect((await get(doc.url)).status).toBe(404)
  })
})

describe('the desktop secret store (safeStorage)', () => {
  it('keeps only ciphertext on disk and reads its values back', async () => {
    const store = electronSecretStore(fake.state.userData)
    expect(store.protection).toBe('os-encryption')
    store.set('sync.token', 'tok-SECRET-1234567890')
    const onDisk = readFileSync(join(fake.state.userData, 'secrets.json'), 'utf8')
    expect(onDisk).not.toContain('tok-SECRET-1234567890')
    expect(onDisk).not.toContain(Buffer.from('tok-SECRET-1234567890').toString('base64'))
    expect(electronSecretStore(fake.state.userData).get('sync.token')).toBe('tok-SECRET-1234567890')
    if (process.platform !== 'win32') {
      expect(statSync(join(fake.state.userData, 'secrets.json')).mode & 0o777).toBe(0o600)
    }
    store.delete('sync.token')
    expect(store.get('sync.token')).toBeNull()
  })

  it('refuses to store anything when the OS offers no encryption, and writes no file', async () => {
    const store = electronSecretStore(fake.state.userData)
    fake.state.encryptionAvailable = false
    expect(() => store.set('sync.enrolment', 'enrol-123')).toThrow(
      expect.objectContaining({ reason: 'encryption-unavailable' }),
    )
    expect(existsSync(join(fake.state.userData, 'secrets.json'))).toBe(false)
  })

  it.runIf(process.platform === 'linux')("refuses Linux's basic_text backend (a hard-coded key)", () => {
    fake.state.storageBackend = 'basic_text'
    expect(() => electronSecretStore(fake.state.userData).set('sync.token', 't')).toThrow(
      expect.objectContaining({ reason: 'weak-encryption' }),
    )
  })

  it('is what the backend gets in the desktop shell', async () => {
    const app = await start()
    expect(app.backend.ctx.secrets?.protection).toBe('os-encryption')
  })
})

describe('resources in development and in the packaged layout', () => {
  it('reads them beside app.asar when packaged, from the repository in development', async () => {
    expect(
      appResourcesDir({ isPackaged: true, resourcesPath: '/opt/GasDesk/resources', mainDir: '/x' }),
    ).toBe(join('/opt/GasDesk/resources', 'resources'))
    const repo = join(__dirname, '../..')
    const dev = appResourcesDir({
      isPackaged: false,
      resourcesPath: '/ignored',
      mainDir: join(repo, 'out/main'),
    })
    expect(dev).toBe(join(repo, 'resources'))
    expect(existsSync(join(dev, 'fonts', 'DejaVuSans.ttf'))).toBe(true)
  })
})
