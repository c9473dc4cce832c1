/**
 * The evidence of one CMS signature (CAdES, or the CMS inside a PAdES PDF), judged by the shared pipeline
 * (checks/). Shared by the .p7s/.p7m validator and the PDF validator.
 */
import type { SignatureReport } from '../../../core/signatures/result'
import { raw } from '../pki/asn1'
import { runChecks } from '../checks/pipeline'
import type { Finding, SignatureEvidence } from '../checks/types'
import { type ArchiveFinding, assessArchive } from './archive'
import { embeddedRevocation } from './revocation'
import { attr, type SignedData, type SignerInfo, verifySignerInfo, type SignerVerification } from '../pki/cms'
import { OID } from '../pki/oids'
import { verifyTimestampToken } from '../pki/timestamp'
import type { ValidationOptions } from '../pki/trust'
import type { Certificate } from '../pki/x509'

export interface CmsEvidence {
  /** Extra certificates (PDF DSS). */
  certificates: Certificate[]
  /** DER OCSPResponse / BasicOCSPResponse values from outside the SignerInfo (PDF DSS). */
  ocsp: Buffer[]
  /** DER CRLs from outside the SignerInfo (PDF DSS). */
  crls?: Buffer[]
  /**
   * Archive-level proof found outside the SignerInfo: the PDF document timestamp covering the signature,
   * judged (a verified one counts; otherwise why not), or null when there is none.
   */
  archiveTimestamp: ArchiveFinding | null
  /** Format findings before the CMS ones (PDF byte range) and after them (PDF changes after signing). */
  before?: SignatureEvidence['integrity']
  after?: SignatureEvidence['after']
}

/** The content digest and content type, as findings. */
function signedData(v: SignerVerification, data: Buffer | null): SignatureEvidence['integrity'] {
  const digest: Finding =
    v.messageDigest === null
      ? { problem: 'not_checked', reasonKey: 'cms_no_signed_attributes' }
      : v.messageDigest === 'match'
        ? { problem: null, reasonKey: 'cms_digest_ok' }
        : data === null
          ? { problem: 'missing', reasonKey: 'cms_content_missing' }
          : v.messageDigest === 'missing'
            ? { problem: 'format', reasonKey: 'cms_digest_missing' }
            : { problem: 'hash', reasonKey: 'cms_digest_mismatch' }
  const parts: SignatureEvidence['integrity'] = [{ id: 'signed-data', findings: [digest] }]
  if (v.contentTypeAttr === 'mismatch')
    parts.push({
      id: 'content-type',
      findings: [{ problem: 'format', reasonKey: 'cms_content_type_mismatch' }],
    })
  return parts
}

function signatureValue(v: SignerVerification): SignatureEvidence['signatureValue'] {
  if (!v.digestAlgorithm) return { state: 'unknown_algorithm', reasonKey: 'pki_sig_algorithm_unknown' }
  if (!v.certificate) return { state: 'not_checked', reasonKey: 'cms_no_signing_certificate' }
  if (!v.signature) return { state: 'not_checked', reasonKey: 'cms_signature_not_checked' }
  if (v.signature.outcome === 'fail')
    return { state: 'bad', reasonKey: v.signature.reasonKey ?? 'pki_sig_crypto' }
  if (v.signature.outcome === 'warning')
    return { state: 'warning', reasonKey: v.signature.reasonKey ?? 'pki_sig_crypto' }
  return v.resorted
    ? { state: 'warning', reasonKey: 'cms_attrs_resorted' }
    : { state: 'ok', reasonKey: 'cms_signature_ok' }
}

function signingCertificate(v: SignerVerification): SignatureEvidence['signingCertificate'] {
  switch (v.signingCertRef.state) {
    case 'match':
      return { state: 'match', reasonKey: 'cms_signing_certificate_ok' }
    case 'mismatch':
      return { state: 'mismatch', reasonKey: 'cms_signing_certificate_mismatch' }
    case 'issuer_differs':
      return { state: 'issuer_differs', reasonKey: 'cms_signing_certificate_issuer_differs' }
    default:
      // A plain PKCS#7 signer is identified by issuer and serial only: not bound, a warning.
      return { state: 'unbound', reasonKey: 'cms_signing_certificate_unbound' }
  }
}

/** No archive timestamp at all is no row (as for XAdES). */
const archiveOf = (a: ArchiveFinding): ArchiveFinding | null =>
  a.reasonKey === 'pki_archive_ts_absent' ? null : a

export function cmsEvidence(
  id: string,
  format: 'CAdES' | 'PAdES',
  sd: SignedData,
  si: SignerInfo,
  data: Buffer | null,
  options: ValidationOptions,
  evidence: CmsEvidence = { certificates: [], ocsp: [], archiveTimestamp: null },
): SignatureEvidence {
  const store = options.trustStore
  const v = verifySignerInfo(sd, si, data, evidence.certificates)
  const pool = [...sd.certificates, ...evidence.certificates]
  const tsNode = attr(si, OID.signatureTimeStampToken, true)
  const sources = embeddedRevocation(sd, si)
  const digests = [v.digestAlgorithm]
  if (v.signature?.digest && v.signature.digest !== v.digestAlgorithm) digests.push(v.signature.digest)
  return {
    format,
    id,
    store,
    validationTime: options.validationTime,
    signer: v.certificate,
    pool,
    claimedSigningTime: v.signingTime,
    container: [],
    integrity: [...(evidence.before ?? []), ...signedData(v, data)],
    signatureValue: signatureValue(v),
    signingCertificate: v.certificate
      ? signingCertificate(v)
      : { state: 'absent', reasonKey: 'cms_no_signing_certificate' },
    timestamp: tsNode ? verifyTimestampToken(Buffer.from(raw(tsNode)), si.signature, store, pool) : null,
    revocation: {
      ocsp: [...sources.ocsp, ...evidence.ocsp],
      crls: [...sources.crls, ...(evidence.crls ?? [])],
      timeMarkOf: null,
    },
    archive: archiveOf(assessArchive(sd, si, data, evidence.archiveTimestamp, store, pool)),
    algorithms: { digests, unknown: false },
    after: evidence.after ?? [],
    report: {
      digest: v.digestAlgorithm,
      signature: v.signature?.family
        ? `${v.signature.family}-${(v.signature.digest ?? '').toUpperCase()}`
        : null,
      canonicalization: null,
    },
  }
}

/** One CMS signature judged by the shared pipeline. */
export function assessCmsSignature(...args: Parameters<typeof cmsEvidence>): SignatureReport {
  return runChecks(cmsEvidence(...args))
}
