import { ApiError } from '../../../contract'
import type { BackendContext } from '../../context'
import { decodeInput } from '../../signatures/cms/validate'
import { parseSignedData } from '../../signatures/pki/cms'
import { extractContainerFile } from '../../signatures/xml/asic'
import { getRow, parseValidation } from './rows'
import { readContent, readDetached } from './content'

export interface FileOut {
  name: string
  mediaType: string
  size: number
  previewable: boolean
  contentBase64: string
}

/**
 * The preview type comes from the bytes, never from the name or the container's claim: only PDF and
 * raster images are shown (in a sandboxed frame / img); everything else is octet-stream, save only.
 */
export function sniffPreviewType(bytes: Buffer): string | null {
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf'
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (
    bytes
      .subarray(0, 6)
      .toString('latin1')
      .match(/^GIF8[79]a$/)
  )
    return 'image/gif'
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp'
  return null
}

function innerBytes(container: string, bytes: Buffer, name: string): Buffer | null {
  if (container === 'pdf') return bytes
  if (container === 'cms') {
    try {
      return parseSignedData(decodeInput(bytes)).content
    } catch {
      return null
    }
  }
  return extractContainerFile(bytes, name)
}

/** The document itself (no name) or one of the files its report lists. */
export function documentFile(
  ctx: BackendContext,
  id: string,
  name?: string,
): FileOut & { customerId: string } {
  const row = getRow(ctx.db, id)
  if (!row) throw new ApiError('NOT_FOUND', 'documents.review.errors.notFound')
  const bytes = readContent(ctx.db, id)
  if (!bytes) throw new ApiError('UNAVAILABLE', 'documents.review.errors.contentMissing')
  let out: Buffer | null = bytes
  let outName = row.filename
  if (name !== undefined) {
    const report = parseValidation(row.validation)?.report
    // Only names the report lists: the request cannot reach any other entry of the archive.
    if (!report || !report.files.some((f) => f.name === name)) {
      throw new ApiError('NOT_FOUND', 'documents.review.errors.fileNotFound')
    }
    out = innerBytes(report.container, bytes, name)
    outName = name.split('/').pop() || name
    if (report.container === 'cms') outName = `${row.filename.replace(/\.(p7m|p7s|pkcs7)$/i, '')}`
    // A detached signature's signed file is the one stored beside it, under its own name.
    const detached = report.container === 'cms' && !out ? readDetached(ctx.db, id) : null
    if (detached) {
      out = detached.bytes
      outName = detached.name
    }
  }
  if (!out) throw new ApiError('NOT_FOUND', 'documents.review.errors.fileNotFound')
  const preview = sniffPreviewType(out)
  return {
    customerId: row.customer_id,
    name: outName,
    mediaType: preview ?? 'application/octet-stream',
    size: out.length,
    previewable: preview !== null,
    contentBase64: out.toString('base64'),
  }
}
