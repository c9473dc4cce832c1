/**
 * What was appended after a signed revision. Allowed after signing (PAdES, as DSS permits by default):
 * new objects, a new Catalog revision (adding /DSS or /AcroForm entries), DSS/VRI dictionaries, later
 * signatures and document timestamps with their fields and widget annotations, and pages that only gain
 * /Annots. Anything else that redefines an object of the signed revision is a modification.
 */
import { objectText, type PdfFile } from './objects'

export interface AppendedChanges {
  appendedBytes: number
  /** 'N G' of redefined objects that are not allowed changes. */
  modified: string[]
}

const ALLOWED_TYPES = /\/Type\s*\/(Catalog|DSS|VRI|Sig|DocTimeStamp|XRef|ObjStm|Annot)\b/
const SIGNATURE_FIELD = /\/FT\s*\/Sig\b/
const ACROFORM = /\/Fields\s*\[/

export function appendedChanges(pdf: PdfFile, signedEnd: number): AppendedChanges {
  const tail = pdf.text.slice(signedEnd)
  const appendedBytes = /^[\s%EOF]*$/.test(tail) ? 0 : tail.length
  const modified: string[] = []
  if (appendedBytes === 0) return { appendedBytes, modified }
  const before = new Map<number, string>()
  for (const d of pdf.definitions) if (d.offset < signedEnd) before.set(d.num, objectText(pdf, d))
  for (const d of pdf.definitions) {
    if (d.offset < signedEnd) continue
    const old = before.get(d.num)
    if (old === undefined) continue
    const now = objectText(pdf, d)
    if (ALLOWED_TYPES.test(now) || SIGNATURE_FIELD.test(now) || ACROFORM.test(now)) continue
    if (/\/Type\s*\/Page\b/.test(now) && stripAnnots(now) === stripAnnots(old)) continue
    if (stripHeader(now) === stripHeader(old)) continue
    modified.push(`${d.num} ${d.gen}`)
  }
  return { appendedBytes, modified }
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
