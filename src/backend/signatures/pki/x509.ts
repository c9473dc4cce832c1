/**
 * X.509 certificates for the validator. Parsing goes through our offset-keeping ASN.1 reader (works for
 * RSA, RSA-PSS and EC keys alike — forge.pki cannot load EC certificates); the key and certificate
 * signature checks go through Node's crypto (X509Certificate / createPublicKey).
 */
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto'
import {
  type Asn1,
  Asn1Error,
  TAG,
  bitString,
  child,
  content,
  expect,
  integerHex,
  isContext,
  isUniversal,
  octets,
  oid,
  parseAsn1,
  raw,
  text,
  time,
} from './asn1'
import { NAME_ATTRS, OID } from './oids'

export interface NameAttr {
  type: string
  /** Short name (CN, O, serialNumber, ...) or the OID when unknown. */
  name: string
  value: string
}

export interface DistinguishedName {
  attrs: NameAttr[]
  /** DER of the Name, for exact issuer/subject comparison. */
  der: Buffer
}

export interface Certificate {
  der: Buffer
  tbs: Buffer
  serialHex: string
  issuer: DistinguishedName
  subject: DistinguishedName
  notBefore: Date
  notAfter: Date
  /** SubjectPublicKeyInfo DER. */
  spki: Buffer
  publicKey: KeyObject
  keyType: string
  /** RSA modulus bits or EC curve size in bits. */
  keyBits: number
  curve: string | null
  /** Hex keyUsage bit names present, e.g. 'digitalSignature', 'nonRepudiation', 'keyCertSign'. */
  keyUsage: string[] | null
  extKeyUsage: string[]
  isCa: boolean
  subjectKeyId: Buffer | null
  authorityKeyId: Buffer | null
  qc: { compliance: boolean; sscd: boolean; types: string[] }
  policies: string[]
  ocspNoCheck: boolean
  signatureAlgorithm: string
  x509: X509Certificate
}

const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
]

export function parseName(n: Asn1): DistinguishedName {
  expect(n, TAG.SEQUENCE, 'Name')
  const attrs: NameAttr[] = []
  for (const rdn of n.children) {
    for (const atv of rdn.children) {
      const type = oid(atv.children[0])
      const v = atv.children[1]
      attrs.push({ type, name: NAME_ATTRS[type] ?? type, value: v ? text(v) : '' })
    }
  }
  return { attrs, der: raw(n) }
}

export function nameAttr(dn: DistinguishedName, short: string): string | null {
  return dn.attrs.find((a) => a.name === short)?.value ?? null
}

/** RFC 4514-like text, most specific first as usually shown (CN=..., O=..., C=...). */
export function formatName(dn: DistinguishedName): string {
  return [...dn.attrs]
    .reverse()
    .map((a) => `${a.name}=${a.value}`)
    .join(', ')
}

/** Person-friendly name: CN, else "GN SN", else O. */
export function displayName(dn: DistinguishedName): string | null {
  const gn = nameAttr(dn, 'GN')
  const sn = nameAttr(dn, 'SN')
  return nameAttr(dn, 'CN') ?? (gn && sn ? `${gn} ${sn}` : null) ?? nameAttr(dn, 'O')
}

function parseExtensions(ext: Asn1, cert: Partial<Certificate>): void {
  for (const e of child(ext, 0, 'extensions').children) {
    const id = oid(e.children[0])
    const valueNode = e.children[e.children.length - 1]
    const inner = parseAsn1(octets(expect(valueNode, TAG.OCTET_STRING, 'extnValue')))
    switch (id) {
      case OID.keyUsage: {
        const { bytes } = bitString(inner)
        cert.keyUsage = KEY_USAGE_BITS.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0)
        break
      }
      case OID.extKeyUsage:
        cert.extKeyUsage = inner.children.map((c) => oid(c))
        break
      case OID.basicConstraints: {
        const b = inner.children[0]
        cert.isCa = isUniversal(b, TAG.BOOLEAN) && content(b)[0] !== 0
        break
      }
      case OID.subjectKeyId:
        cert.subjectKeyId = octets(inner)
        break
      case OID.authorityKeyId: {
        const k = inner.children.find((c) => isContext(c, 0))
        cert.authorityKeyId = k ? content(k) : null
        break
      }
      case OID.qcStatements:
        for (const st of inner.children) {
          const sid = oid(st.children[0])
          if (sid === OID.qcCompliance) cert.qc!.compliance = true
          if (sid === OID.qcSSCD) cert.qc!.sscd = true
          if (sid === OID.qcType && st.children[1])
            cert.qc!.types = st.children[1].children.map((c) => oid(c))
        }
        break
      case OID.certificatePolicies:
        cert.policies = inner.children.map((p) => oid(p.children[0]))
        break
      case OID.ocspNoCheck:
        cert.ocspNoCheck = true
        break
    }
  }
}

