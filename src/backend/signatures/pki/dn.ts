/**
 * Distinguished names written as text (RFC 4514 / RFC 2253, and RFC 1779's ';' and quotes as met in the
 * wild), e.g. XAdES X509IssuerName, compared with a certificate's DER name by normalised RDNs: attribute
 * types as OIDs (short names, `OID.` prefixes and numeric forms alike), `#hex` BER values decoded, escapes
 * undone, values trimmed, inner whitespace collapsed and case-folded.
 */
import { parseAsn1, text } from './asn1'
import type { DistinguishedName } from './x509'

const TYPES: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  SURNAME: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  S: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  T: '2.5.4.12',
  TITLE: '2.5.4.12',
  NAME: '2.5.4.41',
  G: '2.5.4.42',
  GN: '2.5.4.42',
  GIVENNAME: '2.5.4.42',
  INITIALS: '2.5.4.43',
  GENERATIONQUALIFIER: '2.5.4.44',
  DNQUALIFIER: '2.5.4.46',
  PSEUDONYM: '2.5.4.65',
  ORGANIZATIONIDENTIFIER: '2.5.4.97',
  E: '1.2.840.113549.1.9.1',
  EMAIL: '1.2.840.113549.1.9.1',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  DC: '0.9.2342.19200300.100.1.25',
  UID: '0.9.2342.19200300.100.1.1',
}

const MAX_DN_LENGTH = 8192

export interface TextAttr {
  type: string
  value: string
}

function typeOid(t: string): string | null {
  const s = t.trim().replace(/^oid\./i, '')
  if (/^\d+(\.\d+)+$/.test(s)) return s
  return TYPES[s.toUpperCase()] ?? null
}

const normalise = (v: string) => v.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

/** Parse a textual DN into RDNs (in written order); null when malformed. */
export function parseDnText(dn: string): TextAttr[][] | null {
  if (dn.length > MAX_DN_LENGTH) return null
  const rdns: TextAttr[][] = []
  let rdn: TextAttr[] = []
  let i = 0
  while (i < dn.length) {
    const eq = dn.indexOf('=', i)
    if (eq < 0) return null
    const type = typeOid(dn.slice(i, eq))
    if (!type) return null
    i = eq + 1
    while (dn[i] === ' ') i++
    let value: string
    if (dn[i] === '#') {
      const m = /^#([0-9a-fA-F]*)/.exec(dn.slice(i))!
      i += m[0].length
      try {
        value = text(parseAsn1(Buffer.from(m[1], 'hex')))
      } catch {
        return null
      }
    } else if (dn[i] === '"') {
      const end = dn.indexOf('"', i + 1)
      if (end < 0) return null
      value = dn.slice(i + 1, end)
      i = end + 1
    } else {
      // Plain value: `\X` escapes a special character, `\HH` a byte of the UTF-8 encoding.
      const bytes: number[] = []
      while (i < dn.length && dn[i] !== ',' && dn[i] !== ';' && dn[i] !== '+') {
        if (dn[i] === '\\') {
          const hex = /^[0-9a-fA-F]{2}/.exec(dn.slice(i + 1, i + 3))
          if (hex) {
            bytes.push(parseInt(hex[0], 16))
            i += 3
            continue
          }
          if (i + 1 >= dn.length) return null
          i++
        }
        const cp = dn.codePointAt(i)!
        bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'))
        i += cp > 0xffff ? 2 : 1
      }
      value = Buffer.from(bytes).toString('utf8')
    }
    rdn.push({ type, value: normalise(value) })
    while (dn[i] === ' ') i++
    if (i >= dn.length || dn[i] === ',' || dn[i] === ';') {
      rdns.push(rdn)
      rdn = []
    } else if (dn[i] !== '+') return null
    i++
  }
  return rdns.length > 0 ? rdns : null
}

const key = (rdn: TextAttr[]) =>
  rdn
    .map((a) => `${a.type}=${a.value}`)
    .sort()
    .join('+')

/**
 * Does the textual DN name `name`? RFC 4514 writes the most specific RDN first (reverse of the DER order);
 * the forward order, which some signers write, is accepted too — the attributes must still all match.
 */
export function dnTextMatches(dn: string, name: DistinguishedName): boolean {
  const rdns = parseDnText(dn)
  if (!rdns) return false
  const written = rdns.map(key)
  // x509 flattens multi-valued RDNs: compare attribute by attribute where every RDN has one value.
  const actual = name.attrs.map((a) => key([{ type: a.type, value: normalise(a.value) }]))
  if (rdns.some((r) => r.length > 1)) {
    const flat = rdns.flat().map((a) => key([a]))
    return sameMultiset(flat, actual) && flat.length === actual.length
  }
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, j) => x === b[j])
  return same([...written].reverse(), actual) || same(written, actual)
}

function sameMultiset(a: string[], b: string[]): boolean {
  const x = [...a].sort()
  const y = [...b].sort()
  return x.length === y.length && x.every((v, i) => v === y[i])
}
