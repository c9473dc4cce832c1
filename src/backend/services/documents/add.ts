import { ApiError } from '../../../contract'
import { MAX_DOCUMENT_UPLOAD_BYTES, type DocumentDetail } from '../../../contract/methods/documents'
import type { BackendContext } from '../../context'
import { commitMutation, type MutationActor } from '../../db/mutations'
import { uuidv7 } from '../../ids'
import { sniffFormat } from '../../signatures'
import { decodeInput } from '../../signatures/cms/validate'
import { parseSignedData } from '../../signatures/pki/cms'
import { getRow, toDetail } from './rows'
import { IN_PARTS, removeParts, writeParts } from './content'
import { nextTurn, sha256Hex, validateNow } from './validate'

export interface AddInput {
  customerId: string
  fileName: string
  mediaType?: string
  contentBase64: string
  /** The file a detached .p7s signs, added in the same step. */
  contentFile?: { fileName: string; contentBase64: string }
}

const MEDIA_TYPES: Record<string, string> = {
  asic: 'application/vnd.etsi.asic-e+zip',
  pdf: 'application/pdf',
  cms: 'application/pkcs7-signature',
  ddoc: 'application/x-ddoc',
  xml: 'application/xml',
}

/** A display name only: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? ''
  const clean = [...base]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255)
  return clean || 'document'
}

/** Refusals before anything is written; each is a typed error with a message in the agent's language. */
export function decodeUpload(contentBase64: string): Buffer {
  if (contentBase64.length % 4 !== 0) throw new ApiError('VALIDATION', 'documents.review.errors.encoding')
  const bytes = Buffer.from(contentBase64, 'base64')
  if (bytes.length === 0) throw new ApiError('VALIDATION', 'documents.review.errors.empty')
  if (bytes.length > MAX_DOCUMENT_UPLOAD_BYTES) {
    throw new ApiError('VALIDATION', 'documents.review.errors.tooLarge', {
      reason: 'too-large',
      limitBytes: MAX_DOCUMENT_UPLOAD_BYTES,
    })
  }
  return bytes
}

function refuseDuplicate(ctx: BackendContext, customerId: string, sha256: string): void {
  const dup = ctx.db
    .prepare('SELECT id FROM documents WHERE customer_id = ? AND sha256 = ?')
    .get(customerId, sha256) as { id: string } | undefined
  if (dup) throw new ApiError('CONFLICT', 'documents.review.errors.duplicate', { id: dup.id })
}

/**
 * A detached signature and the file it signs, checked as a pair before anything is stored: the
 * signature must be CMS without content of its own, the content file not empty, both together within
 * the upload limit. Whether the signature covers this very file is the validation's answer (a wrong file
 * is INVALID with the reason), so a mismatched pair is kept as the customer handed it in.
 */
function checkPair(signature: Buffer, format: string, contentBase64: string): Buffer {
  if (format !== 'cms') throw new ApiError('VALIDATION', 'documents.review.errors.detachedNotCms')
  let encapsulated: Buffer | null
  try {
    encapsulated = parseSignedData(decodeInput(signature)).content
  } catch {
    // An unreadable signature is still filed (FORMAT_ERROR, with its reason), like any damaged file.
    encapsulated = null
  }
  if (encapsulated) throw new ApiError('VALIDATION', 'documents.review.errors.notDetached')
  if (contentBase64.length === 0) throw new ApiError('VALIDATION', 'documents.review.errors.contentEmpty')
  const content = decodeUpload(contentBase64)
  if (signature.length + content.length > MAX_DOCUMENT_UPLOAD_BYTES) {
    throw new ApiError('VALIDATION', 'documents.review.errors.pairTooLarge', {
      reason: 'too-large',
      limitBytes: MAX_DOCUMENT_UPLOAD_BYTES,
    })
  }
  return content
}

/**
 * Adds a file to a customer and validates it at once. The validation report is local, derived data
 * (the central system validates for itself), so the outbox carries the file's identity, not the report;
 * the bytes stay in the row and travel by sha256 when the sync client uploads attachments.
 */
export async function addDocument(
  ctx: BackendContext,
  actor: MutationActor,
  input: AddInput,
): Promise<DocumentDetail> {
  await nextTurn()
  let bytes = decodeUpload(input.contentBase64)
  await nextTurn()
  const fileName = cleanFileName(input.fileName)
  const customer = ctx.db.prepare('SELECT id FROM customers WHERE id = ?').get(input.customerId)
  if (!customer) throw new ApiError('NOT_FOUND', 'documents.review.errors.customerNotFound')
  const format = sniffFormat(bytes, fileName)
  // Not a signed-document format at all (a photo, a text file, random bytes): refused, nothing stored.
  if (format === 'unknown') throw new ApiError('VALIDATION', 'documents.review.errors.notSigned')
  const content = input.contentFile ? checkPair(bytes, format, input.contentFile.contentBase64) : null
  const contentName = input.contentFile ? cleanFileName(input.contentFile.fileName) : null
  const sha256 = sha256Hex(bytes)
  refuseDuplicate(ctx, input.customerId, sha256)
  await nextTurn()
  // Validation runs before the transaction, in a worker: it is CPU work and must not hold the write lock.
  const { bytes: back, ...validation } = await validateNow(ctx, bytes, fileName, content)
  bytes = back
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  const mime = MEDIA_TYPES[format] ?? 'application/octet-stream'
  const contentFile =
    content && contentName
      ? { fileName: contentName, size: content.length, sha256: sha256Hex(content) }
      : null
  const args = {
    id,
    customerId: input.customerId,
    fileName,
    mediaType: mime,
    size: bytes.length,
    sha256,
    ...(contentFile ? { contentFile } : {}),
  }
  try {
    // The bytes first, a megabyte per turn; the row that makes them visible commits last.
    await writeParts(ctx.db, id, 'content', bytes)
    if (content) await writeParts(ctx.db, id, 'detached', content)
    await nextTurn()
    // The same file may have been added by a parallel call while this one was being checked or stored.
    refuseDuplicate(ctx, input.customerId, sha256)
    commitMutation(
      ctx.db,
      actor,
      { name: 'document.add', entityType: 'document', entityId: id, customerId: input.customerId, args },
      () => {
        ctx.db
          .prepare(
            `INSERT INTO documents (id, customer_id, filename, mime, size_bytes, sha256, file_path, validation,
              validated_at, received_at, detached_name, detached_size, detached_sha256)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            input.customerId,
            fileName,
            mime,
            bytes.length,
            sha256,
            IN_PARTS,
            JSON.stringify(validation),
            at,
            at,
            contentFile?.fileName ?? null,
            contentFile?.size ?? null,
            contentFile?.sha256 ?? null,
          )
        return {
          result: id,
          after: { ...args, status: validation.report.status, testPki: validation.testPki },
        }
      },
    )
  } catch (e) {
    // Refused, or the disk filled up part-way: no parts stay behind without their row.
    try {
      removeParts(ctx.db, id)
    } catch {
      // Cannot write now (full disk): the next start removes them (removeOrphanParts).
    }
    throw e
  }
  const row = getRow(ctx.db, id)
  if (!row) throw new Error('document vanished after insert')
  return toDetail(row)
}
