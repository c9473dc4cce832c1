import { describe, expect, it, vi } from 'vitest'
import { fake, fakeElectron, FakeBrowserWindow } from '../main/fake-electron'
import { methodNames } from '../../src/contract'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../src/preload/channels'

vi.mock('electron', async () => (await import('../main/fake-electron')).fakeElectron)

fake.reset('/nonexistent')
await import('../../src/preload/index')
const exposed = fake.state.exposed

describe('preload bridge', () => {
  it('exposes window.gasdesk only, with exactly one function per contract method plus onEvent', () => {
    expect(Object.keys(exposed)).toEqual(['gasdesk'])
    const bridge = exposed.gasdesk as Record<string, unknown>
    expect(Object.keys(bridge).sort()).toEqual([...methodNames, 'onEvent'].sort())
    for (const key of Object.keys(bridge)) expect(typeof bridge[key], key).toBe('function')
    expect(Object.isFrozen(bridge)).toBe(true)
  })

  it('never hands the page ipcRenderer or a generic channel', () => {
    const bridge = exposed.gasdesk as Record<string, unknown>
    const values = Object.values(bridge)
    expect(values).not.toContain(fakeElectron.ipcRenderer)
    expect(values).not.toContain(fakeElectron.ipcRenderer.invoke)
    for (const banned of ['ipcRenderer', 'invoke', 'send', 'on', 'call', 'require', 'process']) {
      expect(bridge, banned).not.toHaveProperty(banned)
    }
  })

  it('sends each method under its own fixed name with the input as the only argument', async () => {
    const seen: unknown[][] = []
    fake.state.handlers.set(CALL_CHANNEL, (_event, ...args) => {
      seen.push(args)
      return { ok: true, value: 'answer' }
    })
    fake.speakAs(new FakeBrowserWindow({}))
    const bridge = exposed.gasdesk as Record<string, (input: unknown, ...rest: unknown[]) => Promise<unknown>>
    for (const name of methodNames) {
      expect(await bridge[name]({ probe: name }, 'ignored extra')).toEqual({ ok: true, value: 'answer' })
    }
    expect(seen).toEqual(methodNames.map((name) => [name, { probe: name }]))
    fake.state.handlers.delete(CALL_CHANNEL)
  })

  it('delivers events to onEvent subscribers until they unsubscribe', () => {
    const bridge = exposed.gasdesk as { onEvent(h: (e: string, p: unknown) => void): () => void }
    const got: unknown[] = []
    const off = bridge.onEvent((e, p) => got.push([e, p]))
    const win = new FakeBrowserWindow({})
    win.webContents.send(EVENT_CHANNEL, 'session.locked', { reason: 'manual' })
    off()
    win.webContents.send(EVENT_CHANNEL, 'session.ended', {})
    expect(got).toEqual([['session.locked', { reason: 'manual' }]])
    expect(() => bridge.onEvent('nope' as never)).toThrow(TypeError)
  })
})
