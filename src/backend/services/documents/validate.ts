import { createHash } from 'node:crypto'
import { ApiError } from '../../../contract'
import type { BackendContext } from '../../context'
import type { Db } from '../../db/open'
import { ValidationLimitError } from '../../validation/pool'
import type { StoredValidation } from './rows'
import { trustFor } from './trust'

/**
 * Validation as the desk runs it: now, the bundled lists, the test PKI only when the setting is on — in
 * the backend's worker pool, so a large or hostile file never stalls the other calls.
 */
export async function validateNow(
  ctx: BackendContext,
  bytes: Buffer,
  fileName: string,
): Promise<StoredValidation> {
  const trust = trustFor(ctx)
  try {
    const report = await ctx.validation.validate({
      bytes,
      fileName,
      validationTime: new Date(ctx.clock.now()),
      trustStore: trust.loaded.store,
    })
    return { report, testPki: trust.testPki }
  } catch (e) {
    throw e instanceof ValidationLimitError ? limitError(e) : e
  }
}

/** A job the pool stopped, in the agent's language; nothing was written for it. */
export function limitError(e: ValidationLimitError): ApiError {
  const base = 'documents.review.errors.check'
  switch (e.kind) {
    case 'memory':
      return new ApiError('VALIDATION', `${base}.memory`, { reason: 'memory', limitMb: e.limits.memoryMb })
    case 'time':
      return new ApiError('VALIDATION', `${base}.time`, {
        reason: 'time',
        limitSeconds: Math.ceil(e.limits.timeoutMs / 1000),
      })
    case 'busy':
      return new ApiError('UNAVAILABLE', `${base}.busy`, { reason: 'busy' })
    default:
      return new ApiError('UNAVAILABLE', `${base}.stopped`, { reason: e.kind })
  }
}

/** A document the checker refused (too big a heap, too long): the stored report simply stays. */
export function isFileLimit(e: unknown): boolean {
  return (
    e instanceof ApiError &&
    e.code === 'VALIDATION' &&
    e.messageKey.startsWith('documents.review.errors.check.')
  )
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The stored bytes. Inline BLOBs only for now (see README in this folder). */
export function readContent(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT content FROM documents WHERE id = ?').get(id) as
    { content: Buffer | null } | undefined
  return row?.content ?? null
}
