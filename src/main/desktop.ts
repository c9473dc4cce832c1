import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import type { DesktopPort } from '../backend/desktop'
import { hardenContents } from './window'

/** The window dialogs are modal to (the agent's main window), or none before it exists. */
export type ParentWindow = () => BrowserWindow | null

/** A hidden window for the PDF: no preload, no Node, sandboxed; plugins on for Chromium's PDF viewer. */
export const printWindowOptions = {
  show: false,
  width: 800,
  height: 1100,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    plugins: true,
  },
} as const

/**
 * Loads the PDF (written to a private temp file) in a hidden window and shows the system print dialog
 * for it (printer choice, copies). Chromium prints the PDF viewer's pages since Electron 32.
 */
async function printPdf(pdf: Uint8Array, title: string): Promise<'printed' | 'cancelled' | 'failed'> {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-print-'))
  const file = join(dir, `${title.replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'document'}.pdf`)
  writeFileSync(file, pdf, { mode: 0o600 })
  const win = new BrowserWindow(printWindowOptions)
  hardenContents(win.webContents)
  try {
    await win.loadURL(pathToFileURL(file).href)
    return await new Promise((resolve) => {
      win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        if (success) resolve('printed')
        // Electron reports a dismissed dialog as "cancelled" / "Print job canceled".
        else resolve(/cancel/i.test(failureReason) ? 'cancelled' : 'failed')
      })
    })
  } catch (e) {
    console.error('[gasdesk] print failed', e)
    return 'failed'
  } finally {
    if (!win.isDestroyed()) win.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function electronDesktop(parent: ParentWindow): DesktopPort {
  return {
    printPdf,
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
