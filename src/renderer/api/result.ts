import { apiErrorSchema, type ApiResult } from '../../contract'
import { ApiCallError, networkError } from './errors'

/** Unwraps a transport envelope: the value, or a thrown ApiCallError. Anything malformed is a transport failure. */
export function unwrap<T>(result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const r = result as ApiResult<T>
    if (r.ok === true && 'value' in r) return r.value
    if (r.ok === false) {
      const parsed = apiErrorSchema.safeParse(r.error)
      if (parsed.success) throw new ApiCallError(parsed.data)
    }
  }
  throw networkError({ reason: 'malformed-response' })
}
