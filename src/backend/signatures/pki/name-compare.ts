/**
 * Distinguished names compared as RFC 5280 §7.1 asks (and DSS does): the same number of RDNs in the same
 * order, each RDN the same set of attributes (order inside a multi-valued RDN does not matter), and each
 * DirectoryString value compared after RFC 4518 preparation (NFKC, case folded, insignificant spaces
 * removed) whatever its string type — so a PrintableString and a UTF8String of the same text are equal.
 * IA5String values (e-mail addresses, domain components) compare case-insensitively; other values by
 * their DER bytes.
 */
import { type Asn1, TAG, content, oid, parseAsn1, text } from './asn1'

const DIRECTORY_STRINGS = new Set<number>([TAG.UTF8, TAG.PRINTABLE, TAG.T61, TAG.UNIVERSAL_STRING, TAG.BMP])

/** RFC 4518 string preparation, reduced to what matters for comparison: NFKC, case fold, spaces. */
export function prepareString(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

function valueKey(v: Asn1 | undefined): string {
  if (!v) return ''
  if (v.cls === 0 && DIRECTORY_STRINGS.has(v.tagNo)) return `s:${prepareString(text(v))}`
  if (v.cls === 0 && v.tagNo === TAG.IA5) return `s:${text(v).trim().toLowerCase()}`
  return `b:${v.tagNo}:${content(v).toString('hex')}`
}

function rdnKey(rdn: Asn1): string {
  return rdn.children
    .map((atv) => `${oid(atv.children[0])}=${valueKey(atv.children[1])}`)
    .sort()
    .join('+')
}

/** RDN keys of a DER Name (most general first, as encoded); null when it is not a Name. */
export function nameRdnKeys(name: Asn1 | Buffer): string[] | null {
  try {
    const n = Buffer.isBuffer(name) ? parseAsn1(name) : name
    if (n.cls !== 0 || n.tagNo !== TAG.SEQUENCE) return null
    return n.children.map(rdnKey)
  } catch {
    return null
  }
}

/** RFC 5280 §7.1 name match of two DER Names. */
export function namesMatch(a: Asn1 | Buffer, b: Asn1 | Buffer): boolean {
  const x = nameRdnKeys(a)
  const y = nameRdnKeys(b)
  return !!x && !!y && x.length === y.length && x.every((k, i) => k === y[i])
}
