/**
 * PAdES validator: finds the signature dictionaries (by /ByteRange, capped), checks that each /ByteRange
 * starts at 0 and leaves out exactly the /Contents hex string, verifies the CMS inside over the covered
 * bytes, uses DSS certificates/OCSP responses as LT evidence and document timestamps for LTA, and reports
 * changes appended after a signature (a signature over an earlier revision does not vouch for the rest).
 */
import {
  type DocumentReport,
  type SignatureCheck,
  type SignatureReport,
  documentStatus,
} from '../../../core/signatures/result'
import type { Finding } from '../checks/types'
import { assessCmsSignature } from '../cms/assess'
import { parseSignedData } from '../pki/cms'
import { OID } from '../pki/oids'
import { verifyTimestampToken } from '../pki/timestamp'
import { type ArchiveFinding, judgeArchiveTimestamp } from '../cms/archive'
import type { ValidationOptions } from '../pki/trust'
import { type Certificate, tryParseCertificate } from '../pki/x509'
import { appendedChanges } from './changes'
import {
  arrayValue,
  dictText,
  occurrences,
  type PdfFile,
  type PdfObject,
  refs,
  scanPdf,
  streamData,
} from './objects'

const MAX_PDF_BYTES = 64 * 1024 * 1024
const MAX_SIGNATURES = 50

interface PdfSignatureField {
  range: [number, number, number, number]
  subFilter: string | null
  cms: Buffer | null
  /** The /ByteRange gap is this dictionary's own /Contents. */
  ownGap: boolean
  /** End of the covered bytes: the revision this signature signs. */
  coveredEnd: number
}

function enclosingObject(pdf: PdfFile, pos: number): PdfObject | null {
  let lo = 0
  let hi = pdf.definitions.length - 1
  let best: PdfObject | null = null
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (pdf.definitions[mid].offset <= pos) {
      best = pdf.definitions[mid]
      lo = mid + 1
    } else hi = mid - 1
  }
  return best && pos < best.end ? best : null
}

const BYTE_RANGE = /^\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/
const MAX_BYTE_RANGE_HITS = 10_000
/** A signature dictionary (with its /Contents) longer than this is not read. */
const MAX_SIG_DICT = 4 * 1024 * 1024

function findSignatures(pdf: PdfFile): PdfSignatureField[] {
  const found = new Map<number, PdfSignatureField>()
  for (const pos of occurrences(pdf.bytes, '/ByteRange', MAX_BYTE_RANGE_HITS)) {
    if (found.size >= MAX_SIGNATURES) break
    const m = BYTE_RANGE.exec(pdf.bytes.toString('latin1', pos, pos + 512))
    if (!m) continue
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number]
    const obj = enclosingObject(pdf, pos)
    const key = obj ? obj.offset : pos
    if (found.has(key)) continue
    // The signature dictionary is the enclosing object; its own /Contents must be exactly the gap.
    const from = obj ? obj.offset : Math.max(0, pos - 4096)
    const to = Math.min(obj ? obj.end : pos + 4096, from + MAX_SIG_DICT, pdf.bytes.length)
    const dict = pdf.bytes.toString('latin1', from, to)
    const sf = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dict)
    const contents = /\/Contents\s*<([0-9A-Fa-f\s]*)>/.exec(dict)
    const contentsStart = contents ? from + contents.index + contents[0].indexOf('<') : -1
    const gapStart = range[0] + range[1]
    const ownGap =
      contents !== null &&
      contentsStart === gapStart &&
      contentsStart + contents[0].length - contents[0].indexOf('<') === range[2]
    const cms = contents ? Buffer.from(contents[1].replace(/\s+/g, ''), 'hex') : null
    found.set(key, { range, subFilter: sf ? sf[1] : null, cms, ownGap, coveredEnd: range[2] + range[3] })
  }
  return [...found.values()].sort((a, b) => a.coveredEnd - b.coveredEnd)
}

/** Certificates, OCSP responses and CRLs from every DSS dictionary in the file. */
function dssEvidence(pdf: PdfFile): { certificates: Certificate[]; ocsp: Buffer[]; crls: Buffer[] } {
  const certificates: Certificate[] = []
  const ocsp: Buffer[] = []
  const crls: Buffer[] = []
  const dssNums = new Set<number>()
  for (const pos of occurrences(pdf.bytes, '/DSS', 1000)) {
    const m = /^\/DSS\s+(\d{1,10})\s+\d{1,5}\s+R/.exec(pdf.bytes.toString('latin1', pos, pos + 64))
    if (m) dssNums.add(Number(m[1]))
  }
  for (const num of dssNums) {
    const o = pdf.latest.get(num)
    if (!o) continue
    const dict = dictText(pdf, o)
    for (const [key, sink] of [
      ['Certs', 'cert'],
      ['OCSPs', 'ocsp'],
      ['CRLs', 'crl'],
    ] as const) {
      const arr = arrayValue(pdf, dict, key)
      for (const n of arr ? refs(arr).slice(0, 1000) : []) {
        const so = pdf.latest.get(n)
        const data = so ? streamData(pdf, so) : null
        if (!data) continue
        if (sink === 'ocsp') ocsp.push(data)
        else if (sink === 'crl') crls.push(data)
        else {
          const c = tryParseCertificate(data)
          if (c) certificates.push(c)
        }
      }
    }
  }
  return { certificates, ocsp, crls }
}

/** A document timestamp: by /SubFilter, or a CMS whose content is a TSTInfo. */
function isDocTimestamp(f: PdfSignatureField): boolean {
  if (f.subFilter === 'ETSI.RFC3161') return true
  try {
    return f.cms !== null && parseSignedData(f.cms).contentType === OID.tstInfo
  } catch {
    return false
  }
}

