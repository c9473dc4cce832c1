import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
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
  const { readFileSync: read } = await import('node:fs')
  const { fileURLToPath: toPath } = await import('node:url')
  const { EventEmitter } = await import('node:events')
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
    async loadURL(url: string): Promise<void> {
      this.rec.url = url
      this.rec.bytesAtLoad = read(toPath(url))
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

const { electronDesktop, printWindowOptions } = await import('../../src/main/desktop')

const PDF = Buffer.from('%PDF-1.7\n% a stand-in page for the print window\n%%EOF\n')

beforeEach(() => {
  electron.state.windows = []
  electron.state.dialogCalls = []
  electron.state.printAnswer = [true, '']
})

describe('print dialog for a PDF', () => {
  it('loads the bytes from a private temp file in a hidden sandboxed window and shows the system dialog', async () => {
    const desktop = electronDesktop(() => null)
    expect(await desktop.printPdf(PDF, 'GD-2026-000123')).toBe('printed')
    const [win] = electron.state.windows
    expect(win.options).toEqual(printWindowOptions)
    expect(printWindowOptions).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, nodeIntegration: false },
    })
    expect(win.url).toMatch(/^file:\/\/.*GD-2026-000123\.pdf$/)
    expect(win.bytesAtLoad!.equals(PDF)).toBe(true)
    // The dialog, not a silent print: the agent picks the printer and the number of copies.
    expect(win.printOptions).toMatchObject({ silent: false })
    // Nothing is left behind: the window is gone and the temp file with personal data removed.
    expect(win.destroyed).toBe(true)
    expect(existsSync(fileURLToPath(win.url!))).toBe(false)
  })

  it('tells a cancelled dialog from a failed print, and cleans up either way', async () => {
    const desktop = electronDesktop(() => null)
    electron.state.printAnswer = [false, 'Print job canceled']
    expect(await desktop.printPdf(PDF, 'GD-1')).toBe('cancelled')
    electron.state.printAnswer = [false, 'Print job failed']
    expect(await desktop.printPdf(PDF, 'GD-2')).toBe('failed')
    for (const w of electron.state.windows) {
      expect(w.destroyed).toBe(true)
      expect(existsSync(fileURLToPath(w.url!))).toBe(false)
    }
  })

  it('keeps odd characters of a title out of the temp file name', async () => {
    await electronDesktop(() => null).printPdf(PDF, '../../etc/passwd')
    const url = electron.state.windows[0].url!
    expect(fileURLToPath(url)).not.toContain('/etc/passwd')
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
