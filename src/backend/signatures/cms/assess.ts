/**
 * One CMS signature (CAdES, or the CMS inside a PAdES PDF) assessed into a SignatureReport, checks in
 * SIGNATURES.md order. Shared by the .p7s/.p7m validator and the PDF validator.
 */
import type {
  Indication,
  SignatureCheck,
  SignatureLevel,
  SignatureReport,
  SubIndication,
} from '../../../core/signatures/result'
import { raw } from '../pki/asn1'
import { buildChain, type ChainResult } from '../pki/chain'
import { type ArchiveFinding, assessArchive } from './archive'
import { assessRevocation, embeddedRevocation } from './revocation'
import { attr, type SignedData, type SignerInfo, verifySignerInfo } from '../pki/cms'
import { OID } from '../pki/oids'
import { digestPolicy, keyPolicy, worst } from '../pki/policy'
import { tsaNotQualified, tsaServiceName, verifyTimestampToken, type TimestampResult } from '../pki/timestamp'
import type { ValidationOptions } from '../pki/trust'
import { type Certificate, displayName, formatName, isIssuedBy, personalCodeOf, validAt } from '../pki/x509'

/** OCSP later than the timestamp by more than this is a freshness warning (not a failure). */
const OCSP_FRESHNESS_MS = 15 * 60 * 1000

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
}

interface Verdict {
  indication: Indication
  sub: SubIndication
}

class Checks {
  readonly list: SignatureCheck[] = []
  private verdicts: Verdict[] = []
  add(
    id: string,
    outcome: SignatureCheck['outcome'],
    reasonKey: string,
    params?: SignatureCheck['params'],
    verdict?: Verdict,
  ): void {
    this.list.push(params ? { id, outcome, reasonKey, params } : { id, outcome, reasonKey })
    if (verdict) this.verdicts.push(verdict)
  }
  result(): { indication: Indication; subIndication: SubIndication | null } {
    const v =
      this.verdicts.find((x) => x.indication === 'TOTAL_FAILED') ??
      this.verdicts.find((x) => x.indication === 'INDETERMINATE')
    return v
      ? { indication: v.indication, subIndication: v.sub }
      : { indication: 'TOTAL_PASSED', subIndication: null }
  }
}

const FAILED = (sub: SubIndication): Verdict => ({ indication: 'TOTAL_FAILED', sub })
const INDET = (sub: SubIndication): Verdict => ({ indication: 'INDETERMINATE', sub })

