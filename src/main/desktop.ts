import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { DesktopPort } from '../backend/desktop'
import { logError } from '../backend/log'
import { printDocuments, type PrintDocuments } from './protocol'

/** The window dialogs are modal to (the agent's main window), or none before it exists. */
export type ParentWindow = () => BrowserWindow | null

/**
 * Loads the PDF in a hidden window through the app's own scheme (from memory: no temp file with the
 * customer's data, no file:// page) and shows the system print dialog for it (printer choice, copies).
 * Chromium prints the PDF viewer's pages since Electron 32. The window has no preload and no Node, is
 * sandboxed and isolated; plugins are on for Chromium's PDF viewer. The global web-contents guard
 * (window.ts) blocks new windows and navigation in it like everywhere else.
 */
async function printPdf(
  prints: PrintDocuments,
  pdf: Uint8Array,
  title: string,
): Promise<'printed' | 'cancelled' | 'failed'> {
  const doc = prints.add(pdf, title)
  const win = new BrowserWindow({
    show: false,
    width: 800,
    height: 1100,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      disableBlinkFeatures: 'Auxclick',
    },
  })
  try {
    await win.loadURL(doc.url)
    return await new Promise((resolve) => {
      win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        if (success) resolve('printed')
        // Electron reports a dismissed dialog as "cancelled" / "Print job canceled".
        else resolve(/cancel/i.test(failureReason) ? 'cancelled' : 'failed')
      })
    })
  } catch (e) {
    logError('print failed', e)
    return 'failed'
  } finally {
    if (!win.isDestroyed()) win.destroy()
    doc.release()
  }
}

export function electronDesktop(parent: ParentWindow, prints: PrintDocuments = printDocuments): DesktopPort {
  return {
    printPdf: (pdf, title) => printPdf(prints, pdf, title),
    async chooseSaveFile(defaultName, filter) {
      const options: SaveDialogOptions = {
        defaultPath: defaultName,
        filters: [filter ?? { name: 'PDF', extensions: ['pdf'] }],
      }
      const win = parent()
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
      return r.canceled || !r.filePath ? null : r.filePath
    },
    async chooseFolder() {
      const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] }
      const win = parent()
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0]
    },
  }
}
