/**
 * Archive-timestamp evidence for a CMS signature (CAdES, PAdES): a PDF document timestamp covering the
 * signature (verified over its byte range by the PDF validator) or a CAdES archive-time-stamp-v3 inside the
 * SignerInfo (its imprint recomputed, archive-v3.ts). Only a verified, trusted (and, after eIDAS, qualified) one lifts the level to LTA.
 */
import type { CheckOutcome } from '../../../core/signatures/result'
import { raw } from '../pki/asn1'
import type { SignedData, SignerInfo } from '../pki/cms'
import { archiveV3Coverage } from './archive-v3'
import { OID } from '../pki/oids'
import { tsaNotQualified, tsaServiceName, verifyTimestampToken, type TimestampResult } from '../pki/timestamp'
import type { TrustStore } from '../pki/trust'
import type { Certificate } from '../pki/x509'

export interface ArchiveFinding {
  /** Counts towards LTA. */
  counts: boolean
  outcome: CheckOutcome
  reasonKey: string
  params?: Record<string, string | number>
}

/** Why a timestamp that verified cryptographically still does not count (trust), or null. */
function trustProblem(r: TimestampResult): ArchiveFinding | null {
  if (r.ok && tsaNotQualified(r))
    return {
      counts: false,
      outcome: 'not_checked',
      reasonKey: 'pki_ts_not_qualified',
      params: { service: tsaServiceName(r) },
    }
  if (r.reasonKey === 'pki_ts_untrusted' || r.reasonKey === 'pki_ts_tsa_expired')
    return { counts: false, outcome: 'not_checked', reasonKey: r.reasonKey }
  return null
}

/**
 * A verified archive timestamp (document timestamp) or the reason one does not count: trust problems are
 * 'not_checked', a broken token (format, imprint, signature) a warning.
 */
export function judgeArchiveTimestamp(r: TimestampResult): ArchiveFinding {
  const trust = trustProblem(r)
  if (trust) return trust
  if (r.ok)
    return {
      counts: true,
      outcome: 'pass',
      reasonKey: 'pki_archive_ts_present',
      params: { time: r.genTime?.toISOString() ?? '' },
    }
  return { counts: false, outcome: 'warning', reasonKey: r.reasonKey ?? 'pki_ts_format' }
}

/** Why an archive-time-stamp-v3 does not cover the signature as it is now, as the reason shown. */
const IMPRINT_CHANGED = 'pki_archive_ts_v3_imprint'
const MAX_ARCHIVE_TIMESTAMPS = 20

/**
 * Every CAdES archive-time-stamp-v3 verified over what it must have stamped (archive-v3.ts): its
 * ats-hash-index-v3 items still present, its imprint over the SignedData parts, its signature and TSA. As
 * for XAdES: a verified one counts (the last), else the first broken one (warning), else why none counts.
 * Without the signed content (detached, none supplied) the imprint is reported as not checked.
 */
function cadesArchiveV3(
  sd: SignedData,
  si: SignerInfo,
  signedContent: Buffer | null,
  store: TrustStore,
  pool: Certificate[],
): ArchiveFinding | null {
  const tokens = si.unsignedAttrs
    .filter((a) => a.type === OID.archiveTimestampV3)
    .flatMap((a) => a.values)
    .slice(0, MAX_ARCHIVE_TIMESTAMPS)
  if (tokens.length === 0) return null
  const findings = tokens.map((node): ArchiveFinding => {
    const token = Buffer.from(raw(node))
    const coverage = archiveV3Coverage(sd, si, token, signedContent)
    const r = verifyTimestampToken(token, coverage.kind === 'data' ? coverage.data : null, store, pool)
    if (r.reasonKey === 'pki_ts_format') return { counts: false, outcome: 'warning', reasonKey: r.reasonKey }
    // Something covered was changed or the index is unusable: said before any trust question.
    if (coverage.kind === 'problem')
      return { counts: false, outcome: 'warning', reasonKey: coverage.reasonKey }
    const trust = trustProblem(r)
    if (trust) return trust
    if (!r.ok && r.reasonKey !== null)
      return {
        counts: false,
        outcome: 'warning',
        reasonKey: r.reasonKey === 'pki_ts_imprint' ? IMPRINT_CHANGED : r.reasonKey,
      }
    if (coverage.kind === 'no_content')
      return {
        counts: false,
        outcome: 'not_checked',
        reasonKey: 'pki_archive_ts_imprint_not_checked',
        params: { time: r.genTime?.toISOString() ?? '' },
      }
    return judgeArchiveTimestamp(r)
  })
  return (
    findings.filter((f) => f.counts).at(-1) ?? findings.find((f) => f.outcome === 'warning') ?? findings[0]
  )
}

export function assessArchive(
  sd: SignedData,
  si: SignerInfo,
  signedContent: Buffer | null,
  documentTimestamp: ArchiveFinding | null,
  store: TrustStore,
  pool: Certificate[],
): ArchiveFinding {
  if (documentTimestamp?.counts) return documentTimestamp
  return (
    cadesArchiveV3(sd, si, signedContent, store, pool) ??
    documentTimestamp ?? { counts: false, outcome: 'not_checked', reasonKey: 'pki_archive_ts_absent' }
  )
}
