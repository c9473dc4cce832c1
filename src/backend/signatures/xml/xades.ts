import type { SignatureReport } from '../../../core/signatures/result'
import type { ValidationOptions } from '../pki/trust'
import type { Certificate } from '../pki/x509'
import { dnTextMatches } from '../pki/dn'
import { namesMatch } from '../pki/name-compare'
import { type Asn1, parseAsn1, integerHex, raw } from '../pki/asn1'
import { runChecks } from '../checks/pipeline'
import type { Finding, SignatureEvidence } from '../checks/types'
import type { XmlDocument, XmlElement } from './dom'
import { NS, attr, child } from './dom'
import {
  digest,
  digestName,
  signatureAlgorithm,
  pssAlgorithm,
  verifySignature,
  type SignatureAlgorithm,
} from './algorithms'
import {
  DsigError,
  base64Of,
  canonicalize,
  parseSignedInfo,
  referenceDigest,
  referenceOctets,
  type Reference,
  type SignedInfo,
} from './dsig'
import {
  SIGNED_PROPERTIES_TYPE,
  certRef,
  keyInfoCertificates,
  readProperties,
  type XadesProperties,
} from './xades-props'
import { certificatesOf, checkSignatureTimestamp } from './xades-evidence'
import { checkArchiveTimestamps } from './archive-timestamp'

/** One XAdES signature inside an ASiC-E container, checked in the order of SIGNATURES.md. */
export interface XadesInput {
  doc: XmlDocument
  signature: XmlElement
  ids: { byId: Map<string, XmlElement>; duplicates: Set<string> }
  /** Container file by name (decoded), or null when absent. */
  file(name: string): Buffer | null
  /** Data files of the container with their manifest media type. */
  dataFiles: { name: string; mediaType: string | null }[]
  options: ValidationOptions
}

/** Percent-decoding exactly once; `+` stays `+` (it is not a form encoding). */
export function decodeUri(uri: string): string | null {
  try {
    return decodeURIComponent(uri)
  } catch {
    return null
  }
}

/**
 * The evidence of one XAdES signature (SIGNATURES.md order): what its references, signed properties and
 * signature value verify to, which certificate it names, its timestamp, OCSP/CRL values and archive
 * timestamps. Judging it is the pipeline's job (checks/).
 */
export function xadesEvidence(input: XadesInput, container: Finding[] = []): SignatureEvidence {
  const { signature, options } = input
  const base: SignatureEvidence = {
    format: 'XAdES',
    id: attr(signature, 'Id') ?? '',
    store: options.trustStore,
    validationTime: options.validationTime,
    signer: null,
    pool: [],
    claimedSigningTime: null,
    container,
    integrity: [],
    signatureValue: null,
    signingCertificate: { state: 'absent', reasonKey: 'xml_signing_certificate_missing' },
    timestamp: null,
    revocation: { ocsp: [], crls: [], timeMarkOf: null },
    archive: null,
    algorithms: { digests: [], unknown: false },
    after: [],
    report: { digest: null, signature: null, canonicalization: null },
  }
  let si: SignedInfo
  try {
    si = parseSignedInfo(signature)
  } catch (e) {
    const reasonKey = e instanceof DsigError ? e.reasonKey : 'xml_malformed'
    return { ...base, integrity: [{ id: 'structure', findings: [{ problem: 'format', reasonKey }] }] }
  }
  const props = readProperties(signature)
  const alg = si.pss
    ? pssAlgorithm(si.pss.digestMethod, si.pss.saltLength)
    : signatureAlgorithm(si.signatureMethod)
  const certs = certificatesOf(keyInfoCertificates(signature))
  const values = certificatesOf(props.certificateValues)
  // The signer is the certificate the signed SigningCertificate names: looked for in KeyInfo first, then
  // in CertificateValues; failing that the first KeyInfo certificate (which the check then rejects).
  const cert = namedSigner(props, certs) ?? namedSigner(props, values) ?? certs[0] ?? null
  const sigValueBytes = safeBase64(child(signature, NS.ds, 'SignatureValue'))
  const pool = [...certs, ...values]
  const store = options.trustStore
  const ts = props.signatureTimestamps[0]
  return {
    ...base,
    signer: cert,
    pool,
    claimedSigningTime: parseTime(props.signingTime),
    integrity: [
      { id: 'references', findings: dataReferences(input, si, props) },
      { id: 'signed-properties', findings: [signedProperties(input, si, props)] },
    ],
    signatureValue: signatureValue(si, alg, cert, signature),
    signingCertificate: cert ? signingCertificate(props, cert) : base.signingCertificate,
    timestamp: ts ? (checkSignatureTimestamp(ts, signature, store, pool) ?? 'format') : null,
    revocation: {
      ocsp: props.ocspValues.slice(0, 50).map(safeBase64),
      crls: props.crlValues.slice(0, 50).map(safeBase64),
      timeMarkOf: sigValueBytes,
    },
    archive:
      props.archiveTimestamps.length > 0 ? checkArchiveTimestamps(input, si, props, store, pool) : null,
    algorithms: {
      digests: [alg?.hash ?? null, ...si.references.map((r) => digestName(r.digestMethod))],
      unknown: !alg,
    },
    report: {
      digest: digestName(si.references[0]?.digestMethod ?? ''),
      signature: alg ? `${alg.key.toUpperCase()}-${alg.hash.toUpperCase()}` : si.signatureMethod,
      canonicalization: si.c14n.algorithm,
    },
  }
}