/** A document timestamp verified over its own byte range, judged as archive evidence. */
function judgeDocTimestamp(
  pdf: PdfFile,
  f: PdfSignatureField,
  options: ValidationOptions,
  pool: Certificate[],
): ArchiveFinding {
  const range = rangeFinding(pdf, f)
  if (range.problem !== null || !f.cms)
    return { counts: false, outcome: 'warning', reasonKey: range.reasonKey }
  return judgeArchiveTimestamp(verifyTimestampToken(f.cms, coveredBytes(pdf, f), options.trustStore, pool))
}

function coveredBytes(pdf: PdfFile, f: PdfSignatureField): Buffer {
  const [a, b, c, d] = f.range
  return Buffer.concat([pdf.bytes.subarray(a, a + b), pdf.bytes.subarray(c, c + d)])
}

function rangeFinding(pdf: PdfFile, f: PdfSignatureField): Finding {
  const [a, b, c, d] = f.range
  if (!f.ownGap) return { problem: 'format', reasonKey: 'pdf_byte_range_not_own_contents' }
  if (a !== 0 || a + b > c || c + d > pdf.bytes.length || f.cms === null)
    return { problem: 'format', reasonKey: 'pdf_byte_range_invalid' }
  return { problem: null, reasonKey: 'pdf_byte_range_ok' }
}

/** Revisions appended after the signed one: only signatures and validation data may be added. */
function changesFinding(pdf: PdfFile, f: PdfSignatureField): Finding {
  const changes = appendedChanges(pdf, f.coveredEnd)
  // The signed revision may be intact while the document shown is not the one signed.
  if (changes.modified.length > 0)
    return {
      problem: 'modified',
      reasonKey: 'pdf_modified_after_signing',
      params: { objects: changes.modified.slice(0, 10).join(', ') },
    }
  return {
    problem: null,
    reasonKey: changes.appendedBytes > 0 ? 'pdf_later_updates_allowed' : 'pdf_covers_whole_file',
  }
}

/** The PDF is its own content: listed under the name it came with (folders dropped). */
function ownName(fileName: string): string {
  return fileName.split(/[\\/]/).pop()?.trim() || 'document.pdf'
}

/** A whole file (it ends with %%EOF) with no signature in it is unsigned, not damaged. */
function endsLikeAPdf(bytes: Buffer): boolean {
  return bytes.lastIndexOf('%%EOF', undefined, 'latin1') >= Math.max(0, bytes.length - 1024)
}

export function validatePdf(bytes: Buffer, options: ValidationOptions, fileName = ''): DocumentReport {
  const base = {
    container: 'pdf',
    validationTime: options.validationTime.toISOString(),
    warnings: [] as SignatureCheck[],
  }
  const files = [{ name: ownName(fileName), size: bytes.length, mediaType: 'application/pdf' }]
  if (bytes.length > MAX_PDF_BYTES)
    return { ...base, status: 'FORMAT_ERROR', signatures: [], files, errorKey: 'pdf_too_large' }
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
    return { ...base, status: 'FORMAT_ERROR', signatures: [], files, errorKey: 'pdf_not_pdf' }
  }
  const pdf = scanPdf(bytes)
  const fields = findSignatures(pdf)
  const evidence = dssEvidence(pdf)
  const signatures: SignatureReport[] = []
  // Document timestamps (ETSI.RFC3161) verified first: a valid one covering a signature makes it LTA; a
  // broken one is reported (document warning) and never counts.
  const docTimestamps = fields
    .filter(isDocTimestamp)
    .map((f) => ({ field: f, finding: judgeDocTimestamp(pdf, f, options, evidence.certificates) }))
  for (const t of docTimestamps) {
    if (t.finding.outcome === 'warning')
      base.warnings.push({
        id: 'document-timestamp',
        outcome: 'warning',
        reasonKey: 'pdf_doc_timestamp_invalid',
        params: { reason: t.finding.reasonKey },
      })
  }
  let unreadable = 0
  fields.forEach((f, i) => {
    if (isDocTimestamp(f)) return
    const range = rangeFinding(pdf, f)
    let sd
    try {
      if (!f.cms) throw new Error('no contents')
      sd = parseSignedData(f.cms)
    } catch {
      unreadable++
      return
    }
    if (sd.signers.length === 0) {
      unreadable++
      return
    }
    const later = docTimestamps.filter((t) => t.field.coveredEnd > f.coveredEnd).map((t) => t.finding)
    const archive =
      later.find((t) => t.counts) ?? later.find((t) => t.outcome === 'warning') ?? later[0] ?? null
    const data = range.problem === null ? coveredBytes(pdf, f) : null
    signatures.push(
      assessCmsSignature(`S${i}`, 'PAdES', sd, sd.signers[0], data, options, {
        ...evidence,
        archiveTimestamp: archive,
        before: [{ id: 'byte-range', findings: [range] }],
        after: [{ id: 'changes-after-signing', findings: [changesFinding(pdf, f)] }],
      }),
    )
  })
  if (signatures.length === 0) {
    // README: unsigned files are UNSUPPORTED (there is nothing to validate); a file that breaks off, or
    // whose signatures cannot be read, is FORMAT_ERROR.
    const unsigned = unreadable === 0 && fields.length === 0 && endsLikeAPdf(bytes)
    return {
      ...base,
      status: unsigned ? 'UNSUPPORTED' : 'FORMAT_ERROR',
      signatures,
      files,
      errorKey: unreadable > 0 ? 'pdf_signature_unreadable' : 'pdf_no_signature',
    }
  }
  if (unreadable > 0)
    base.warnings.push({ id: 'pdf-signatures', outcome: 'warning', reasonKey: 'pdf_signature_unreadable' })
  return { ...base, status: documentStatus(signatures, base.warnings), signatures, files, errorKey: null }
}
