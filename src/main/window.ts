import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron'

/** The renderer is untrusted content as far as main is concerned: isolated, sandboxed, no Node. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
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
    },
  }
}

/** No new windows, no navigation away from the app, no <webview>: the page stays the page we loaded. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function createMainWindow(preload: string, url: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preload))
  hardenContents(win.webContents)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(url)
  return win
}
