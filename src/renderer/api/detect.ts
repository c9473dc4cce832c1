import type { ApiClient, PreloadBridge } from '../../contract'
import { createHttpClient, newSessionId } from './http-client'
import { createIpcClient } from './ipc-client'

const TOKEN_KEY = 'gasdesk.token'
const SESSION_KEY = 'gasdesk.session'

/** The parts of `window` detection needs; injectable so it can be tested without a real browser. */
export interface DetectEnv {
  gasdesk?: PreloadBridge
  location: Pick<Location, 'hash' | 'origin' | 'pathname' | 'search'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>
}

/**
 * Picks the transport for this shell: IPC when the preload exposed `window.gasdesk`, otherwise HTTP
 * with the token from `#token=...`. The token leaves the address bar at once (so it is not shared by
 * copy-paste or kept in history) and stays in sessionStorage so a reload of this tab still works.
 */
export function detectClient(env: DetectEnv = window as unknown as DetectEnv): ApiClient {
  if (env.gasdesk) return createIpcClient(env.gasdesk)
  const fromHash = new URLSearchParams(env.location.hash.replace(/^#/, '')).get('token')
  if (fromHash) {
    env.sessionStorage.setItem(TOKEN_KEY, fromHash)
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search)
  }
  const token = fromHash ?? env.sessionStorage.getItem(TOKEN_KEY) ?? ''
  let sessionId = env.sessionStorage.getItem(SESSION_KEY)
  if (!sessionId) {
    sessionId = newSessionId()
    env.sessionStorage.setItem(SESSION_KEY, sessionId)
  }
  return createHttpClient({ baseUrl: env.location.origin, token, sessionId })
}
