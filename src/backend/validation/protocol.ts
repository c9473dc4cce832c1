import type { DocumentReport } from '../../core/signatures/result'
import type { TrustService } from '../signatures/pki/trust'

/** What the pool posts to a validation worker (structured-cloned: Buffers arrive as Uint8Array). */
export interface JobMessage {
  id: number
  bytes: Uint8Array
  fileName: string
  validationTimeMs: number
  content?: Uint8Array
  /** Which trust snapshot the job uses; `trust` is sent only when the worker does not hold it yet. */
  trustKey: number
  trust?: { services: TrustService[]; testAnchors: Uint8Array[] }
}

export type ResultMessage = { id: number; report: DocumentReport } | { id: number; error: string }

/** Buffers lose their class crossing a thread; the validator compares with Buffer methods. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}
