import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ApiClient, EventName, PreloadBridge } from '../../src/contract'
import { createHttpClient } from '../../src/renderer/api/http-client'
import { createIpcClient } from '../../src/renderer/api/ipc-client'
import { startWebHost, type WebHost } from '../../src/web-host/server'
import { fake, type FakeBrowserWindow } from '../main/fake-electron'
import { contractCases, runSteps, summary, type Outcome } from './cases'
import { FetchEventSource } from './event-source'
import { makeTemplateDb } from './transports'

vi.mock('electron', async () => (await import('../main/fake-electron')).fakeElectron)

let host: WebHost
let http: ApiClient
let ipc: ApiClient
let shutdownMain: () => void

beforeAll(async () => {
  const template = await makeTemplateDb()

  // (a) HTTP: the real browser-shell server on its own copy of the database.
  host = await startWebHost({ dbFile: template.copy(join(template.dir, 'http', 'gasdesk.sqlite')), port: 0 })
  http = createHttpClient({ baseUrl: host.url, token: host.token, EventSource: FetchEventSource })

  // (b) IPC: the real main wiring and the real preload over a fake electron that connects them.
  fake.reset(join(template.dir, 'userData'))
  template.copy(join(template.dir, 'userData', 'gasdesk.sqlite'))
  const { bootstrap } = await import('../../src/main/app')
  const running = await bootstrap({ preload: 'unused', rendererDir: template.dir })
  if (!running) throw new Error('main did not start')
  shutdownMain = running.shutdown
  fake.speakAs(running.window as unknown as FakeBrowserWindow)
  await import('../../src/preload/index')
  ipc = createIpcClient(fake.state.exposed.gasdesk as PreloadBridge)
})

afterAll(async () => {
  for (const es of FetchEventSource.instances) es.close()
  await host?.close()
  shutdownMain?.()
})

/** Every case starts signed out, on both transports alike. */
async function signOutQuietly(client: ApiClient): Promise<void> {
  await client.call('session.signOut', {}).catch(() => undefined)
}

describe('contract over HTTP and IPC', () => {
  it.each(contractCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const results: Record<string, Outcome[]> = {}
    for (const [name, client] of [
      ['http', http],
      ['ipc', ipc],
    ] as const) {
      await signOutQuietly(client)
      results[name] = await runSteps(client, c.steps)
      await signOutQuietly(client)
    }
    expect(summary(results.http), 'http').toEqual(c.expect)
    expect(results.ipc).toEqual(results.http)
    c.check?.(results.http)
  })

  it('reports which shell answered', async () => {
    expect((await http.call('app.info', {})).shell).toBe('browser')
    expect((await ipc.call('app.info', {})).shell).toBe('electron')
  })

  it('delivers session events to the session that caused them, in the same order on both', async () => {
    const received: Record<string, [string, unknown][]> = { http: [], ipc: [] }
    const offs: (() => void)[] = []
    for (const [name, client] of [
      ['http', http],
      ['ipc', ipc],
    ] as const) {
      for (const event of ['session.locked', 'session.ended'] as EventName[]) {
        offs.push(client.on(event, (payload) => received[name].push([event, payload])))
      }
    }
    await FetchEventSource.instances.at(-1)!.ready
    expect(FetchEventSource.instances.at(-1)!.status).toBe(200)
    for (const client of [http, ipc]) {
      await runSteps(client, [
        { method: 'session.signIn', input: { username: 'olga', password: 'olga-demo' } },
        { method: 'session.lock', input: {} },
        { method: 'session.signOut', input: {} },
      ])
    }
    await vi.waitFor(() => expect(received.http).toHaveLength(2), { timeout: 5000 })
    expect(received.http).toEqual([
      ['session.locked', { reason: 'manual' }],
      ['session.ended', {}],
    ])
    expect(received.ipc).toEqual(received.http)
    for (const off of offs) off()
  })
})
