import { createHash } from 'node:crypto'
import { ApiError } from '../../../contract'
import type { BackendContext } from '../../context'
import { ValidationLimitError } from '../../validation/pool'
import type { StoredValidation } from './rows'
import { trustFor } from './trust'

/**
 * Validation as the desk runs it: now, the bundled lists, the test PKI only when the setting is on — in
 * the backend's worker pool, so a large or hostile file never stalls the other calls. The bytes move to
 * the worker and back: use the returned `bytes`, not the Buffer passed in.
 */
export async function validateNow(
  ctx: BackendContext,
  bytes: Buffer,
  fileName: string,
  content?: Buffer | null,
): Promise<StoredValidation & { bytes: Buffer }> {
  const trust = trustFor(ctx)
  try {
    const { report, bytes: back } = await ctx.validation.validate({
      bytes,
      fileName,
      validationTime: new Date(ctx.clock.now()),
      trustStore: trust.loaded.store,
      // The file a detached .p7s signs (stored beside it).
      ...(content ? { content } : {}),
    })
    return { report, testPki: trust.testPki, bytes: back }
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

/**
 * One turn of the event loop: a large upload's steps (decode, digest, hand-over to the worker, insert)
 * each take milliseconds, so other calls are answered between them.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