/** Parse a DER certificate; throws Asn1Error (or a crypto error) on malformed input. */
/**
 * Parsed certificates by their DER: the same CA, TSA and OCSP certificates arrive in every document (and
 * several times in one), and building the key objects dominated validation time. A Certificate is never
 * changed after parsing (frozen), so sharing one is safe; the map is bounded, oldest entry out first.
 */
const PARSED = new Map<string, Certificate>()
const MAX_PARSED = 4096

export function parseCertificate(der: Buffer): Certificate {
  const key = der.toString('base64')
  const known = PARSED.get(key)
  if (known) return known
  const cert = Object.freeze(parseCertificateUncached(der))
  if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value as string)
  PARSED.set(key, cert)
  return cert
}

function parseCertificateUncached(der: Buffer): Certificate {
  const root = parseAsn1(der)
  const tbs = expect(child(root, 0, 'tbsCertificate'), TAG.SEQUENCE, 'tbsCertificate')
  let i = 0
  if (isContext(tbs.children[0], 0)) i++
  const serialHex = integerHex(tbs.children[i++])
  i++ // inner signature AlgorithmIdentifier
  const issuer = parseName(child(tbs, i++, 'issuer'))
  const validity = child(tbs, i++, 'validity')
  const subject = parseName(child(tbs, i++, 'subject'))
  const spkiNode = expect(child(tbs, i++, 'subjectPublicKeyInfo'), TAG.SEQUENCE, 'SubjectPublicKeyInfo')
  const spki = Buffer.from(raw(spkiNode))
  const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' })
  const details = publicKey.asymmetricKeyDetails ?? {}
  const curve = details.namedCurve ?? null
  const keyBits = details.modulusLength ?? (curve ? curveBits(curve) : 0)
  const cert: Certificate = {
    der: Buffer.from(der),
    tbs: Buffer.from(raw(tbs)),
    serialHex,
    issuer,
    subject,
    notBefore: time(validity.children[0]),
    notAfter: time(validity.children[1]),
    spki,
    publicKey,
    keyType: publicKey.asymmetricKeyType ?? 'unknown',
    keyBits,
    curve,
    keyUsage: null,
    extKeyUsage: [],
    isCa: false,
    subjectKeyId: null,
    authorityKeyId: null,
    qc: { compliance: false, sscd: false, types: [] },
    policies: [],
    ocspNoCheck: false,
    signatureAlgorithm: oid(child(root, 1, 'signatureAlgorithm').children[0]),
    x509: new X509Certificate(der),
  }
  for (; i < tbs.children.length; i++) {
    if (isContext(tbs.children[i], 3)) parseExtensions(tbs.children[i], cert)
  }
  return cert
}

/** parseCertificate that answers null instead of throwing (hostile input). */
export function tryParseCertificate(der: Buffer): Certificate | null {
  try {
    return parseCertificate(der)
  } catch (e) {
    if (e instanceof Asn1Error || e instanceof Error) return null
    throw e
  }
}

function curveBits(curve: string): number {
  const m = /(\d{3})/.exec(curve)
  return m ? Number(m[1]) : 0
}

export function validAt(cert: Certificate, at: Date): 'valid' | 'expired' | 'not_yet_valid' {
  if (at.getTime() < cert.notBefore.getTime()) return 'not_yet_valid'
  if (at.getTime() > cert.notAfter.getTime()) return 'expired'
  return 'valid'
}

/** Did `issuer` issue `cert`: names match and the certificate signature verifies with the issuer key. */
export function isIssuedBy(cert: Certificate, issuer: Certificate): boolean {
  if (!cert.issuer.der.equals(issuer.subject.der) && nameKey(cert.issuer) !== nameKey(issuer.subject))
    return false
  if (cert.authorityKeyId && issuer.subjectKeyId && !cert.authorityKeyId.equals(issuer.subjectKeyId))
    return false
  // Parsed certificates are shared and immutable, so a pair's answer is remembered (chains are rebuilt
  // for the signer, timestamps and OCSP responders of every document).
  let known = ISSUED_BY.get(cert)
  const hit = known?.get(issuer)
  if (hit !== undefined) return hit
  let ok: boolean
  try {
    ok = cert.x509.verify(issuer.publicKey)
  } catch {
    ok = false
  }
  if (!known) ISSUED_BY.set(cert, (known = new WeakMap()))
  known.set(issuer, ok)
  return ok
}

const ISSUED_BY = new WeakMap<Certificate, WeakMap<Certificate, boolean>>()

/** Names compared by attribute values when string types differ (PrintableString vs UTF8String). */
export function nameKey(dn: DistinguishedName): string {
  return dn.attrs.map((a) => `${a.type}=${a.value.trim().toLowerCase().replace(/\s+/g, ' ')}`).join('/')
}

export function sameCertificate(a: Certificate, b: Certificate): boolean {
  return a.der.equals(b.der)
}

/** The personal code / identifier from the subject serialNumber attribute (e.g. PNOLV-161175-19997). */
export function personalCodeOf(cert: Certificate): string | null {
  return nameAttr(cert.subject, 'serialNumber')
}
