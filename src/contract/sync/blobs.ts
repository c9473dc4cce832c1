import { z } from 'zod'

/**
 * Blob channel (tus 1.0 core semantics, without the creation extension: the sha256 in the path is the
 * upload's identity). HEAD answers `Upload-Offset` and `Upload-Length` (once known); PATCH appends at
 * `Upload-Offset` with `Content-Type: application/offset+octet-stream`, the first PATCH also carrying
 * `Upload-Length`. When the offset reaches the length the central checks the hash: a mismatch discards the
 * bytes. GET serves complete blobs with Range support.
 */
export const TUS_RESUMABLE = '1.0.0'
export const blobHeaders = {
  resumable: 'tus-resumable',
  offset: 'upload-offset',
  length: 'upload-length',
  complete: 'gasdesk-blob-complete',
} as const
export const BLOB_CONTENT_TYPE = 'application/offset+octet-stream'

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/u, 'sha256')

/** The body of a PATCH that ends a blob whose bytes did not hash to its name. */
export const blobMismatchSchema = z.object({
  code: z.literal('hash-mismatch'),
  messageKey: z.string(),
  serverTime: z.string(),
})
