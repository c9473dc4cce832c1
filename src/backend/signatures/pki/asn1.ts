/**
 * A small DER/BER TLV reader that keeps byte offsets. forge's asn1.fromDer drops the original encoding,
 * but CMS verification must hash the signed attributes exactly as received (BER, unsorted SETs), so the
 * tree here points back into the input. forge is used for the value decoders (OIDs, times, integers).
 * Input is hostile: depth and node-count caps, every length checked against the buffer.
 */
import forge from 'node-forge'

export class Asn1Error extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Asn1Error'
  }
}

export interface Asn1 {
  /** 0 universal, 1 application, 2 context, 3 private. */
  cls: number
  constructed: boolean
  tagNo: number
  /** Offsets into `buf`: header start, content start, content end, element end (incl. end-of-contents). */
  start: number
  contentStart: number
  contentEnd: number
  end: number
  children: Asn1[]
  buf: Buffer
}

const MAX_DEPTH = 48
const MAX_NODES = 500_000

export const TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8: 12,
  SEQUENCE: 16,
  SET: 17,
  PRINTABLE: 19,
  T61: 20,
  IA5: 22,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24,
  UNIVERSAL_STRING: 28,
  BMP: 30,
} as const

interface Budget {
  nodes: number
}

function readNode(buf: Buffer, pos: number, limit: number, depth: number, budget: Budget): Asn1 {
  if (depth > MAX_DEPTH) throw new Asn1Error('asn1: too deep')
  if (++budget.nodes > MAX_NODES) throw new Asn1Error('asn1: too many elements')
  const start = pos
  if (pos >= limit) throw new Asn1Error('asn1: truncated tag')
  const first = buf[pos++]
  const cls = first >> 6
  const constructed = (first & 0x20) !== 0
  let tagNo = first & 0x1f
  if (tagNo === 0x1f) {
    tagNo = 0
    for (let i = 0; ; i++) {
      if (pos >= limit || i > 3) throw new Asn1Error('asn1: bad tag')
      const b = buf[pos++]
      tagNo = tagNo * 128 + (b & 0x7f)
      if ((b & 0x80) === 0) break
    }
  }
  if (pos >= limit) throw new Asn1Error('asn1: truncated length')
  const lenByte = buf[pos++]
  const children: Asn1[] = []
  if (lenByte === 0x80) {
    // BER indefinite length: only for constructed encodings, ends at 00 00.
    if (!constructed) throw new Asn1Error('asn1: indefinite primitive')
    const contentStart = pos
    for (;;) {
      if (pos + 2 > limit) throw new Asn1Error('asn1: missing end-of-contents')
      if (buf[pos] === 0 && buf[pos + 1] === 0) {
        return { cls, constructed, tagNo, start, contentStart, contentEnd: pos, end: pos + 2, children, buf }
      }
      const child = readNode(buf, pos, limit, depth + 1, budget)
      children.push(child)
      pos = child.end
    }
  }
  let len = lenByte
  if (lenByte & 0x80) {
    const n = lenByte & 0x7f
    if (n > 4 || pos + n > limit) throw new Asn1Error('asn1: bad length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]
  }
  const contentStart = pos
  const contentEnd = pos + len
  if (contentEnd > limit) throw new Asn1Error('asn1: length beyond input')
  if (constructed) {
    while (pos < contentEnd) {
      const child = readNode(buf, pos, contentEnd, depth + 1, budget)
      children.push(child)
      pos = child.end
    }
  }
  return { cls, constructed, tagNo, start, contentStart, contentEnd, end: contentEnd, children, buf }
}

/** Parse one element at the start of `buf`; trailing bytes are allowed only when `allowTrailing`. */
export function parseAsn1(buf: Buffer, allowTrailing = false): Asn1 {
  const node = readNode(buf, 0, buf.length, 0, { nodes: 0 })
  if (!allowTrailing && node.end !== buf.length) throw new Asn1Error('asn1: trailing bytes')
  return node
}

export const raw = (n: Asn1): Buffer => n.buf.subarray(n.start, n.end)
export const content = (n: Asn1): Buffer => n.buf.subarray(n.contentStart, n.contentEnd)

export function isUniversal(n: Asn1 | undefined, tagNo: number): n is Asn1 {
  return n !== undefined && n.cls === 0 && n.tagNo === tagNo
}
export function isContext(n: Asn1 | undefined, tagNo: number): n is Asn1 {
  return n !== undefined && n.cls === 2 && n.tagNo === tagNo
}

export function expect(n: Asn1 | undefined, tagNo: number, what: string): Asn1 {
  if (!isUniversal(n, tagNo)) throw new Asn1Error(`asn1: expected ${what}`)
  return n
}

export function child(n: Asn1, i: number, what: string): Asn1 {
  const c = n.children[i]
  if (!c) throw new Asn1Error(`asn1: missing ${what}`)
  return c
}

/** OCTET STRING value; BER constructed strings are concatenated. */
export function octets(n: Asn1): Buffer {
  if (!n.constructed) return content(n)
  return Buffer.concat(n.children.map(octets))
}

export function oid(n: Asn1 | undefined): string {
  const o = expect(n, TAG.OID, 'OID')
  return forge.asn1.derToOid(forge.util.createBuffer(content(o).toString('binary')))
}

/** INTEGER as lowercase hex without leading zero padding (serial numbers). */
export function integerHex(n: Asn1 | undefined): string {
  const b = content(expect(n, TAG.INTEGER, 'INTEGER'))
  let i = 0
  while (i < b.length - 1 && b[i] === 0) i++
  return b.subarray(i).toString('hex')
}

export function smallInt(n: Asn1 | undefined): number {
  const b = content(expect(n, TAG.INTEGER, 'INTEGER'))
  if (b.length > 4) throw new Asn1Error('asn1: integer too large')
  return b.length === 0 ? 0 : b.readIntBE(0, b.length)
}

export function time(n: Asn1 | undefined): Date {
  if (!n || n.cls !== 0) throw new Asn1Error('asn1: expected time')
  const s = content(n).toString('latin1')
  let d: Date
  if (n.tagNo === TAG.UTC_TIME) d = forge.asn1.utcTimeToDate(s)
  else if (n.tagNo === TAG.GENERALIZED_TIME) d = forge.asn1.generalizedTimeToDate(s)
  else throw new Asn1Error('asn1: expected time')
  if (Number.isNaN(d.getTime())) throw new Asn1Error('asn1: bad time')
  return d
}

/** Any X.500 directory string as text. */
export function text(n: Asn1): string {
  const b = content(n)
  switch (n.tagNo) {
    case TAG.BMP:
      return Buffer.from(b.subarray(0, b.length & ~1))
        .swap16()
        .toString('utf16le')
    case TAG.UNIVERSAL_STRING: {
      let s = ''
      for (let i = 0; i + 4 <= b.length; i += 4)
        s += String.fromCodePoint(Math.min(b.readUInt32BE(i), 0x10ffff))
      return s
    }
    case TAG.T61:
      return b.toString('latin1')
    default:
      return b.toString('utf8')
  }
}

/** BIT STRING payload (first byte = unused bits). */
export function bitString(n: Asn1 | undefined): { unused: number; bytes: Buffer } {
  const b = content(expect(n, TAG.BIT_STRING, 'BIT STRING'))
  if (b.length === 0) throw new Asn1Error('asn1: empty bit string')
  return { unused: b[0], bytes: b.subarray(1) }
}

/** DER encoding of a SET OF with the elements sorted (X.690 11.6), for the signed-attributes retry. */
export function derSortedSet(elements: Buffer[]): Buffer {
  const sorted = [...elements].sort(Buffer.compare)
  const body = Buffer.concat(sorted)
  return Buffer.concat([Buffer.from([0x31]), derLength(body.length), body])
}

export function derLength(len: number): Buffer {
  if (len < 0x80) return Buffer.from([len])
  const bytes: number[] = []
  for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** Re-encode a (possibly BER) element as DER for constructed/definite-length parts we hash. */
export function toDer(n: Asn1): Buffer {
  const tagBytes = raw(n).subarray(0, headerTagLength(n))
  const first = Buffer.from(tagBytes)
  if (!n.constructed) {
    const c = content(n)
    return Buffer.concat([first, derLength(c.length), c])
  }
  // Constructed strings (BER) become primitive in DER.
  if (n.cls === 0 && (n.tagNo === TAG.OCTET_STRING || n.tagNo === TAG.BIT_STRING || n.tagNo === TAG.UTF8)) {
    const c = octets(n)
    first[0] &= ~0x20
    return Buffer.concat([first, derLength(c.length), c])
  }
  const parts = n.children.map(toDer)
  if (n.cls === 0 && n.tagNo === TAG.SET) parts.sort(Buffer.compare)
  const body = Buffer.concat(parts)
  return Buffer.concat([first, derLength(body.length), body])
}

function headerTagLength(n: Asn1): number {
  if ((n.buf[n.start] & 0x1f) !== 0x1f) return 1
  let i = n.start + 1
  while (n.buf[i] & 0x80) i++
  return i - n.start + 1
}