export function assessCmsSignature(
  id: string,
  format: 'CAdES' | 'PAdES',
  sd: SignedData,
  si: SignerInfo,
  data: Buffer | null,
  options: ValidationOptions,
  evidence: CmsEvidence = { certificates: [], ocsp: [], archiveTimestamp: null },
): SignatureReport {
  const checks = new Checks()
  const store = options.trustStore
  const v = verifySignerInfo(sd, si, data, evidence.certificates)
  const cert = v.certificate
  const pool = [...sd.certificates, ...evidence.certificates]

  // Signed data and its digest.
  if (v.messageDigest === null) checks.add('signed-data', 'not_checked', 'cms_no_signed_attributes')
  else if (v.messageDigest === 'match') checks.add('signed-data', 'pass', 'cms_digest_ok')
  else if (data === null)
    checks.add('signed-data', 'fail', 'cms_content_missing', undefined, INDET('SIGNED_DATA_NOT_FOUND'))
  else if (v.messageDigest === 'missing')
    checks.add('signed-data', 'fail', 'cms_digest_missing', undefined, FAILED('FORMAT_FAILURE'))
  else checks.add('signed-data', 'fail', 'cms_digest_mismatch', undefined, FAILED('HASH_FAILURE'))
  if (v.contentTypeAttr === 'mismatch')
    checks.add('content-type', 'fail', 'cms_content_type_mismatch', undefined, FAILED('FORMAT_FAILURE'))

  // Signer certificate and its binding (signing-certificate-v2 defeats key substitution).
  if (!cert) {
    checks.add(
      'signing-certificate',
      'fail',
      'cms_no_signing_certificate',
      undefined,
      INDET('NO_SIGNING_CERTIFICATE_FOUND'),
    )
  } else if (v.signingCertRef.state === 'match') {
    checks.add('signing-certificate', 'pass', 'cms_signing_certificate_ok')
  } else if (v.signingCertRef.state === 'mismatch') {
    checks.add(
      'signing-certificate',
      'fail',
      'cms_signing_certificate_mismatch',
      undefined,
      INDET('NO_SIGNING_CERTIFICATE_FOUND'),
    )
  } else if (v.signingCertRef.state === 'issuer_differs') {
    checks.add('signing-certificate', 'warning', 'cms_signing_certificate_issuer_differs', {
      issuer: formatName(cert.issuer),
    })
  } else {
    checks.add('signing-certificate', 'warning', 'cms_signing_certificate_unbound')
  }

  // The signature value.
  if (!v.digestAlgorithm)
    checks.add(
      'signature-value',
      'fail',
      'pki_sig_algorithm_unknown',
      undefined,
      INDET('CRYPTO_CONSTRAINTS_FAILURE'),
    )
  else if (!v.signature) checks.add('signature-value', 'not_checked', 'cms_signature_not_checked')
  else if (v.signature.outcome === 'fail')
    checks.add(
      'signature-value',
      'fail',
      v.signature.reasonKey ?? 'pki_sig_crypto',
      undefined,
      FAILED('SIG_CRYPTO_FAILURE'),
    )
  else if (v.signature.outcome === 'warning')
    checks.add('signature-value', 'warning', v.signature.reasonKey ?? 'pki_sig_crypto')
  else if (v.resorted) checks.add('signature-value', 'warning', 'cms_attrs_resorted')
  else checks.add('signature-value', 'pass', 'cms_signature_ok')
  const bOk = v.signature !== null && v.signature.outcome !== 'fail' && v.messageDigest !== 'mismatch'

  // Signature timestamp over the signature value.
  let ts: TimestampResult | null = null
  const tsNode = attr(si, OID.signatureTimeStampToken, true)
  if (tsNode) {
    ts = verifyTimestampToken(Buffer.from(raw(tsNode)), si.signature, store, pool)
    if (ts.ok && tsaNotQualified(ts))
      checks.add(
        'timestamp',
        'fail',
        'pki_ts_not_qualified',
        { service: tsaServiceName(ts) },
        INDET('CHAIN_CONSTRAINTS_FAILURE'),
      )
    else if (ts.ok) checks.add('timestamp', 'pass', 'pki_ts_ok', { time: ts.genTime?.toISOString() ?? '' })
    else if (ts.reasonKey === 'pki_ts_untrusted' || ts.reasonKey === 'pki_ts_tsa_expired')
      checks.add('timestamp', 'warning', ts.reasonKey)
    else
      checks.add(
        'timestamp',
        'fail',
        ts.reasonKey ?? 'pki_ts_format',
        undefined,
        FAILED('SIG_CRYPTO_FAILURE'),
      )
  } else checks.add('timestamp', 'not_checked', 'pki_ts_absent')
  // A timestamp from a non-qualified TSA after eIDAS does not date the signature (as for XAdES).
  const tsTime = ts?.ok && ts.genTime && !tsaNotQualified(ts) ? ts.genTime : null
  if (tsTime && v.signingTime && v.signingTime.getTime() > tsTime.getTime() + OCSP_FRESHNESS_MS) {
    checks.add(
      'timestamp-order',
      'fail',
      'pki_ts_before_signing_time',
      undefined,
      INDET('TIMESTAMP_ORDER_FAILURE'),
    )
  }
  // Best signature time: the trusted timestamp, else the validation time (no proof of earlier existence).
  const bestTime = tsTime ?? options.validationTime

  // Chain to the trusted list at the best signature time.
  let chain: ChainResult | null = null
  if (cert) {
    const state = validAt(cert, bestTime)
    if (state === 'valid')
      checks.add('certificate-validity', 'pass', 'pki_cert_valid_at', { time: bestTime.toISOString() })
    else if (state === 'not_yet_valid')
      checks.add('certificate-validity', 'fail', 'pki_cert_not_yet_valid', undefined, FAILED('NOT_YET_VALID'))
    else
      checks.add(
        'certificate-validity',
        'fail',
        'pki_cert_expired',
        undefined,
        tsTime ? FAILED('EXPIRED') : INDET('OUT_OF_BOUNDS_NO_POE'),
      )
    chain = buildChain(cert, pool, store, bestTime, 'signature')
  }

  // Revocation evidence (embedded only): OCSP, else CRLs.
  let ocspOk = false
  if (cert) {
    const issuer = chain?.chain[1] ?? pool.find((c) => isIssuedBy(cert, c)) ?? null
    const sources = embeddedRevocation(sd, si)
    sources.ocsp.push(...evidence.ocsp)
    sources.crls.push(...(evidence.crls ?? []))
    const r = assessRevocation(cert, issuer, sources, store, pool, bestTime, tsTime)
    ocspOk = r.ok
    checks.add('revocation', r.outcome, r.reasonKey, r.params, r.verdict ?? undefined)
  }

  if (chain) {
    if (chain.trusted) {
      checks.add(
        'trust-chain',
        chain.anchor?.testAnchor ? 'warning' : 'pass',
        chain.anchor?.testAnchor ? 'pki_chain_test_anchor' : 'pki_chain_trusted',
        {
          anchor: displayName(chain.chain[chain.chain.length - 1].subject) ?? '',
        },
      )
    } else if (chain.reason === 'not_granted') {
      checks.add(
        'trust-chain',
        'fail',
        'pki_chain_not_granted',
        undefined,
        INDET('NO_CERTIFICATE_CHAIN_FOUND'),
      )
    } else
      checks.add('trust-chain', 'fail', 'pki_chain_not_found', undefined, INDET('NO_CERTIFICATE_CHAIN_FOUND'))
  }

  // Algorithm strength policy.
  const findings = [digestPolicy(v.digestAlgorithm)]
  if (v.signature?.digest && v.signature.digest !== v.digestAlgorithm)
    findings.push(digestPolicy(v.signature.digest))
  if (cert) findings.push(keyPolicy(cert))
  const policy = worst(findings)
  checks.add(
    'algorithms',
    policy.outcome,
    policy.reasonKey,
    policy.params,
    policy.outcome === 'fail' ? INDET('CRYPTO_CONSTRAINTS_FAILURE') : undefined,
  )

  // Level reached.
  let level: SignatureLevel | null = bOk ? 'B' : null
  if (level && tsTime) level = 'T'
  if (level === 'T' && ocspOk) level = 'LT'
  const archive = assessArchive(si, evidence.archiveTimestamp, store, pool)
  if (level === 'LT' && archive.counts) level = 'LTA'
  checks.add('archive-timestamp', archive.outcome, archive.reasonKey, archive.params)

  const qualified =
    chain?.trusted && !chain.anchor?.testAnchor
      ? cert!.qc.compliance && chain.anchor?.service?.type === 'CA/QC'
      : cert
        ? false
        : null
  const { indication, subIndication } = checks.result()
  return {
    id,
    format,
    indication,
    subIndication,
    level,
    signer: {
      name: cert ? displayName(cert.subject) : null,
      personalCode: cert ? personalCodeOf(cert) : null,
      certificateSerial: cert ? cert.serialHex : null,
      issuer: cert ? formatName(cert.issuer) : null,
      qualified,
    },
    claimedSigningTime: v.signingTime?.toISOString() ?? null,
    timestampTime: tsTime?.toISOString() ?? null,
    algorithms: {
      digest: v.digestAlgorithm,
      signature: v.signature?.family
        ? `${v.signature.family}-${(v.signature.digest ?? '').toUpperCase()}`
        : null,
      canonicalization: null,
    },
    checks: checks.list,
  }
}
