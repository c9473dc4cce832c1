import { BrowserWindow, type App, type WebContents } from 'electron'

/**
 * No new windows, no navigation away from the page we loaded, no <webview>. Installed for every
 * webContents Electron creates (app 'web-contents-created'): our windows, the print window, the PDF
 * viewer inside it and anything a future change adds.
 */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Must be installed before the first window: every new webContents is hardened as it is created. */
export function guardAllContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
}

/**
 * The renderer is untrusted content as far as main is concerned: isolated, sandboxed, no Node. The
 * options are written out here, at the constructor, so a reader (and Electronegativity) sees them.
 */
export function createMainWindow(preload: string, url: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'GasDesk',
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise try to open links in a new window (denied anyway, see hardenContents).
      disableBlinkFeatures: 'Auxclick',
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
