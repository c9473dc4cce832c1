import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import type { ApiResult } from '../contract'
import type { Backend } from '../backend'
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels'

/**
 * Which webContents are ours, and the session key of each (one window = one signed-in session).
 * A call from anything else — a frame inside the page, a devtools extension, a stray window — is refused.
 */
export class WindowSessions {
  private keys = new Map<number, { key: string; contents: WebContents }>()

  add(contents: WebContents): string {
    const key = `ipc:${contents.id}`
    this.keys.set(contents.id, { key, contents })
    return key
  }

  remove(id: number): string | null {
    const entry = this.keys.get(id)
    this.keys.delete(id)
    return entry?.key ?? null
  }

  keyFor(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): string | null {
    const entry = this.keys.get(event.sender?.id)
    if (!entry || entry.contents !== event.sender) return null
    // Only the top frame speaks for the window; a subframe (e.g. a PDF preview) may not call the API.
    if (event.senderFrame && event.senderFrame !== event.sender.mainFrame) return null
    return entry.key
  }

  *targets(): Iterable<{ key: string; contents: WebContents }> {
    yield* this.keys.values()
  }
}

const refused = (reason: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { reason } },
})

/** ipcMain.handle('gasdesk:call') -> backend.dispatch; always answers with an ApiResult envelope. */
export function registerCallHandler(
  ipcMain: Pick<IpcMain, 'handle'>,
  backend: Backend,
  windows: WindowSessions,
): void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    const key = windows.keyFor(event)
    if (!key) return refused('sender')
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { code: 'VALIDATION', messageKey: 'errors.VALIDATION', details: { reason: 'method-name' } },
      } satisfies ApiResult<never>
    }
    return backend.dispatch(method, input, key)
  })
}

/** Backend events go to the window whose session they concern (or to all windows when unaddressed). */
export function forwardEvents(backend: Backend, windows: WindowSessions): () => void {
  return backend.events.on((event, payload, sessionKey) => {
    for (const { key, contents } of windows.targets()) {
      if (sessionKey !== null && sessionKey !== key) continue
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload)
    }
  })
}
