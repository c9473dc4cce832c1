import type { SignatureLevel, SignatureReport } from '../../../core/signatures/result'
import type { ValidationOptions } from '../pki/trust'
import { type Certificate, displayName, formatName, personalCodeOf, validAt } from '../pki/x509'
import { buildChain } from '../pki/chain'
import { tsaNotQualified, tsaServiceName } from '../pki/timestamp'
import { dnTextMatches } from '../pki/dn'
import { namesMatch } from '../pki/name-compare'
import { type Asn1, parseAsn1, integerHex, raw } from '../pki/asn1'
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
import { certificatesOf, checkRevocation, checkSignatureTimestamp, findIssuer } from './xades-evidence'
import { Verdict } from './verdict'
import { checkArchiveTimestamps } from './archive-timestamp'
import { assessRevocation } from '../cms/revocation'

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

const OCSP_LATE_MS = 15 * 60 * 1000
// producedAt has whole seconds, timestamps often milliseconds: compare at the coarser precision.

/** Percent-decoding exactly once; `+` stays `+` (it is not a form encoding). */
export function decodeUri(uri: string): string | null {
  try {
    return decodeURIComponent(uri)
  } catch {
    return null
  }
}

function emptyReport(id: string): SignatureReport {
  return {
    id,
    format: 'XAdES',
    indication: 'INDETERMINATE',
    subIndication: null,
    level: null,
    signer: { name: null, personalCode: null, certificateSerial: null, issuer: null, qualified: null },
    claimedSigningTime: null,
    timestampTime: null,
    algorithms: { digest: null, signature: null, canonicalization: null },
    checks: [],
  }
}

