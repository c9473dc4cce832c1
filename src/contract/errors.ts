import { z } from 'zod'

/** Every failure that crosses the API boundary. `messageKey` is a key in locales/*.json (errors.*). */
export const errorCodes = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SESSION_LOCKED',
  'UNKNOWN_METHOD',
  'DB_TOO_NEW',
  'DB_CORRUPT',
  'UNAVAILABLE',
  'INTERNAL',
] as const
export type ErrorCode = (typeof errorCodes)[number]

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  messageKey: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
})
export type ApiErrorShape = z.infer<typeof apiErrorSchema>

/** Thrown by services; dispatch turns it into ApiErrorShape. Never carries a stack across the boundary. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly messageKey: string
  readonly details?: Record<string, unknown>
  constructor(code: ErrorCode, messageKey?: string, details?: Record<string, unknown>) {
    super(`${code}: ${messageKey ?? defaultMessageKey(code)}`)
    this.name = 'ApiError'
    this.code = code
    this.messageKey = messageKey ?? defaultMessageKey(code)
    this.details = details
  }
  toJSON(): ApiErrorShape {
    return {
      code: this.code,
      messageKey: this.messageKey,
      ...(this.details ? { details: this.details } : {}),
    }
  }
}

export function defaultMessageKey(code: ErrorCode): string {
  return `errors.${code}`
}

/** Transport envelope: both IPC and HTTP carry exactly this. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }
