import type { ApiErrorShape, ErrorCode } from '../../contract'

/**
 * What every client call throws on failure. Carries the typed error from the backend (or a transport
 * failure as UNAVAILABLE / errors.network), so the UI can translate `messageKey` with `details`.
 */
export class ApiCallError extends Error {
  readonly code: ErrorCode
  readonly messageKey: string
  readonly details?: Record<string, unknown>
  constructor(error: ApiErrorShape) {
    super(`${error.code}: ${error.messageKey}`)
    this.name = 'ApiCallError'
    this.code = error.code
    this.messageKey = error.messageKey
    this.details = error.details
  }
}

export const networkError = (details?: Record<string, unknown>): ApiCallError =>
  new ApiCallError({ code: 'UNAVAILABLE', messageKey: 'errors.network', ...(details ? { details } : {}) })

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError
}
