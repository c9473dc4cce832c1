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

/** The bytes travel back with the answer (transferred both ways, never copied). */
export type ResultMessage =
  { id: number; report: DocumentReport; bytes: Uint8Array } | { id: number; error: string; bytes: Uint8Array }

/** Buffers lose their class crossing a thread; the validator compares with Buffer methods. */
export function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength)
}

/**
 * The ArrayBuffer to transfer with a message, when the view owns all of it: moving 8 MB between threads
 * is then free, where a copy costs a fresh 8 MB of memory. A slice of Node's shared Buffer pool (small
 * files) is never transferred — that would take the pool from every other Buffer — so it is cloned.
 */
export function transferable(view: Uint8Array): ArrayBuffer[] {
  const buf = view.buffer
  return buf instanceof ArrayBuffer &&
    view.byteOffset === 0 &&
    view.byteLength === buf.byteLength &&
    buf.byteLength > 64 * 1024
    ? [buf]
    : []
}
