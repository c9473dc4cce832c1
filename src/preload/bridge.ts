import type { MethodName, PreloadBridge } from '../contract'
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels'

/** The two ipcRenderer capabilities the bridge needs — and all the page can ever reach through it. */
export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * One function per contract method plus `onEvent`. Each function forwards a fixed method name, so the
 * page cannot invoke arbitrary channels or pass anything but the input.
 */
export function buildBridge(ipc: IpcLike, names: readonly MethodName[]): PreloadBridge {
  const bridge: Record<string, unknown> = {}
  for (const name of names) {
    bridge[name] = (input: unknown) => ipc.invoke(CALL_CHANNEL, name, input)
  }
  bridge.onEvent = (handler: (event: string, payload: unknown) => void) => {
    if (typeof handler !== 'function') throw new TypeError('onEvent needs a function')
    const listener = (_event: unknown, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') handler(name, payload)
    }
    ipc.on(EVENT_CHANNEL, listener)
    return () => {
      ipc.removeListener(EVENT_CHANNEL, listener)
    }
  }
  return Object.freeze(bridge) as PreloadBridge
}
