import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, net, powerMonitor, protocol, session } from 'electron'
import type { Backend } from '../backend'
import { explain } from '../backend/host/explain'
import { electronDesktop } from './desktop'
import { appResourcesDir, startDesktopBackend } from './desktop-backend'
import { forwardEvents, registerCallHandler, WindowSessions } from './ipc'
import { APP_ENTRY, registerSchemePrivileges, serveRenderer } from './protocol'
import { electronSecretStore } from './secret-store'
import { electronSyncTransport } from './sync-transport'
import { createMainWindow, guardAllContents } from './window'

export interface MainPaths {
  /** out/preload/index.cjs — electron-vite builds the sandboxed preload as CommonJS. */
  preload: string
  rendererDir: string
  /** Demo customers generated when the database does not exist yet (tests use a handful). */
  firstRunCustomers?: number
}

export const defaultPaths = (): MainPaths => ({
  preload: join(__dirname, '../preload/index.cjs'),
  rendererDir: join(__dirname, '../renderer'),
})

export interface RunningMain {
  backend: Backend
  window: BrowserWindow
  windows: WindowSessions
  /** Closes the window's session and the database (what quitting does). */
  shutdown(): void
}

/** After 'ready': database, IPC, renderer protocol and the window. */
export async function startMain(paths: MainPaths = defaultPaths()): Promise<RunningMain> {
  const userData = app.getPath('userData')
  let mainWindow: BrowserWindow | null = null
  const backend = await startDesktopBackend({
    userData,
    resourcesDir: appResourcesDir({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      mainDir: __dirname,
    }),
    version: app.getVersion(),
    desktop: electronDesktop(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null)),
    secrets: electronSecretStore(userData),
    syncTransport: electronSyncTransport(net),
    ...(paths.firstRunCustomers !== undefined ? { firstRunCustomers: paths.firstRunCustomers } : {}),
  })
  // The page needs no permission (camera, notifications, geolocation, clipboard read, HID/USB/serial...):
  // refuse every request, answer every check "no" (checks are what feature detection and some APIs use
  // without asking), and grant no device.
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  serveRenderer(protocol, paths.rendererDir)

  const windows = new WindowSessions()
  registerCallHandler(ipcMain, backend, windows)
  const stopEvents = forwardEvents(backend, windows)

  // electron-vite dev serves the renderer over HTTP with hot reload; production uses the app scheme.
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  const window = createMainWindow(paths.preload, devUrl ?? APP_ENTRY)
  mainWindow = window
  const contentsId = window.webContents.id
  windows.add(window.webContents)
  window.on('closed', () => {
    const key = windows.remove(contentsId)
    if (key) backend.sessions.signOut(key)
  })

  // Sleep or a locked screen ends every session: whoever wakes the machine signs in again.
  const asleep = (): void => backend.workstationAsleep()
  powerMonitor.on('suspend', asleep)
  powerMonitor.on('lock-screen', asleep)

  let down = false
  return {
    backend,
    window,
    windows,
    shutdown() {
      if (down) return
      down = true
      powerMonitor.off('suspend', asleep)
      powerMonitor.off('lock-screen', asleep)
      stopEvents()
      backend.close()
    },
  }
}

/** The database could not be opened (newer version, damaged file, full disk...): say which file and why. */
function fatalMessage(e: unknown): string {
  return explain(e, 'lv')
}

/**
 * The whole Electron lifecycle: one instance, privileged scheme before ready, start, quit closes the
 * database. Returns the running app, or null when another instance already runs (it gets focused).
 */
export async function bootstrap(paths: MainPaths = defaultPaths()): Promise<RunningMain | null> {
  // userData becomes .../GasDesk, the same folder the browser shell defaults to.
  app.setName('GasDesk')
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return null
  }
  registerSchemePrivileges(protocol)
  guardAllContents(app)
  let running: RunningMain | null = null
  app.on('second-instance', () => {
    const win = running?.window
    if (!win || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.focus()
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => running?.shutdown())
  await app.whenReady()
  try {
    running = await startMain(paths)
  } catch (e) {
    dialog.showErrorBox('GasDesk', fatalMessage(e))
    app.exit(1)
    return null
  }
  return running
}
