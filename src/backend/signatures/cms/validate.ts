/**
 * The CMS/CAdES format validator for .p7s / .p7m / .pkcs7: enveloping (content inside) or detached (the
 * content file supplied in options.content); DER, BER or PEM/base64 input.
 */
import { type DocumentReport, type SignatureReport, documentStatus } from '../../../core/signatures/result'
import { CmsError, parseSignedData } from '../pki/cms'
import type { ValidationOptions } from '../pki/trust'
import { assessCmsSignature } from './assess'

const MAX_CMS_BYTES = 64 * 1024 * 1024

/** PEM or bare base64 text to DER; binary input is returned as is. */
export function decodeInput(bytes: Buffer): Buffer {
  const head = bytes.subarray(0, 64).toString('latin1')
  if (/^-----BEGIN /.test(head) || /^MI[A-Za-z0-9+/]/.test(head)) {
    const b64 = bytes
      .toString('latin1')
      .replace(/-----[^-]+-----/g, '')
      .replace(/\s+/g, '')
    if (/^[A-Za-z0-9+/=]+$/.test(b64)) return Buffer.from(b64, 'base64')
  }
  return bytes
}

export function validateCms(bytes: Buffer, options: ValidationOptions): DocumentReport {
  const base = {
    container: 'cms',
    validationTime: options.validationTime.toISOString(),
    warnings: [],
  }
  if (bytes.length > MAX_CMS_BYTES) {
    return { ...base, status: 'FORMAT_ERROR', signatures: [], files: [], errorKey: 'cms_too_large' }
  }
  let sd
  try {
    sd = parseSignedData(decodeInput(bytes))
  } catch (e) {
    const key = e instanceof CmsError ? e.reasonKey : 'cms_format'
    return { ...base, status: 'FORMAT_ERROR', signatures: [], files: [], errorKey: key }
  }
  const data = sd.content ?? options.content ?? null
  const signatures: SignatureReport[] = sd.signers.map((si, i) =>
    assessCmsSignature(`S${i}`, 'CAdES', sd, si, data, options),
  )
  const files = data
    ? [{ name: sd.content ? 'content' : 'detached content', size: data.length, mediaType: null }]
    : []
  return {
    ...base,
    status: signatures.length === 0 ? 'FORMAT_ERROR' : documentStatus(signatures),
    signatures,
    files,
    errorKey: signatures.length === 0 ? 'cms_no_signers' : null,
  }
}
