import type { ApiClient, MethodName } from '../contract'
import { isApiCallError } from './api'

export interface SessionErrorHandlers {
  locked(): void
  ended(): void
}

/** Calls whose UNAUTHENTICATED answer means "wrong password", not "your session is gone". */
const passwordChecks: readonly MethodName[] = ['session.signIn', 'session.unlock']

/**
 * Wraps the client so that any call answered with SESSION_LOCKED shows the lock overlay and any
 * UNAUTHENTICATED (outside a password check) returns to sign-in — wherever in the UI the call was made.
 * The error still reaches the caller unchanged.
 */
export function guardSession(client: ApiClient, handlers: () => SessionErrorHandlers): ApiClient {
  return {
    async call(method, input) {
      try {
        return await client.call(method, input)
      } catch (e) {
        if (isApiCallError(e)) {
          if (e.code === 'SESSION_LOCKED') handlers().locked()
          else if (e.code === 'UNAUTHENTICATED' && !passwordChecks.includes(method)) handlers().ended()
        }
        throw e
      }
    },
    on: (event, handler) => client.on(event, handler),
  }
}