/** One XAdES signature judged by the shared pipeline. */
export function validateXades(input: XadesInput, container: Finding[] = []): SignatureReport {
  return runChecks(xadesEvidence(input, container))
}

function parseTime(s: string | null): Date | null {
  if (!s) return null
  const t = Date.parse(s)
  return Number.isNaN(t) ? null : new Date(t)
}

function safeBase64(el: XmlElement | null): Buffer {
  try {
    return base64Of(el)
  } catch {
    return Buffer.alloc(0)
  }
}

/** Each data reference resolved, transformed and compared; every data file covered; media types agree. */
function dataReferences(input: XadesInput, si: SignedInfo, props: XadesProperties): Finding[] {
  const out: Finding[] = []
  const covered = new Set<string>()
  const dataRefs = si.references.filter(
    (r) => r.type !== SIGNED_PROPERTIES_TYPE && !(r.uri ?? '').startsWith('#'),
  )
  for (const ref of dataRefs) {
    const name = ref.uri === null ? null : decodeUri(ref.uri)
    if (!name) {
      out.push({ problem: 'format', reasonKey: 'xml_reference_uri', params: { uri: ref.uri ?? '' } })
      continue
    }
    covered.add(name)
    const data = input.file(name)
    if (!data) {
      out.push({ problem: 'missing', reasonKey: 'xml_reference_missing', params: { name } })
      continue
    }
    try {
      const octets = referenceOctets(ref, { kind: 'bytes', data }, input.signature)
      if (!referenceDigest(ref, octets).equals(ref.digestValue))
        out.push({ problem: 'hash', reasonKey: 'xml_reference_digest', params: { name } })
    } catch (e) {
      const reasonKey = e instanceof DsigError ? e.reasonKey : 'xml_reference_transform'
      out.push({ problem: 'format', reasonKey, params: { name } })
    }
    const manifest = input.dataFiles.find((f) => f.name === name)
    const format = props.dataObjectFormats.find((d) => ref.id && d.objectReference === `#${ref.id}`)
    if (!manifest)
      out.push({ problem: 'format', reasonKey: 'xml_reference_not_in_manifest', params: { name } })
    else if (format && manifest.mediaType && format.mimeType && manifest.mediaType !== format.mimeType)
      out.push({
        problem: 'format',
        reasonKey: 'xml_mimetype_mismatch',
        params: { name, manifest: manifest.mediaType, signed: format.mimeType },
      })
  }
  for (const f of input.dataFiles)
    if (!covered.has(f.name))
      out.push({ problem: 'format', reasonKey: 'xml_file_not_covered', params: { name: f.name } })
  if (dataRefs.length === 0) out.push({ problem: 'format', reasonKey: 'xml_no_data_references' })
  return out.length > 0
    ? out
    : [{ problem: null, reasonKey: 'xml_references_ok', params: { count: dataRefs.length } }]
}

/** Exactly one SignedProperties reference, to this signature's one SignedProperties, digest compared. */
function signedProperties(input: XadesInput, si: SignedInfo, props: XadesProperties): Finding {
  const spRefs = si.references.filter((r) => r.type === SIGNED_PROPERTIES_TYPE)
  const format = (reasonKey: string, params?: Finding['params']): Finding => ({
    problem: 'format',
    reasonKey,
    params,
  })
  if (spRefs.length === 0) return format('xml_signed_properties_ref_missing')
  if (spRefs.length > 1 || props.signedPropertiesCount > 1) return format('xml_signed_properties_multiple')
  const ref: Reference = spRefs[0]
  const id = ref.uri?.startsWith('#') ? ref.uri.slice(1) : null
  const target = id ? input.ids.byId.get(id) : undefined
  if (!id || !target || target !== props.signedProperties) return format('xml_signed_properties_not_found')
  if (input.ids.duplicates.has(id)) return format('xml_duplicate_id', { id })
  try {
    const octets = referenceOctets(ref, { kind: 'element', el: target }, input.signature)
    return referenceDigest(ref, octets).equals(ref.digestValue)
      ? { problem: null, reasonKey: 'xml_signed_properties_ok' }
      : { problem: 'hash', reasonKey: 'xml_signed_properties_digest' }
  } catch (e) {
    return format(e instanceof DsigError ? e.reasonKey : 'xml_reference_transform')
  }
}

