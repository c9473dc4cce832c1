import { describe, expect, it, vi } from 'vitest'
import { detectClient, type DetectEnv } from '../../../src/renderer/api/detect'
import { ApiCallError } from '../../../src/renderer/api/errors'
import { createHttpClient } from '../../../src/renderer/api/http-client'
import { createIpcClient } from '../../../src/renderer/api/ipc-client'
import type { PreloadBridge } from '../../../src/contract'

function browserEnv(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored))
  const replaced: string[] = []
  const env: DetectEnv = {
    location: { hash, origin: 'http://127.0.0.1:5199', pathname: '/', search: '' },
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
    },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  }
  return { env, storage, replaced }
}

describe('detectClient', () => {
  it('uses IPC when the preload exposed window.gasdesk', async () => {
    const bridge = { 'app.info': vi.fn(async () => ({ ok: true, value: { shell: 'electron' } })) }
    const { env } = browserEnv('')
    const client = detectClient({ ...env, gasdesk: bridge as unknown as PreloadBridge })
    expect(await client.call('app.info', {})).toEqual({ shell: 'electron' })
  })

  it('takes the token from #token=, removes it from the address bar and keeps it for reloads', async () => {
    const { env, storage, replaced } = browserEnv('#token=abc_DEF-123')
    const fetchSpy = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: null })))
    vi.stubGlobal('fetch', fetchSpy)
    await detectClient(env).call('session.current', {})
    expect(replaced).toEqual(['/'])
    expect(storage.get('gasdesk.token')).toBe('abc_DEF-123')
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('http://127.0.0.1:5199/api/session.current')
    const headers = init.headers as Record<string, string>
    expect(headers.authorization).toBe('Bearer abc_DEF-123')
    expect(headers['x-gasdesk-session']).toBe(storage.get('gasdesk.session'))

    // Reload: no hash any more, same token and same tab session from sessionStorage.
    const reload = browserEnv('', Object.fromEntries(storage))
    await detectClient(reload.env).call('session.current', {})
    const h2 = (fetchSpy.mock.calls[1] as unknown as [string, RequestInit])[1].headers as Record<
      string,
      string
    >
    expect(h2).toEqual(headers)
    expect(reload.replaced).toEqual([])
    vi.unstubAllGlobals()
  })
})

describe('client errors', () => {
  it('throws typed errors from the envelope and UNAVAILABLE/errors.network when the host is unreachable', async () => {
    const err = { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { role: 'agent' } }
    const ok = createHttpClient({
      baseUrl: 'http://x',
      token: 't',
      fetch: async () => new Response(JSON.stringify({ ok: false, error: err }), { status: 200 }),
    })
    await expect(ok.call('settings.get', {})).rejects.toMatchObject({ ...err, name: 'ApiCallError' })
    const down = createHttpClient({
      baseUrl: 'http://x',
      token: 't',
      fetch: async () => {
        throw new TypeError('fetch failed')
      },
    })
    const e = await down.call('settings.get', {}).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiCallError)
    expect(e).toMatchObject({ code: 'UNAVAILABLE', messageKey: 'errors.network' })
    const ipc = createIpcClient({
      'settings.get': () => Promise.reject(new Error('gone')),
    } as unknown as PreloadBridge)
    await expect(ipc.call('settings.get', {})).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      messageKey: 'errors.network',
    })
  })
})
