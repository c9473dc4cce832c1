import type { CheckResult, SignatureEvidence } from './types'

/**
 * Archive-level proof (XAdES ArchiveTimeStamp, PDF document timestamp, CAdES archive-time-stamp-v3) as
 * judged when extracted: only a verified, trusted one counts towards LTA; a broken one is a warning and
 * an untrusted one not checked. It never changes the indication.
 */
export function archiveTimestampCheck(e: SignatureEvidence): CheckResult | null {
  const a = e.archive
  if (!a) return null
  return {
    id: 'archive-timestamp',
    outcome: a.outcome,
    reasonKey: a.reasonKey,
    ...(a.params ? { params: a.params } : {}),
  }
}
