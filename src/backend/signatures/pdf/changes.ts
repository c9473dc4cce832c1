/**
 * What was appended after a signed revision. Allowed after signing (PAdES, as DSS permits by default):
 * new objects, a new Catalog revision (adding /DSS or /AcroForm entries), DSS/VRI dictionaries, later
 * signatures and document timestamps with their fields and widget annotations, and pages that only gain
 * /Annots. Anything else that redefines an object of the signed revision is a modification. Types are read
 * from the dictionaries only (never from stream bodies), and stream bodies are compared as bytes.
 */
import { type PdfFile, type PdfObject, dictText, isSpace, streamBody } from './objects'

export interface AppendedChanges {
  appendedBytes: number
  /** 'N G' of redefined objects that are not allowed changes. */
  modified: string[]
}

const ALLOWED_TYPES = /\/Type\s*\/(Catalog|DSS|VRI|Sig|DocTimeStamp|XRef|ObjStm|Annot)\b/
const SIGNATURE_FIELD = /\/FT\s*\/Sig\b/
const ACROFORM = /\/Fields\s*\[/
/** Dictionaries longer than this are compared as raw bytes instead of normalised text. */
const MAX_COMPARED_TEXT = 512 * 1024

/** Only whitespace, `%`, `E`, `O`, `F` after the signed revision (trailing %%EOF / line ends). */
function onlyTrailer(bytes: Buffer, from: number): boolean {
  for (let i = from; i < bytes.length; i++) {
    const b = bytes[i]
    if (!isSpace(b) && b !== 0x25 && b !== 0x45 && b !== 0x4f && b !== 0x46) return false
  }
  return true
}

export function appendedChanges(pdf: PdfFile, signedEnd: number): AppendedChanges {
  const appendedBytes = onlyTrailer(pdf.bytes, signedEnd) ? 0 : pdf.bytes.length - signedEnd
  const modified: string[] = []
  if (appendedBytes === 0) return { appendedBytes, modified }
  const before = new Map<number, PdfObject>()
  for (const d of pdf.definitions) if (d.offset < signedEnd) before.set(d.num, d)
  for (const d of pdf.definitions) {
    if (d.offset < signedEnd) continue
    const old = before.get(d.num)
    if (old === undefined) continue
    const now = dictText(pdf, d)
    if (ALLOWED_TYPES.test(now) || SIGNATURE_FIELD.test(now) || ACROFORM.test(now)) continue
    if (!sameObject(pdf, d, old, now)) modified.push(`${d.num} ${d.gen}`)
  }
  return { appendedBytes, modified }
}

function sameObject(pdf: PdfFile, d: PdfObject, old: PdfObject, now: string): boolean {
  const was = dictText(pdf, old)
  if (now.length >= MAX_COMPARED_TEXT || was.length >= MAX_COMPARED_TEXT) return sameBytes(pdf, d, old)
  const a = streamBody(pdf, d)
  const b = streamBody(pdf, old)
  if ((a === null) !== (b === null) || (a && b && !a.equals(b))) return false
  if (/\/Type\s*\/Page\b/.test(now) && stripAnnots(now) === stripAnnots(was)) return true
  return stripHeader(now) === stripHeader(was)
}

/** Raw comparison of two object bodies after their `N G obj` headers. */
function sameBytes(pdf: PdfFile, d: PdfObject, old: PdfObject): boolean {
  const body = (o: PdfObject) => {
    const at = pdf.bytes.indexOf('obj', o.offset, 'latin1') + 3
    return pdf.bytes.subarray(at, o.end)
  }
  return body(d).equals(body(old))
}

function stripHeader(t: string): string {
  return t
    .replace(/^\d+\s+\d+\s+obj/, '')
    .replace(/\s+/g, ' ')
    .trim()
}

function stripAnnots(t: string): string {
  return stripHeader(t).replace(/\/Annots\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/, '')
}
