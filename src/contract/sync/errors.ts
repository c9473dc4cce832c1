import { z } from 'zod'

/**
 * Error bodies of the sync endpoints. Every non-2xx answer is one of these, with a locale key the desk
 * shows in the agent's language and the server time (the desk measures its clock skew from every answer).
 */
export const syncErrorCodes = [
  'invalid-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  'expected-seq',
  'client-diverged',
  'upload-offset',
  'purged',
  'too-large',
  'upgrade-required',
  'rate-limited',
  'unavailable',
  'internal',
] as const
export type SyncErrorCode = (typeof syncErrorCodes)[number]

const base = <C extends SyncErrorCode, D extends z.ZodType>(code: C, details: D) =>
  z.object({
    code: z.literal(code),
    messageKey: z.string(),
    details,
    serverTime: z.string(),
  })

const issue = z.object({ path: z.string(), message: z.string() })

export const syncErrorSchema = z.discriminatedUnion('code', [
  base('invalid-request', z.object({ issues: z.array(issue) })),
  base('unauthenticated', z.object({ reason: z.enum(['missing', 'invalid', 'expired', 'revoked']) })),
  base('forbidden', z.object({ reason: z.string() })),
  base('not-found', z.object({ what: z.string() })),
  /** 409: a gap. The desk resends from `expectedSeq`. */
  base('expected-seq', z.object({ expectedSeq: z.number().int().min(1) })),
  /** 409: a known seq arrived with another mutation id. The desk rotates its client id and replays. */
  base(
    'client-diverged',
    z.object({ seq: z.number().int(), storedMutationId: z.string(), sentMutationId: z.string() }),
  ),
  /** 409 (blobs): the PATCH did not start at the stored offset; the desk asks HEAD and resumes. */
  base('upload-offset', z.object({ offset: z.number().int().min(0) })),
  /** 410: the cursor is older than the purge watermark: push, then bootstrap again. */
  base('purged', z.object({ purgeWatermark: z.string() })),
  base(
    'too-large',
    z.object({ limitBytes: z.number().int().optional(), limitCount: z.number().int().optional() }),
  ),
  /** 426: the desk (or the protocol version it speaks) is too old for this central. */
  base(
    'upgrade-required',
    z.object({
      side: z.enum(['desk', 'central']),
      minProtocolVersion: z.number().int().optional(),
      minSchemaVersion: z.number().int().optional(),
    }),
  ),
  base('rate-limited', z.object({ retryAfterS: z.number().int() })),
  base('unavailable', z.object({ retryAfterS: z.number().int() })),
  base('internal', z.object({ requestId: z.string() })),
])
export type SyncErrorBody = z.infer<typeof syncErrorSchema>
export type SyncErrorDetails<C extends SyncErrorCode> = Extract<SyncErrorBody, { code: C }>['details']

export const SYNC_ERROR_STATUS: Record<SyncErrorCode, number> = {
  'invalid-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'expected-seq': 409,
  'client-diverged': 409,
  'upload-offset': 409,
  purged: 410,
  'too-large': 413,
  'upgrade-required': 426,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
}

export function syncErrorBody<C extends SyncErrorCode>(
  code: C,
  details: SyncErrorDetails<C>,
  serverTime: string,
): SyncErrorBody {
  return { code, messageKey: `sync.protocol.errors.${code}`, details, serverTime } as SyncErrorBody
}
