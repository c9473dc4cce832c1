import type { XmlElement } from './dom'
import { NS, attr, child, childrenNamed, descendants, textOf } from './dom'

/** The XAdES qualifying properties of one ds:Signature, located but not yet judged. */
export const SIGNED_PROPERTIES_TYPE = 'http://uri.etsi.org/01903#SignedProperties'
const XADES_NS = new Set<string>([NS.xades, 'http://uri.etsi.org/01903/v1.1.1#', NS.xades141])

function isXades(el: XmlElement, local: string): boolean {
  return el.local === local && XADES_NS.has(el.ns)
}

function xchild(el: XmlElement | null, local: string): XmlElement | null {
  if (!el) return null
  for (const c of el.children) if (c.type === 'element' && isXades(c, local)) return c
  return null
}

function xchildren(el: XmlElement | null, local: string): XmlElement[] {
  if (!el) return []
  return el.children.filter((c): c is XmlElement => c.type === 'element' && isXades(c, local))
}

export interface XadesProperties {
  qualifying: XmlElement | null
  /** All SignedProperties elements in the signature (more than one is an error). */
  signedPropertiesCount: number
  signedProperties: XmlElement | null
  signingTime: string | null
  signingCertificate: { v2: boolean; certs: XmlElement[] } | null
  policy: XmlElement | null
  dataObjectFormats: { objectReference: string; mimeType: string }[]
  signatureTimestamps: XmlElement[]
  archiveTimestamps: XmlElement[]
  certificateValues: XmlElement[]
  ocspValues: XmlElement[]
  crlValues: XmlElement[]
}

export function readProperties(signature: XmlElement): XadesProperties {
  const objects = childrenNamed(signature, NS.ds, 'Object')
  const qps = objects.flatMap((o) => xchildren(o, 'QualifyingProperties'))
  const qualifying = qps[0] ?? null
  const allSigned = descendants(signature).filter((e) => isXades(e, 'SignedProperties'))
  const signedProperties = xchild(qualifying, 'SignedProperties')
  const ssp = xchild(signedProperties, 'SignedSignatureProperties')
  const sc2 = xchild(ssp, 'SigningCertificateV2')
  const sc1 = xchild(ssp, 'SigningCertificate')
  const sdop = xchild(signedProperties, 'SignedDataObjectProperties')
  const usp = xchild(xchild(qualifying, 'UnsignedProperties'), 'UnsignedSignatureProperties')
  const encapsulated = (parents: XmlElement[], local: string) => parents.flatMap((p) => xchildren(p, local))
  const revocation = xchildren(usp, 'RevocationValues')
  return {
    qualifying,
    signedPropertiesCount: allSigned.length,
    signedProperties,
    signingTime: textOf(xchild(ssp, 'SigningTime')).trim() || null,
    signingCertificate: sc2 || sc1 ? { v2: !!sc2, certs: xchildren(sc2 ?? sc1, 'Cert') } : null,
    policy: xchild(ssp, 'SignaturePolicyIdentifier'),
    dataObjectFormats: xchildren(sdop, 'DataObjectFormat').map((d) => ({
      objectReference: attr(d, 'ObjectReference') ?? '',
      mimeType: textOf(xchild(d, 'MimeType')).trim(),
    })),
    signatureTimestamps: xchildren(usp, 'SignatureTimeStamp'),
    archiveTimestamps: xchildren(usp, 'ArchiveTimeStamp'),
    certificateValues: encapsulated(xchildren(usp, 'CertificateValues'), 'EncapsulatedX509Certificate'),
    ocspValues: encapsulated(
      revocation.flatMap((r) => xchildren(r, 'OCSPValues')),
      'EncapsulatedOCSPValue',
    ),
    crlValues: encapsulated(
      revocation.flatMap((r) => xchildren(r, 'CRLValues')),
      'EncapsulatedCRLValue',
    ),
  }
}

/** CertDigest / IssuerSerial(V2) of one xades:Cert. */
export function certRef(cert: XmlElement): {
  digestMethod: string | null
  digestValue: XmlElement | null
  issuerSerialV2: XmlElement | null
  issuerName: string | null
  serial: string | null
} {
  const cd = xchild(cert, 'CertDigest')
  const is = xchild(cert, 'IssuerSerial')
  const dm = child(cd, NS.ds, 'DigestMethod')
  return {
    digestMethod: dm ? attr(dm, 'Algorithm') : null,
    digestValue: child(cd, NS.ds, 'DigestValue'),
    issuerSerialV2: xchild(cert, 'IssuerSerialV2'),
    issuerName: is ? textOf(child(is, NS.ds, 'X509IssuerName')).trim() : null,
    serial: is ? textOf(child(is, NS.ds, 'X509SerialNumber')).trim() : null,
  }
}

export function keyInfoCertificates(signature: XmlElement): XmlElement[] {
  const ki = child(signature, NS.ds, 'KeyInfo')
  return ki
    ? childrenNamed(ki, NS.ds, 'X509Data').flatMap((d) => childrenNamed(d, NS.ds, 'X509Certificate'))
    : []
}

export function timestampParts(ts: XmlElement): { c14n: string | null; token: XmlElement | null } {
  const cm = child(ts, NS.ds, 'CanonicalizationMethod')
  return {
    c14n: cm ? attr(cm, 'Algorithm') : null,
    token: xchild(ts, 'EncapsulatedTimeStamp'),
  }
}
