/**
 * Archive-timestamp evidence for a CMS signature (CAdES, PAdES): a PDF document timestamp covering the
 * signature (verified over its byte range by the PDF validator) or a CAdES archive-time-stamp-v3 inside the
 * SignerInfo. Only a verified, trusted (and, after eIDAS, qualified) one lifts the level to LTA.
 */
import type { CheckOutcome } from '../../../core/signatures/result'
import { raw } from '../pki/asn1'
import { attr, type SignerInfo } from '../pki/cms'
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

/**
 * The CAdES archive-time-stamp-v3 imprint (over the ATSHashIndex-v3 structure) is not recomputed: the
 * token's own signature and TSA chain are verified and the imprint is reported as not checked, so it never
 * passes nor lifts the level.
 */
function cadesArchiveV3(si: SignerInfo, store: TrustStore, pool: Certificate[]): ArchiveFinding | null {
  const node = attr(si, OID.archiveTimestampV3, true)
  if (!node) return null
  const r = verifyTimestampToken(Buffer.from(raw(node)), null, store, pool)
  const trust = trustProblem(r)
  if (trust) return trust
  if (r.ok)
    return {
      counts: false,
      outcome: 'not_checked',
      reasonKey: 'pki_archive_ts_imprint_not_checked',
      params: { time: r.genTime?.toISOString() ?? '' },
    }
  return { counts: false, outcome: 'warning', reasonKey: r.reasonKey ?? 'pki_ts_format' }
}

export function assessArchive(
  si: SignerInfo,
  documentTimestamp: ArchiveFinding | null,
  store: TrustStore,
  pool: Certificate[],
): ArchiveFinding {
  if (documentTimestamp?.counts) return documentTimestamp
  return (
    cadesArchiveV3(si, store, pool) ??
    documentTimestamp ?? { counts: false, outcome: 'not_checked', reasonKey: 'pki_archive_ts_absent' }
  )
}
