import type { z } from 'zod'
import { appMethods } from './methods/app'
import { sessionMethods } from './methods/session'
import { customerMethods } from './methods/customers'
import { readingsMethods } from './methods/readings'
import { documentMethods } from './methods/documents'
import { billingMethods } from './methods/billing'
import { auditMethods } from './methods/audit'
import { interactionMethods } from './methods/interactions'
import { faqMethods } from './methods/faq'

export * from './common'
export * from './define'
export * from './errors'
export * from './events'
export type { SessionInfo } from './methods/session'
export type { Settings, StorageState, SyncState, SyncStatus } from './methods/app'
export { syncStates } from './methods/app'
export * from './methods/customers'
export * from './methods/billing'
export * from './methods/audit'
export * from './methods/interactions'
export * from './methods/faq'

/**
 * The one method table. Each area adds a `methods/<area>.ts` and spreads it here; everything else
 * (dispatch, preload, HTTP routes, the renderer client's types) is derived from this object.
 */
export const methods = {
  ...appMethods,
  ...sessionMethods,
  ...customerMethods,
  ...readingsMethods,
  ...documentMethods,
  ...billingMethods,
  ...auditMethods,
  ...interactionMethods,
  ...faqMethods,
} as const

export type Methods = typeof methods
export type MethodName = keyof Methods
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>
export const methodNames = Object.keys(methods) as MethodName[]

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)
}

/** What the renderer receives, whichever shell it runs in. */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>
  on<E extends import('./events').EventName>(
    event: E,
    handler: (payload: import('./events').EventPayload<E>) => void,
  ): () => void
}

/** The shape the preload script exposes on `window.gasdesk`: one function per method. */
export type PreloadBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<import('./errors').ApiResult<MethodOutput<M>>>
} & {
  onEvent(handler: (event: string, payload: unknown) => void): () => void
}