/** The canonical SignedInfo verified with the signer certificate's key. */
function signatureValue(
  si: SignedInfo,
  alg: SignatureAlgorithm | null,
  cert: Certificate | null,
  signature: XmlElement,
): NonNullable<SignatureEvidence['signatureValue']> {
  if (!alg) return { state: 'format', reasonKey: 'xml_unsupported_signature_algorithm' }
  if (!cert) return { state: 'not_checked', reasonKey: 'xml_no_certificate' }
  try {
    const signed = Buffer.from(canonicalize(si.el, si.c14n), 'utf8')
    const value = base64Of(child(signature, NS.ds, 'SignatureValue'))
    const verdict = verifySignature(alg, cert.publicKey, signed, value)
    if (verdict === 'ok') return { state: 'ok', reasonKey: 'xml_signature_ok' }
    if (verdict === 'ok-legacy-digestinfo')
      return { state: 'warning', reasonKey: 'xml_signature_legacy_digestinfo' }
    return { state: 'bad', reasonKey: 'xml_signature_bad' }
  } catch (e) {
    return { state: 'format', reasonKey: e instanceof DsigError ? e.reasonKey : 'xml_malformed' }
  }
}

/** Does the signed SigningCertificate(V2) name this certificate (digest, serial, issuer)? */
function signingCertificate(
  props: XadesProperties,
  cert: Certificate,
): SignatureEvidence['signingCertificate'] {
  const sc = props.signingCertificate
  if (!sc || sc.certs.length === 0) return { state: 'absent', reasonKey: 'xml_signing_certificate_missing' }
  const ref = certRef(sc.certs[0])
  const hash = ref.digestMethod ? digestName(ref.digestMethod) : null
  let digestOk: boolean
  try {
    digestOk = !!hash && digest(hash, cert.der).equals(base64Of(ref.digestValue))
  } catch {
    digestOk = false
  }
  let serialOk = true
  let issuerOk = true
  if (ref.issuerSerialV2) {
    const v2 = issuerSerialV2(ref.issuerSerialV2, cert)
    serialOk = v2.serial
    issuerOk = v2.issuer
  } else if (ref.serial !== null) {
    serialOk = decimalToHex(ref.serial) === cert.serialHex
    // v1 IssuerSerial names the issuer as text: compared by normalised RDNs, not as a string.
    issuerOk = ref.issuerName !== null && dnTextMatches(ref.issuerName, cert.issuer)
  }
  if (!digestOk || !serialOk) return { state: 'mismatch', reasonKey: 'xml_signing_certificate_mismatch' }
  return issuerOk
    ? { state: 'match', reasonKey: 'xml_signing_certificate_ok' }
    : { state: 'issuer_differs', reasonKey: 'xml_signing_certificate_issuer_differs' }
}

function namedSigner(props: XadesProperties, candidates: Certificate[]): Certificate | null {
  const first = props.signingCertificate?.certs[0]
  if (!first) return null
  const ref = certRef(first)
  const hash = ref.digestMethod ? digestName(ref.digestMethod) : null
  if (!hash) return null
  try {
    const want = base64Of(ref.digestValue)
    return candidates.find((c) => digest(hash, c.der).equals(want)) ?? null
  } catch {
    return null
  }
}

function issuerSerialV2(el: XmlElement, cert: Certificate): { serial: boolean; issuer: boolean } {
  try {
    const node = parseAsn1(base64Of(el))
    const names = node.children[0]?.children ?? []
    const dir = names.find((n) => n.cls === 2 && n.tagNo === 4)
    return {
      serial: integerHex(node.children[1]) === cert.serialHex,
      issuer: !dir || sameName(dir.children[0], cert),
    }
  } catch {
    return { serial: false, issuer: false }
  }
}

/** A DER issuer Name against the certificate's issuer: exact bytes, else RFC 5280 §7.1 comparison. */
function sameName(n: Asn1, cert: Certificate): boolean {
  return raw(n).equals(cert.issuer.der) || namesMatch(n, cert.issuer.der)
}

function decimalToHex(s: string): string | null {
  if (!/^\d{1,200}$/.test(s)) return null
  return BigInt(s).toString(16)
}
