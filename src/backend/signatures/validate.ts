import type { DocumentReport } from '../../core/signatures/result'
import type { ValidationOptions } from './pki/trust'
import { validateAsic } from './xml/asic'
import { validateCms } from './cms/validate'
import { validatePdf } from './pdf/validate'

/**
 * The one entry point: sniffs the format from the bytes (the file name only breaks ties) and runs the
 * matching validator. Never throws on hostile input: anything unexpected becomes FORMAT_ERROR.
 */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024

export type DocumentFormat = 'asic' | 'pdf' | 'cms' | 'ddoc' | 'xml' | 'unknown'

export function sniffFormat(bytes: Buffer, fileName = ''): DocumentFormat {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5))
    return 'asic'
  // DER/BER SEQUENCE with a long or indefinite length: CMS, even when the signed content is a PDF.
  if (bytes.length >= 2 && bytes[0] === 0x30 && bytes[1] >= 0x80 && bytes[1] <= 0x84) return 'cms'
  const head = bytes.subarray(0, 1024).toString('latin1')
  if (head.includes('%PDF-')) return 'pdf'
  const trimmed = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart()
  if (trimmed.startsWith('<')) return /<SignedDoc[\s>]/.test(head) ? 'ddoc' : 'xml'
  if (bytes[0] === 0x30 || /^-----BEGIN /.test(trimmed) || /^MI[A-Za-z0-9+/]/.test(trimmed)) return 'cms'
  if (/\.(p7s|p7m|pkcs7|p7b)$/i.test(fileName)) return 'cms'
  return 'unknown'
}

function errorReport(
  status: DocumentReport['status'],
  container: string,
  errorKey: string,
  options: ValidationOptions,
): DocumentReport {
  return {
    status,
    container,
    signatures: [],
    files: [],
    errorKey,
    validationTime: options.validationTime.toISOString(),
    warnings: [],
  }
}

export function validateDocument(
  bytes: Buffer,
  fileName: string,
  options: ValidationOptions,
): DocumentReport {
  if (bytes.length > MAX_DOCUMENT_BYTES)
    return errorReport('FORMAT_ERROR', 'unknown', 'doc_too_large', options)
  if (bytes.length === 0) return errorReport('FORMAT_ERROR', 'unknown', 'doc_empty', options)
  const format = sniffFormat(bytes, fileName)
  try {
    switch (format) {
      case 'asic':
        return validateAsic(bytes, fileName, options)
      case 'pdf':
        return validatePdf(bytes, options, fileName)
      case 'cms':
        return validateCms(bytes, options)
      case 'ddoc':
        return errorReport('UNSUPPORTED', 'ddoc', 'doc_ddoc_unsupported', options)
      case 'xml':
        return errorReport('UNSUPPORTED', 'unknown', 'doc_xml_unsupported', options)
      default:
        return errorReport('UNSUPPORTED', 'unknown', 'doc_unknown_format', options)
    }
  } catch {
    // A validator bug must not take the desk down: the document is reported as unreadable instead.
    return errorReport('FORMAT_ERROR', format, 'doc_internal_error', options)
  }
}
