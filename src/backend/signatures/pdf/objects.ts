/**
 * A forgiving PDF object scanner for signature validation. It never follows cross-reference tables or
 * /Prev chains (so looping xrefs cannot hang it): it scans the bytes for `N G obj` headers once, keeps
 * the last definition of each object, and decodes streams with an output cap. Enough to read signature
 * dictionaries and the DSS; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib'

const MAX_OBJECTS = 200_000
const MAX_STREAM_OUT = 16 * 1024 * 1024

export interface PdfObject {
  num: number
  gen: number
  /** Offset of the `N G obj` header. */
  offset: number
  /** Offset just after `endobj` (or the next header). */
  end: number
}

export interface PdfFile {
  bytes: Buffer
  text: string
  /** Every definition in file order (incremental updates may redefine a number). */
  definitions: PdfObject[]
  /** Last definition per object number. */
  latest: Map<number, PdfObject>
}

export function scanPdf(bytes: Buffer): PdfFile {
  const text = bytes.toString('latin1')
  const definitions: PdfObject[] = []
  const re = /(?<![0-9])(\d{1,10})\s+(\d{1,5})\s+obj\b/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null && definitions.length < MAX_OBJECTS) {
    definitions.push({ num: Number(m[1]), gen: Number(m[2]), offset: m.index, end: text.length })
  }
  for (let i = 0; i < definitions.length; i++) {
    const limit = i + 1 < definitions.length ? definitions[i + 1].offset : text.length
    const e = text.lastIndexOf('endobj', limit)
    definitions[i].end = e > definitions[i].offset ? e + 6 : limit
  }
  const latest = new Map<number, PdfObject>()
  for (const d of definitions) latest.set(d.num, d)
  return { bytes, text, definitions, latest }
}

export function objectText(pdf: PdfFile, o: PdfObject): string {
  return pdf.text.slice(o.offset, o.end)
}

/** Decoded stream data of an object (FlateDecode or none), or null. */
export function streamData(pdf: PdfFile, o: PdfObject): Buffer | null {
  const t = objectText(pdf, o)
  const s = /stream\r?\n/.exec(t)
  if (!s) return null
  const start = o.offset + s.index + s[0].length
  const endRel = t.lastIndexOf('endstream')
  if (endRel < 0) return null
  let end = o.offset + endRel
  const dict = t.slice(0, s.index)
  const len = streamLength(pdf, dict)
  if (len !== null && start + len <= end) end = start + len
  else while (end > start && (pdf.bytes[end - 1] === 0x0a || pdf.bytes[end - 1] === 0x0d)) end--
  const data = pdf.bytes.subarray(start, end)
  if (/\/Filter\s*\/FlateDecode/.test(dict) || /\/Filter\s*\[\s*\/FlateDecode\s*\]/.test(dict)) {
    try {
      return inflateSync(data, { maxOutputLength: MAX_STREAM_OUT })
    } catch {
      return null
    }
  }
  return /\/Filter/.test(dict) ? null : Buffer.from(data)
}

/** /Length, direct or as an indirect integer object. */
function streamLength(pdf: PdfFile, dict: string): number | null {
  const ind = /\/Length\s+(\d+)\s+\d+\s+R/.exec(dict)
  if (ind) {
    const o = pdf.latest.get(Number(ind[1]))
    const v = o ? /obj\s+(\d+)\s+endobj/.exec(objectText(pdf, o)) : null
    return v ? Number(v[1]) : null
  }
  const direct = /\/Length\s+(\d+)\b/.exec(dict)
  return direct ? Number(direct[1]) : null
}

/** Indirect references `N G R` in a snippet of PDF text. */
export function refs(snippet: string): number[] {
  return [...snippet.matchAll(/(\d{1,10})\s+\d{1,5}\s+R\b/g)].map((m) => Number(m[1]))
}

/** The text of an array value `/Key [ ... ]` (direct) or of the referenced array object. */
export function arrayValue(pdf: PdfFile, dict: string, key: string): string | null {
  const direct = new RegExp(`/${key}\\s*\\[([^\\]]*)\\]`).exec(dict)
  if (direct) return direct[1]
  const ind = new RegExp(`/${key}\\s+(\\d+)\\s+\\d+\\s+R`).exec(dict)
  if (!ind) return null
  const o = pdf.latest.get(Number(ind[1]))
  if (!o) return null
  const a = /\[([^\]]*)\]/.exec(objectText(pdf, o))
  return a ? a[1] : null
}