export function validateXades(input: XadesInput): SignatureReport {
  const { signature } = input
  const report = emptyReport(attr(signature, 'Id') ?? '')
  const v = new Verdict()
  let si: SignedInfo
  try {
    si = parseSignedInfo(signature)
  } catch (e) {
    v.fail('structure', 'FORMAT_FAILURE', e instanceof DsigError ? e.reasonKey : 'xml_malformed')
    return finish(report, v, null)
  }
  const props = readProperties(signature)
  report.claimedSigningTime = normaliseTime(props.signingTime)
  report.algorithms.canonicalization = si.c14n.algorithm
  const alg = si.pss
    ? pssAlgorithm(si.pss.digestMethod, si.pss.saltLength)
    : signatureAlgorithm(si.signatureMethod)
  report.algorithms.signature = alg
    ? `${alg.key.toUpperCase()}-${alg.hash.toUpperCase()}`
    : si.signatureMethod
  report.algorithms.digest = digestName(si.references[0]?.digestMethod ?? '')

  checkDataReferences(input, si, props, v)
  checkSignedProperties(input, si, props, v)

  const certs = certificatesOf(keyInfoCertificates(signature))
  // The signer is the certificate the signed SigningCertificate names: looked for in KeyInfo first, then
  // in CertificateValues; failing that the first KeyInfo certificate (which check 5 then rejects).
  const cert =
    namedSigner(props, certs) ??
    namedSigner(props, certificatesOf(props.certificateValues)) ??
    certs[0] ??
    null
  if (cert) fillSigner(report, cert)
  checkSignatureValue(si, alg, cert, signature, v)
  checkSigningCertificate(props, cert, v)
  if (!cert) return finish(report, v, null)

  // Unsigned evidence: timestamp, OCSP, validity and chain at the best signature time.
  const pool = [...certs, ...certificatesOf(props.certificateValues)]
  const store = input.options.trustStore
  let bestTime: Date | null = null
  let level: SignatureLevel | null = v.hasFailed ? null : 'B'
  if (props.signatureTimestamps.length === 0) v.add('timestamp', 'not_checked', 'xml_no_timestamp')
  for (const ts of props.signatureTimestamps.slice(0, 1)) {
    const r = checkSignatureTimestamp(ts, signature, store, pool)
    if (!r || r.imprint === 'format') v.fail('timestamp', 'FORMAT_FAILURE', 'xml_timestamp_format')
    else if (r.imprint === 'mismatch') v.fail('timestamp', 'HASH_FAILURE', 'xml_timestamp_imprint')
    else if (!r.ok && r.signer?.signature?.outcome === 'fail')
      v.fail('timestamp', 'SIG_CRYPTO_FAILURE', 'xml_timestamp_signature')
    else if (!r.ok)
      v.undecided('timestamp', 'NO_CERTIFICATE_CHAIN_FOUND', r.reasonKey ?? 'xml_timestamp_untrusted')
    else if (tsaNotQualified(r))
      v.undecided('timestamp', 'CHAIN_CONSTRAINTS_FAILURE', 'xml_timestamp_not_qualified', {
        service: tsaServiceName(r),
      })
    else {
      bestTime = r.genTime
      report.timestampTime = r.genTime?.toISOString() ?? null
      v.add('timestamp', 'pass', 'xml_timestamp_ok', { time: report.timestampTime ?? '' })
      if (level) level = 'T'
    }
  }

  const sigValueBytes = safeBase64(child(signature, NS.ds, 'SignatureValue'))
  const issuer = findIssuer(cert, pool, store)
  let revocationOk = false
  if (props.ocspValues.length === 0 && props.crlValues.length > 0 && issuer) {
    // CRL evidence (XAdES CRLValues) when there is no OCSP, judged as for CAdES/PAdES.
    const crls = props.crlValues.slice(0, 50).map(safeBase64)
    const at = bestTime ?? input.options.validationTime
    const r = assessRevocation(cert, issuer, { ocsp: [], crls }, store, pool, at, bestTime)
    if (r.ok) {
      revocationOk = true
      v.add('revocation', r.outcome, r.reasonKey, r.params)
      if (level === 'T') level = 'LT'
    } else if (r.verdict?.indication === 'TOTAL_FAILED')
      v.fail('revocation', r.verdict.sub, r.reasonKey, r.params)
    else v.undecided('revocation', r.verdict?.sub ?? 'TRY_LATER', r.reasonKey, r.params)
  } else if (props.ocspValues.length === 0) v.missing('revocation', 'TRY_LATER', 'xml_no_revocation')
  else if (!issuer) v.missing('revocation', 'TRY_LATER', 'xml_revocation_no_issuer')
  else {
    const ev = checkRevocation(props.ocspValues, cert, issuer, store, pool, sigValueBytes, bestTime)
    if (!ev) v.undecided('revocation', 'TRY_LATER', 'xml_ocsp_other_certificate')
    else {
      const produced = ev.check.response.producedAt
      const isTimeMark = !bestTime && ev.nonce === 'match'
      if (ev.nonce === 'mismatch' && !bestTime) v.fail('revocation', 'HASH_FAILURE', 'xml_ocsp_nonce')
      else if (ev.check.reasonKey && ev.check.status !== 'revoked')
        v.undecided('revocation', 'TRY_LATER', ev.check.reasonKey)
      else if (ev.check.status === 'revoked') {
        const revokedAt = ev.check.single?.revocationTime ?? null
        if (bestTime && revokedAt && bestTime < revokedAt)
          v.add('revocation', 'warning', 'xml_revoked_after_signing', { time: revokedAt.toISOString() })
        else
          v.undecided('revocation', 'REVOKED_NO_POE', 'xml_revoked', { time: revokedAt?.toISOString() ?? '' })
      } else if (bestTime && produced.getTime() < Math.floor(bestTime.getTime() / 1000) * 1000)
        v.undecided('revocation', 'TIMESTAMP_ORDER_FAILURE', 'xml_ocsp_before_timestamp')
      else {
        revocationOk = true
        if (isTimeMark) {
          bestTime = produced
          report.timestampTime = produced.toISOString()
        }
        const late = bestTime ? produced.getTime() - bestTime.getTime() : 0
        if (late > OCSP_LATE_MS)
          v.add('revocation', 'warning', 'xml_ocsp_late', { minutes: Math.round(late / 60000) })
        else
          v.add('revocation', 'pass', isTimeMark ? 'xml_ocsp_time_mark' : 'xml_ocsp_ok', {
            time: produced.toISOString(),
          })
        if (level && (level === 'T' || isTimeMark)) level = 'LT'
      }
    }
  }

  const at = bestTime ?? input.options.validationTime
  const state = validAt(cert, at)
  if (state === 'valid')
    v.add('certificate-validity', 'pass', 'xml_cert_valid_at', { time: at.toISOString() })
  else if (bestTime)
    v.fail('certificate-validity', state === 'expired' ? 'EXPIRED' : 'NOT_YET_VALID', `xml_cert_${state}`)
  else v.undecided('certificate-validity', 'OUT_OF_BOUNDS_NO_POE', `xml_cert_${state}`)

  const chain = buildChain(cert, pool, store, at, 'signature')
  if (chain.trusted) {
    const service = chain.anchor?.service
    report.signer.qualified = cert.qc.compliance && !!service && service.type === 'CA/QC'
    v.add('chain', 'pass', chain.anchor?.testAnchor ? 'xml_chain_test_anchor' : 'xml_chain_trusted', {
      service: service?.name ?? formatName(chain.chain[chain.chain.length - 1].subject),
      country: service?.country ?? '',
    })
  } else {
    // Qualified or not is only known once the issuer is found on a trusted list.
    report.signer.qualified = null
    v.undecided(
      'chain',
      chain.reason === 'not_granted' ? 'CHAIN_CONSTRAINTS_FAILURE' : 'NO_CERTIFICATE_CHAIN_FOUND',
      chain.reason === 'not_granted' ? 'xml_chain_not_granted' : 'xml_chain_untrusted',
    )
  }

  if (props.archiveTimestamps.length > 0) {
    const a = checkArchiveTimestamps(input, si, props, store, pool)
    v.add('archive-timestamp', a.outcome, a.reasonKey, a.params)
    if (level === 'LT' && a.counts) level = 'LTA'
  }
  checkAlgorithmPolicy(alg, si, cert, v)
  if (!revocationOk && level === 'LT') level = 'T'
  return finish(report, v, level)
}

