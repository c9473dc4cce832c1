import { readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { beforeEach, describe, expect, it, vi } from 'vitest'

/** The few electron parts src/main/desktop.ts uses: a window that loads a URL and prints, and dialogs. */
const electron = vi.hoisted(() => {
  const state = {
    windows: [] as Array<{
      options: unknown
      url: string | null
      bytesAtLoad: Buffer | null
      printOptions: unknown
      destroyed: boolean
    }>,
    printAnswer: [true, ''] as [boolean, string],
    saveAnswer: { canceled: false, filePath: '/home/agent/GD-2026-000001.pdf' } as {
      canceled: boolean
      filePath?: string
    },
    openAnswer: { canceled: false, filePaths: ['/home/agent/batch'] },
    dialogCalls: [] as Array<{ kind: string; parent: unknown; options: unknown }>,
  }
  return { state }
})

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events')
  const { printDocuments: prints } = await import('../../src/main/protocol')
  class FakeContents extends EventEmitter {
    constructor(private rec: (typeof electron.state.windows)[number]) {
      super()
    }
    setWindowOpenHandler(): void {}
    print(options: unknown, cb: (success: boolean, reason: string) => void): void {
      this.rec.printOptions = options
      const [ok, reason] = electron.state.printAnswer
      setImmediate(() => cb(ok, reason))
    }
  }
  class BrowserWindow {
    private rec: (typeof electron.state.windows)[number]
    webContents: FakeContents
    constructor(options: unknown) {
      this.rec = { options, url: null, bytesAtLoad: null, printOptions: null, destroyed: false }
      electron.state.windows.push(this.rec)
      this.webContents = new FakeContents(this.rec)
    }
    /** What Electron does: ask the protocol handler for gasdesk:// URLs (anything else would fail). */
    async loadURL(url: string): Promise<void> {
      this.rec.url = url
      const res = prints.response(url)
      if (res.status !== 200) throw new Error(`ERR_FILE_NOT_FOUND ${url}`)
      this.rec.bytesAtLoad = Buffer.from(await res.arrayBuffer())
    }
    isDestroyed(): boolean {
      return this.rec.destroyed
    }
    destroy(): void {
      this.rec.destroyed = true
    }
  }
  const dialog = {
    async showSaveDialog(...args: unknown[]) {
      const [parent, options] = args.length === 2 ? args : [null, args[0]]
      electron.state.dialogCalls.push({ kind: 'save', parent, options })
      return electron.state.saveAnswer
    },
    async showOpenDialog(...args: unknown[]) {
      const [parent, options] = args.length === 2 ? args : [null, args[0]]
      electron.state.dialogCalls.push({ kind: 'open', parent, options })
      return electron.state.openAnswer
    },
  }
  return { BrowserWindow, dialog }
})

const { electronDesktop } = await import('../../src/main/desktop')
const { printDocuments } = await import('../../src/main/protocol')
const printTemps = () => readdirSync(tmpdir()).filter((f) => f.startsWith('gasdesk-print-'))

const PDF = Buffer.from('%PDF-1.7\n% a stand-in page for the print window\n%%EOF\n')

beforeEach(() => {
  electron.state.windows = []
  electron.state.dialogCalls = []
  electron.state.printAnswer = [true, '']
})

describe('print dialog for a PDF', () => {
  it('loads the bytes through the app scheme in a hidden sandboxed window and shows the system dialog', async () => {
    const before = printTemps()
    const desktop = electronDesktop(() => null)
    expect(await desktop.printPdf(PDF, 'GD-2026-000123')).toBe('printed')
    const [win] = electron.state.windows
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    })
    expect(win.options).not.toHaveProperty('webPreferences.preload')
    // The app's own scheme, not file://: no temp file with personal data is ever written.
    expect(win.url).toMatch(/^gasdesk:\/\/print\/[0-9a-f]{32}\/GD-2026-000123\.pdf$/)
    expect(win.bytesAtLoad!.equals(PDF)).toBe(true)
    expect(printTemps()).toEqual(before)
    // The dialog, not a silent print: the agent picks the printer and the number of copies.
    expect(win.printOptions).toMatchObject({ silent: false })
    // Nothing is left behind: the window is gone and the document no longer served.
    expect(win.destroyed).toBe(true)
    expect(printDocuments.response(win.url!).status).toBe(404)
  })

  it('tells a cancelled dialog from a failed print, and cleans up either way', async () => {
    const desktop = electronDesktop(() => null)
    electron.state.printAnswer = [false, 'Print job canceled']
    expect(await desktop.printPdf(PDF, 'GD-1')).toBe('cancelled')
    electron.state.printAnswer = [false, 'Print job failed']
    expect(await desktop.printPdf(PDF, 'GD-2')).toBe('failed')
    for (const w of electron.state.windows) {
      expect(w.destroyed).toBe(true)
      expect(printDocuments.response(w.url!).status).toBe(404)
    }
  })

  it('keeps odd characters of a title out of the URL', async () => {
    await electronDesktop(() => null).printPdf(PDF, '../../etc/passwd')
    const url = new URL(electron.state.windows[0].url!)
    expect(url.host).toBe('print')
    expect(url.pathname).toMatch(/^\/[0-9a-f]{32}\/[^/]+\.pdf$/)
    expect(url.pathname).not.toContain('..')
  })
})

describe('save and folder dialogs', () => {
  it('asks where to save, modal to the main window, suggesting the document name', async () => {
    const parent = { id: 'main-window' }
    const desktop = electronDesktop(() => parent as never)
    electron.state.saveAnswer = { canceled: false, filePath: '/home/agent/GD-2026-000001.pdf' }
    expect(await desktop.chooseSaveFile('GD-2026-000001.pdf')).toBe('/home/agent/GD-2026-000001.pdf')
    expect(electron.state.dialogCalls[0]).toMatchObject({
      kind: 'save',
      parent,
      options: { defaultPath: 'GD-2026-000001.pdf', filters: [{ extensions: ['pdf'] }] },
    })
    electron.state.saveAnswer = { canceled: true }
    expect(await desktop.chooseSaveFile('x.pdf')).toBeNull()
  })

  it('chooses a folder for one file per document; null when cancelled', async () => {
    const desktop = electronDesktop(() => null)
    electron.state.openAnswer = { canceled: false, filePaths: ['/home/agent/batch'] }
    expect(await desktop.chooseFolder()).toBe('/home/agent/batch')
    expect(electron.state.dialogCalls[0]).toMatchObject({
      kind: 'open',
      parent: null,
      options: { properties: expect.arrayContaining(['openDirectory']) },
    })
    electron.state.openAnswer = { canceled: true, filePaths: [] }
    expect(await desktop.chooseFolder()).toBeNull()
  })
})
