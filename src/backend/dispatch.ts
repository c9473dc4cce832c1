import { ZodError } from 'zod'
import {
  ApiError,
  isMethodName,
  methods,
  type ApiErrorShape,
  type ApiResult,
  type MethodName,
} from '../contract'
import type { CallContext, Handler } from './context'
import { isCorruptionCode } from './db/errors'
import type { Sessions } from './services/sessions'
import { logError } from './log'

export type HandlerTable = { [M in MethodName]: Handler<M> }

export type Dispatch = (method: unknown, input: unknown, sessionKey: string) => Promise<ApiResult<unknown>>

export interface DispatchDeps {
  ctx: CallContext['ctx']
  sessions: Sessions
  handlers: HandlerTable
  /** Where unexpected failures are reported (never to the caller). */
  logError?: (ref: string, error: unknown) => void
}

/**
 * The single entry point for every transport: session and role check, input validation, the handler,
 * then output validation. Whatever happens, the caller gets an ApiResult, never a thrown error or a stack.
 */
export function createDispatch(deps: DispatchDeps): Dispatch {
  const { ctx, sessions, handlers } = deps
  let errorCounter = 0
  return async (method, rawInput, sessionKey) => {
    try {
      if (!isMethodName(method)) {
        throw new ApiError('UNKNOWN_METHOD', 'errors.UNKNOWN_METHOD', { method: String(method).slice(0, 80) })
      }
      const spec = methods[method]
      const session = sessions.get(sessionKey)
      if (spec.access !== 'public') {
        if (!session) throw new ApiError('UNAUTHENTICATED', 'errors.UNAUTHENTICATED')
        if (sessions.applyInactivity(session) && !spec.whileLocked) {
          throw new ApiError('SESSION_LOCKED', 'errors.SESSION_LOCKED')
        }
        if (!spec.access.includes(session.agent.role)) {
          throw new ApiError('FORBIDDEN', 'errors.FORBIDDEN', { method, role: session.agent.role })
        }
      }
      const parsed = spec.input.safeParse(rawInput === undefined ? {} : rawInput)
      if (!parsed.success) throw validationError(parsed.error)
      if (session && !spec.passive && !session.locked) sessions.touch(session)
      const handler = handlers[method] as Handler<MethodName>
      const output = await handler(parsed.data as never, { ctx, sessionKey, session })
      const checked = spec.output.safeParse(output)
      if (!checked.success) {
        throw new Error(`output of ${method} broke its schema: ${checked.error.message}`)
      }
      return { ok: true, value: checked.data }
    } catch (e) {
      // A full disk or a damaged file is the agent's to know, in words, and changes the desk's state.
      const storage = e instanceof ApiError ? null : ctx.storage?.noteError(e)
      if (storage) return { ok: false, error: storage.toJSON() }
      return {
        ok: false,
        error: toApiError(e, () => `E${ctx.clock.now().toString(36)}-${++errorCounter}`, deps.logError),
      }
    }
  }
}

export function validationError(error: ZodError): ApiError {
  return new ApiError('VALIDATION', 'errors.VALIDATION', {
    issues: error.issues
      .slice(0, 50)
      .map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
  })
}

export function toApiError(
  e: unknown,
  nextRef: () => string,
  log: (ref: string, error: unknown) => void = defaultLog,
): ApiErrorShape {
  if (e instanceof ApiError) return e.toJSON()
  if (e instanceof ZodError) return validationError(e).toJSON()
  const code = (e as { code?: unknown })?.code
  if (typeof code === 'string') {
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_FULL')
      return { code: 'UNAVAILABLE', messageKey: `errors.${code}` }
    if (code.startsWith('SQLITE_IOERR')) return { code: 'UNAVAILABLE', messageKey: 'errors.SQLITE_IOERR' }
    if (isCorruptionCode(code)) return { code: 'DB_CORRUPT', messageKey: 'errors.db.damaged' }
  }
  const ref = nextRef()
  log(ref, e)
  return { code: 'INTERNAL', messageKey: 'errors.INTERNAL', details: { ref } }
}

function defaultLog(ref: string, error: unknown): void {
  logError(ref, error)
}