function finish(report: SignatureReport, v: Verdict, level: SignatureLevel | null): SignatureReport {
  const { indication, subIndication } = v.result()
  return {
    ...report,
    indication,
    subIndication,
    level: indication === 'TOTAL_FAILED' ? null : level,
    checks: v.checks,
  }
}

function normaliseTime(s: string | null): string | null {
  if (!s) return null
  const t = Date.parse(s)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

function safeBase64(el: XmlElement | null): Buffer {
  try {
    return base64Of(el)
  } catch {
    return Buffer.alloc(0)
  }
}

function fillSigner(report: SignatureReport, cert: Certificate): void {
  report.signer = {
    name: displayName(cert.subject),
    personalCode: personalCodeOf(cert),
    certificateSerial: cert.serialHex,
    issuer: formatName(cert.issuer),
    qualified: cert.qc.compliance,
  }
}

function checkDataReferences(input: XadesInput, si: SignedInfo, props: XadesProperties, v: Verdict): void {
  const covered = new Set<string>()
  let ok = true
  const dataRefs = si.references.filter(
    (r) => r.type !== SIGNED_PROPERTIES_TYPE && !(r.uri ?? '').startsWith('#'),
  )
  for (const ref of dataRefs) {
    const name = ref.uri === null ? null : decodeUri(ref.uri)
    if (!name) {
      ok = false
      v.fail('references', 'FORMAT_FAILURE', 'xml_reference_uri', { uri: ref.uri ?? '' })
      continue
    }
    covered.add(name)
    const data = input.file(name)
    if (!data) {
      ok = false
      v.missing('references', 'SIGNED_DATA_NOT_FOUND', 'xml_reference_missing', { name })
      continue
    }
    try {
      if (
        !referenceDigest(ref, referenceOctets(ref, { kind: 'bytes', data }, input.signature)).equals(
          ref.digestValue,
        )
      ) {
        ok = false
        v.fail('references', 'HASH_FAILURE', 'xml_reference_digest', { name })
      }
    } catch (e) {
      ok = false
      v.fail(
        'references',
        'FORMAT_FAILURE',
        e instanceof DsigError ? e.reasonKey : 'xml_reference_transform',
        { name },
      )
    }
    const manifest = input.dataFiles.find((f) => f.name === name)
    const format = props.dataObjectFormats.find((d) => ref.id && d.objectReference === `#${ref.id}`)
    if (!manifest && input.file(name)) {
      ok = false
      v.fail('references', 'FORMAT_FAILURE', 'xml_reference_not_in_manifest', { name })
    } else if (
      manifest &&
      format &&
      manifest.mediaType &&
      format.mimeType &&
      manifest.mediaType !== format.mimeType
    ) {
      ok = false
      v.fail('references', 'FORMAT_FAILURE', 'xml_mimetype_mismatch', {
        name,
        manifest: manifest.mediaType,
        signed: format.mimeType,
      })
    }
  }
  for (const f of input.dataFiles) {
    if (!covered.has(f.name)) {
      ok = false
      v.fail('references', 'FORMAT_FAILURE', 'xml_file_not_covered', { name: f.name })
    }
  }
  if (dataRefs.length === 0) {
    ok = false
    v.fail('references', 'FORMAT_FAILURE', 'xml_no_data_references')
  }
  if (ok) v.add('references', 'pass', 'xml_references_ok', { count: dataRefs.length })
}

function checkSignedProperties(input: XadesInput, si: SignedInfo, props: XadesProperties, v: Verdict): void {
  const spRefs = si.references.filter((r) => r.type === SIGNED_PROPERTIES_TYPE)
  if (spRefs.length === 0)
    return void v.fail('signed-properties', 'FORMAT_FAILURE', 'xml_signed_properties_ref_missing')
  if (spRefs.length > 1 || props.signedPropertiesCount > 1)
    return void v.fail('signed-properties', 'FORMAT_FAILURE', 'xml_signed_properties_multiple')
  const ref: Reference = spRefs[0]
  const id = ref.uri?.startsWith('#') ? ref.uri.slice(1) : null
  const target = id ? input.ids.byId.get(id) : undefined
  if (!id || !target || target !== props.signedProperties)
    return void v.fail('signed-properties', 'FORMAT_FAILURE', 'xml_signed_properties_not_found')
  if (input.ids.duplicates.has(id))
    return void v.fail('signed-properties', 'FORMAT_FAILURE', 'xml_duplicate_id', { id })
  try {
    const ok = referenceDigest(
      ref,
      referenceOctets(ref, { kind: 'element', el: target }, input.signature),
    ).equals(ref.digestValue)
    if (ok) v.add('signed-properties', 'pass', 'xml_signed_properties_ok')
    else v.fail('signed-properties', 'HASH_FAILURE', 'xml_signed_properties_digest')
  } catch (e) {
    v.fail(
      'signed-properties',
      'FORMAT_FAILURE',
      e instanceof DsigError ? e.reasonKey : 'xml_reference_transform',
    )
  }
}

function checkSignatureValue(
  si: SignedInfo,
  alg: SignatureAlgorithm | null,
  cert: Certificate | null,
  signature: XmlElement,
  v: Verdict,
): void {
  if (!alg) return void v.fail('signature-value', 'FORMAT_FAILURE', 'xml_unsupported_signature_algorithm')
  if (!cert) return void v.missing('signature-value', 'NO_SIGNING_CERTIFICATE_FOUND', 'xml_no_certificate')
  try {
    const signed = Buffer.from(canonicalize(si.el, si.c14n), 'utf8')
    const verdict = verifySignature(
      alg,
      cert.publicKey,
      signed,
      base64Of(child(signature, NS.ds, 'SignatureValue')),
    )
    if (verdict === 'ok') v.add('signature-value', 'pass', 'xml_signature_ok')
    else if (verdict === 'ok-legacy-digestinfo')
      v.add('signature-value', 'warning', 'xml_signature_legacy_digestinfo')
    else v.fail('signature-value', 'SIG_CRYPTO_FAILURE', 'xml_signature_bad')
  } catch (e) {
    v.fail('signature-value', 'FORMAT_FAILURE', e instanceof DsigError ? e.reasonKey : 'xml_malformed')
  }
}

/** The KeyInfo certificate is trusted only when the signed SigningCertificate(V2) names it. */
function checkSigningCertificate(props: XadesProperties, cert: Certificate | null, v: Verdict): void {
  if (!cert) return
  const sc = props.signingCertificate
  if (!sc || sc.certs.length === 0)
    return void v.missing(
      'signing-certificate',
      'NO_SIGNING_CERTIFICATE_FOUND',
      'xml_signing_certificate_missing',
    )
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
  if (ref.issuerSerialV2) serialOk = issuerSerialV2Matches(ref.issuerSerialV2, cert)
  else if (ref.serial !== null) {
    serialOk = decimalToHex(ref.serial) === cert.serialHex
    // v1 IssuerSerial names the issuer as text: compared by normalised RDNs, not as a string.
    issuerOk = ref.issuerName !== null && dnTextMatches(ref.issuerName, cert.issuer)
  }
  if (digestOk && serialOk && issuerOk) v.add('signing-certificate', 'pass', 'xml_signing_certificate_ok')
  // The digest binds the certificate; an issuer written differently cannot substitute a key (as DSS).
  else if (digestOk && serialOk)
    v.add('signing-certificate', 'warning', 'xml_signing_certificate_issuer_differs', {
      issuer: formatName(cert.issuer),
    })
  else v.undecided('signing-certificate', 'NO_SIGNING_CERTIFICATE_FOUND', 'xml_signing_certificate_mismatch')
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

function issuerSerialV2Matches(el: XmlElement, cert: Certificate): boolean {
  try {
    const node = parseAsn1(base64Of(el))
    const serialOk = integerHex(node.children[1]) === cert.serialHex
    const names = node.children[0]?.children ?? []
    const dir = names.find((n) => n.cls === 2 && n.tagNo === 4)
    const nameOk = !dir || sameName(dir.children[0], cert)
    return serialOk && nameOk
  } catch {
    return false
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

/**
 * Policy: SHA-1 (in the signature or any reference digest) and RSA keys of 1900-2047 bits are warnings;
 * RSA under 1900 bits (1024-bit keys) and EC keys under 256 bits cannot be relied on.
 */
function checkAlgorithmPolicy(
  alg: SignatureAlgorithm | null,
  si: SignedInfo,
  cert: Certificate,
  v: Verdict,
): void {
  const weakHash = alg?.hash === 'sha1' || si.references.some((r) => digestName(r.digestMethod) === 'sha1')
  const rsa = cert.keyType === 'rsa' || cert.keyType === 'rsa-pss'
  if ((rsa && cert.keyBits < 1900) || (cert.keyType === 'ec' && cert.keyBits < 256))
    return void v.undecided('algorithms', 'CRYPTO_CONSTRAINTS_FAILURE', 'xml_weak_key', {
      bits: cert.keyBits,
    })
  if (weakHash || (rsa && cert.keyBits < 2048))
    return void v.add('algorithms', 'warning', weakHash ? 'xml_weak_digest' : 'xml_short_key', {
      bits: cert.keyBits,
    })
  v.add('algorithms', 'pass', 'xml_algorithms_ok')
}
