import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'

/**
 * A stand-in for the parts of electron that main and preload touch, wired together the way Electron
 * wires them: ipcRenderer.invoke reaches the ipcMain.handle handler with a sender event, and arguments
 * and results pass through structuredClone like real IPC. Tests mock 'electron' with `fakeElectron`.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown
type Listener = (event: unknown, ...args: unknown[]) => void

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly mainFrame = { name: 'main' }
  destroyed = false
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: { channel: string; args: unknown[] }[] = []
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h
  }
  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args)
    this.sent.push({ channel, args: cloned })
    for (const l of [...(state.rendererListeners.get(channel) ?? [])]) l({ sender: null }, ...cloned)
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedUrl: string | null = null
  destroyed = false
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.all.push(this)
    // Electron announces every new webContents on the app before anything is loaded into it.
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  close(): void {
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
  }
}

const state = {
  userData: '',
  singleInstance: true,
  handlers: new Map<string, Handler>(),
  rendererListeners: new Map<string, Set<Listener>>(),
  exposed: {} as Record<string, unknown>,
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  privileged: [] as unknown[],
  permissionHandler: null as null | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheckHandler: null as
    null | ((c: unknown, p: string, origin: string, details: unknown) => boolean),
  devicePermissionHandler: null as null | ((details: unknown) => boolean),
  /** safeStorage: whether the OS offers encryption, and which Linux backend it picked. */
  encryptionAvailable: true,
  storageBackend: 'gnome_libsecret',
  errorBoxes: [] as { title: string; content: string }[],
  exitCode: null as number | null,
  /** The webContents ipcRenderer.invoke speaks for (the window the preload runs in). */
  invokeAs: null as null | (() => { sender: unknown; senderFrame: unknown }),
  /** What went through net.fetch (Chromium's network stack in Electron; Node's fetch here). */
  netFetches: [] as { url: string; init: RequestInit & { bypassCustomProtocolHandlers?: boolean } }[],
}

class FakeApp extends EventEmitter {
  name = 'gasdesk'
  isPackaged = false
  quitCalled = false
  setName(n: string): void {
    this.name = n
  }
  getName(): string {
    return this.name
  }
  getVersion(): string {
    return '0.1.0'
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app.getPath(${name}) not supported`)
    return state.userData
  }
  requestSingleInstanceLock(): boolean {
    return state.singleInstance
  }
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  quit(): void {
    this.quitCalled = true
  }
  exit(code: number): void {
    state.exitCode = code
  }
}

const app = new FakeApp()
const OS_KEY = randomBytes(32)
/** Emits 'suspend', 'resume', 'lock-screen' when a test says so. */
const powerMonitor = new EventEmitter()

export const fakeElectron = {
  app,
  powerMonitor,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: {
    handle(channel: string, handler: Handler): void {
      if (state.handlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`)
      state.handlers.set(channel, handler)
    },
  },
  ipcRenderer: {
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const h = state.handlers.get(channel)
      if (!h) throw new Error(`No handler registered for '${channel}'`)
      if (!state.invokeAs) throw new Error('fake ipcRenderer has no window to speak for')
      return structuredClone(await h(state.invokeAs(), ...structuredClone(args)))
    },
    on(channel: string, l: Listener): void {
      const set = state.rendererListeners.get(channel) ?? new Set<Listener>()
      state.rendererListeners.set(channel, set)
      set.add(l)
    },
    removeListener(channel: string, l: Listener): void {
      state.rendererListeners.get(channel)?.delete(l)
    },
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      state.exposed[key] = api
    },
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      state.privileged.push(...schemes)
    },
    handle(scheme: string, h: (request: { url: string }) => Promise<Response>): void {
      state.protocolHandlers.set(scheme, h)
    },
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler(h: (c: unknown, p: string, cb: (ok: boolean) => void) => void): void {
        state.permissionHandler = h
      },
      setPermissionCheckHandler(
        h: (c: unknown, p: string, origin: string, details: unknown) => boolean,
      ): void {
        state.permissionCheckHandler = h
      },
      setDevicePermissionHandler(h: (details: unknown) => boolean): void {
        state.devicePermissionHandler = h
      },
    },
  },
  /**
   * Stands in for the OS key store (DPAPI / Keychain / libsecret) that Electron's safeStorage uses: real
   * AES-256-GCM under a key that lives only in this process, so ciphertext is ciphertext.
   */
  safeStorage: {
    isEncryptionAvailable: (): boolean => state.encryptionAvailable,
    getSelectedStorageBackend: (): string => state.storageBackend,
    encryptString(plain: string): Buffer {
      if (!state.encryptionAvailable) throw new Error('Encryption is not available.')
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', OS_KEY, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return Buffer.concat([iv, c.getAuthTag(), body])
    },
    decryptString(sealed: Buffer): string {
      if (!state.encryptionAvailable) throw new Error('Decryption is not available.')
      const d = createDecipheriv('aes-256-gcm', OS_KEY, sealed.subarray(0, 12))
      d.setAuthTag(sealed.subarray(12, 28))
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8')
    },
  },
  net: {
    fetch(
      url: string,
      init: RequestInit & { bypassCustomProtocolHandlers?: boolean } = {},
    ): Promise<Response> {
      state.netFetches.push({ url, init })
      const { bypassCustomProtocolHandlers: _bypass, ...rest } = init
      return fetch(url, rest)
    },
  },
  dialog: {
    showErrorBox(title: string, content: string): void {
      state.errorBoxes.push({ title, content })
    },
  },
}

export const fake = {
  state,
  app,
  powerMonitor,
  /** Fresh state for a test file: new user-data folder, no handlers, no windows. */
  reset(userData: string): void {
    state.userData = userData
    state.singleInstance = true
    state.handlers.clear()
    state.rendererListeners.clear()
    state.exposed = {}
    state.protocolHandlers.clear()
    state.privileged = []
    state.permissionHandler = null
    state.permissionCheckHandler = null
    state.devicePermissionHandler = null
    state.encryptionAvailable = true
    state.storageBackend = 'gnome_libsecret'
    state.errorBoxes = []
    state.exitCode = null
    state.invokeAs = null
    FakeBrowserWindow.all = []
    app.removeAllListeners()
    powerMonitor.removeAllListeners()
    app.quitCalled = false
  },
  /** Makes ipcRenderer.invoke come from this window's top frame (what the real preload would do). */
  speakAs(win: FakeBrowserWindow, frame: unknown = win.webContents.mainFrame): void {
    state.invokeAs = () => ({ sender: win.webContents, senderFrame: frame })
  },
}
