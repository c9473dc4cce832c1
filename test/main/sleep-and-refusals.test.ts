import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fake, FakeBrowserWindow } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectron)

const { bootstrap } = await import('../../src/main/app')
const { CALL_CHANNEL, EVENT_CHANNEL } = await import('../../src/preload/channels')

type Running = NonNullable<Awaited<ReturnType<typeof bootstrap>>>
let running: Running | null = null
let rendererDir: string

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-power-'))
  rendererDir = join(dir, 'renderer')
  mkdirSync(rendererDir, { recursive: true })
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>GasDesk</title>')
  fake.reset(join(dir, 'userData'))
})
afterEach(() => {
  running?.shutdown()
  running = null
})

async function signedInWindow(): Promise<{ app: Running; win: FakeBrowserWindow; key: string }> {
  running = await bootstrap({ preload: '/app/out/preload/index.cjs', rendererDir, firstRunCustomers: 5 })
  const app = running!
  const win = app.window as unknown as FakeBrowserWindow
  const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame }
  const r = await fake.state.handlers.get(CALL_CHANNEL)!(event, 'session.signIn', {
    username: 'liga',
    password: 'liga-demo',
  })
  expect(r).toMatchObject({ ok: true })
  return { app, win, key: `ipc:${win.webContents.id}` }
}

describe('workstation sleep (Electron powerMonitor)', () => {
  for (const signal of ['suspend', 'lock-screen'] as const) {
    it(`'${signal}' ends the signed-in session and tells the window`, async () => {
      const { app, win, key } = await signedInWindow()
      expect(app.backend.sessions.get(key)).not.toBeNull()
      fake.powerMonitor.emit(signal)
      expect(app.backend.sessions.get(key)).toBeNull()
      expect(win.webContents.sent).toContainEqual({ channel: EVENT_CHANNEL, args: ['session.ended', {}] })
    })
  }

  it('stops listening when the app shuts down', async () => {
    const { app } = await signedInWindow()
    expect(fake.powerMonitor.listenerCount('suspend')).toBe(1)
    app.shutdown()
    running = null
    expect(fake.powerMonitor.listenerCount('suspend')).toBe(0)
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(0)
  })
})

describe('start-up refusals in the Electron shell', () => {
  it('say which file and why, in Latvian, and leave an emptied database alone', async () => {
    mkdirSync(fake.state.userData, { recursive: true })
    const file = join(fake.state.userData, 'gasdesk.sqlite')
    writeFileSync(file, '')
    expect(await bootstrap({ preload: '/p', rendererDir, firstRunCustomers: 5 })).toBeNull()
    expect(fake.state.exitCode).toBe(1)
    expect(fake.state.errorBoxes).toHaveLength(1)
    expect(fake.state.errorBoxes[0].content).toBe(
      `Datubāze ${file} ir tukša (0 baitu), tajā nav GasDesk datu. Fails netika mainīts: atjaunojiet to no rezerves kopijas vai izdzēsiet.`,
    )
    expect(statSync(file).size).toBe(0)
  })
})
