import type { Transport } from '../backend/sync/api'

/** The part of Electron's `net` the transport uses (the tests give a stand-in). */
export interface ElectronNet {
  fetch(url: string, init?: RequestInit & { bypassCustomProtocolHandlers?: boolean }): Promise<Response>
}

/**
 * How the desktop shell reaches the central: Electron's `net.fetch`, Chromium's network stack, so the
 * workstation's proxy settings (PAC, WPAD, an authenticating corporate proxy) and certificate store apply
 * as they do in the browser. Only http(s) goes out — a central URL can never reach the app's own scheme
 * or a file — and no cookies ride along: the central authenticates by bearer token alone.
 */
export function electronSyncTransport(net: ElectronNet): Transport {
  return async (url, init) => {
    const scheme = new URL(url).protocol
    if (scheme !== 'https:' && scheme !== 'http:') {
      // The sync client reads a thrown TypeError as "no answer" (network), like fetch's own failures.
      throw new TypeError(`the central must be an http(s) address, not ${scheme}`)
    }
    return net.fetch(url, { ...init, credentials: 'omit', bypassCustomProtocolHandlers: true })
  }
}
