/**
 * A forgiving PDF object scanner for signature validation. It never follows cross-reference tables or
 * /Prev chains (so looping xrefs cannot hang it): it finds `N G obj` headers in one forward pass with
 * Buffer.indexOf, pairs each with its last `endobj` in a second linear pass, keeps the last definition of
 * each object, and decodes streams with an output cap. Nothing runs a regular expression over the whole
 * file, and large stream bodies are never turned into strings. Enough to read signature dictionaries and
 * the DSS; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib'

const MAX_OBJECTS = 200_000
const MAX_STREAM_OUT = 16 * 1024 * 1024
/** Dictionaries longer than this are not read as text (a hostile object cannot make us copy 50 MB). */
const MAX_DICT_TEXT = 1024 * 1024

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
  /** The whole file as latin1 text, made on first use only (tests and diagnostics). */
  readonly text: string
  /** Every definition in file order (incremental updates may redefine a number). */
  definitions: PdfObject[]
  /** Last definition per object number. */
  latest: Map<number, PdfObject>
}

/** The whitespace of the former `\s` pattern (space, TAB, LF, VT, FF, CR). */
export const isSpace = (b: number): boolean => b === 0x20 || (b >= 0x09 && b <= 0x0d)
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39
const isWordChar = (b: number): boolean =>
  isDigit(b) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f

/** The decimal value of bytes[from, to) (digits only, at most 10). */
function decimal(bytes: Uint8Array, from: number, to: number): number {
  let v = 0
  for (let k = from; k < to; k++) v = v * 10 + (bytes[k] - 0x30)
  return v
}

/** `N G obj` ending at `pos` (the offset of `obj`): its header offset, number and generation, or null. */
function headerBefore(bytes: Uint8Array, pos: number): { offset: number; num: number; gen: number } | null {
  let i = pos - 1
  const spaceEnd = i
  while (i >= 0 && isSpace(bytes[i])) i--
  if (i === spaceEnd) return null
  const genEnd = i
  while (i >= 0 && isDigit(bytes[i]) && genEnd - i < 6) i--
  if (i === genEnd || genEnd - i > 5) return null
  const gen = decimal(bytes, i + 1, genEnd + 1)
  const space2 = i
  while (i >= 0 && isSpace(bytes[i])) i--
  if (i === space2) return null
  const numEnd = i
  while (i >= 0 && isDigit(bytes[i]) && numEnd - i < 11) i--
  if (i === numEnd || numEnd - i > 10) return null
  if (i >= 0 && isDigit(bytes[i])) return null
  return { offset: i + 1, num: decimal(bytes, i + 1, numEnd + 1), gen }
}

export function scanPdf(bytes: Buffer): PdfFile {
  const definitions: PdfObject[] = []
  // One forward pass over the bytes: `obj` after `N G ` opens a definition, `endobj` closes the current one
  // (its last `endobj` before the next header wins).
  const u = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
  let current: PdfObject | null = null
  // Jump from `j` to `j` with the native single-byte search (memchr), then look back for `ob`.
  for (let j = bytes.indexOf(0x6a, 2); j >= 0; j = bytes.indexOf(0x6a, j + 1)) {
    const i = j - 2
    if (u[i] !== 0x6f || u[i + 1] !== 0x62) continue
    if (i >= 3 && u[i - 1] === 0x64 && u[i - 2] === 0x6e && u[i - 3] === 0x65) {
      if (current && i - 3 > current.offset) current.end = i + 3
      continue
    }
    if (i + 3 < u.length && isWordChar(u[i + 3])) continue
    const h = headerBefore(u, i)
    if (!h) continue
    if (definitions.length >= MAX_OBJECTS) break
    if (current && current.end > h.offset) current.end = h.offset
    // Fields spelt out: an object spread here costs microseconds per object.
    current = { num: h.num, gen: h.gen, offset: h.offset, end: bytes.length }
    definitions.push(current)
  }
  // An object without its own `endobj` runs to the next header (or the end of the file).
  for (let k = 0; k < definitions.length; k++) {
    const limit = k + 1 < definitions.length ? definitions[k + 1].offset : bytes.length
    if (definitions[k].end > limit || definitions[k].end <= definitions[k].offset) definitions[k].end = limit
  }
  const latest = new Map<number, PdfObject>()
  for (const def of definitions) latest.set(def.num, def)
  let text: string | null = null
  return {
    bytes,
    get text() {
      text ??= bytes.toString('latin1')
      return text
    },
    definitions,
    latest,
  }
}

export function objectText(pdf: PdfFile, o: PdfObject): string {
  return pdf.bytes.toString('latin1', o.offset, o.end)
}

/** Offset of the `stream` keyword of an object, or -1. */
function streamKeyword(pdf: PdfFile, o: PdfObject): number {
  const s = pdf.bytes.indexOf('stream', o.offset, 'latin1')
  return s >= 0 && s < o.end ? s : -1
}

/** The object's text before any stream body (its dictionary), capped. */
export function dictText(pdf: PdfFile, o: PdfObject): string {
  const s = streamKeyword(pdf, o)
  const end = Math.min(s >= 0 ? s : o.end, o.offset + MAX_DICT_TEXT)
  return pdf.bytes.toString('latin1', o.offset, end)
}

/** The raw stream body bytes of an object (between `stream` EOL and `endstream`), or null. */
export function streamBody(pdf: PdfFile, o: PdfObject): Buffer | null {
  const s = streamKeyword(pdf, o)
  if (s < 0) return null
  let start = s + 6
  if (pdf.bytes[start] === 0x0d) start++
  if (pdf.bytes[start] !== 0x0a) return null
  start++
  const endKw = pdf.bytes.lastIndexOf('endstream', o.end, 'latin1')
  if (endKw < start) return null
  let end = endKw
  const len = streamLength(pdf, pdf.bytes.toString('latin1', o.offset, Math.min(s, o.offset + MAX_DICT_TEXT)))
  if (len !== null && start + len <= end) end = start + len
  else while (end > start && (pdf.bytes[end - 1] === 0x0a || pdf.bytes[end - 1] === 0x0d)) end--
  return pdf.bytes.subarray(start, end)
}

/** Decoded stream data of an object (FlateDecode or none), or null. */
export function streamData(pdf: PdfFile, o: PdfObject): Buffer | null {
  const data = streamBody(pdf, o)
  if (!data) return null
  const dict = dictText(pdf, o)
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
    const v = o ? /obj\s+(\d+)\s+endobj/.exec(dictText(pdf, o)) : null
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
  const a = /\[([^\]]*)\]/.exec(dictText(pdf, o))
  return a ? a[1] : null
}

/** Every offset of `needle` in the file, in order, at most `max` (one linear indexOf pass). */
export function occurrences(bytes: Buffer, needle: string, max: number): number[] {
  const out: number[] = []
  let p = bytes.indexOf(needle, 0, 'latin1')
  while (p >= 0 && out.length < max) {
    out.push(p)
    p = bytes.indexOf(needle, p + needle.length, 'latin1')
  }
  return out
}
