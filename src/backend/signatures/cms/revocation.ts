/**
 * Revocation evidence for a CMS signature (CAdES, PAdES), embedded only: OCSP responses (CAdES
 * revocationValues, Adobe's revocation archival attribute, RFC 5940 otherRevInfo in the SignedData `crls`
 * field, the PDF DSS) and, as the alternative, CRLs from the same places. Revocation before the best
 * signature time wins; then a good OCSP response produced at or after the timestamp; then a CRL current
 * at that time; otherwise the first reason the evidence could not be used (INDETERMINATE / TRY_LATER).
 */
import type { CheckOutcome, Indication, SubIndication } from '../../../core/signatures/result'
import { raw } from '../pki/asn1'
import { attr, type SignedData, type SignerInfo } from '../pki/cms'
import { type CrlCheck, checkCrl, parseCrl } from '../pki/crl'
import { checkOcsp, type OcspCheck, parseOcsp } from '../pki/ocsp'
import { OID } from '../pki/oids'
import type { TrustStore } from '../pki/trust'
import type { Certificate } from '../pki/x509'

/** OCSP later than the timestamp by more than this is a freshness warning (not a failure). */
const OCSP_FRESHNESS_MS = 15 * 60 * 1000
const MAX_VALUES = 200

export interface RevocationSources {
  ocsp: Buffer[]
  crls: Buffer[]
}

export interface RevocationFinding {
  /** Usable evidence that the certificate was not revoked at the best signature time. */
  ok: boolean
  outcome: CheckOutcome
  reasonKey: string
  params?: Record<string, string | number>
  verdict: { indication: Indication; sub: SubIndication } | null
}

/** [0] CRLs and [1] OCSP values of a RevocationValues / RevocationInfoArchival attribute value. */
function collect(value: ReturnType<typeof attr>, into: RevocationSources): void {
  for (const field of value?.children ?? []) {
    if (field.cls !== 2 || (field.tagNo !== 0 && field.tagNo !== 1)) continue
    const items = (field.children[0]?.children ?? []).map((n) => Buffer.from(raw(n)))
    ;(field.tagNo === 0 ? into.crls : into.ocsp).push(...items)
  }
}

/** Everything the SignedData and SignerInfo carry. */
export function embeddedRevocation(sd: SignedData, si: SignerInfo): RevocationSources {
  const out: RevocationSources = { ocsp: [...sd.ocspResponses], crls: [...sd.crls] }
  collect(attr(si, OID.revocationValues, true), out)
  collect(attr(si, OID.adbeRevocationInfo), out)
  return out
}

const fail = (
  reasonKey: string,
  indication: Indication,
  sub: SubIndication,
  params?: Record<string, string | number>,
): RevocationFinding => ({ ok: false, outcome: 'fail', reasonKey, params, verdict: { indication, sub } })

export function assessRevocation(
  cert: Certificate,
  issuer: Certificate | null,
  sources: RevocationSources,
  store: TrustStore,
  pool: Certificate[],
  bestTime: Date,
  tsTime: Date | null,
): RevocationFinding {
  const ocsp: OcspCheck[] = []
  const crls: CrlCheck[] = []
  if (issuer) {
    for (const der of sources.ocsp.slice(0, MAX_VALUES)) {
      try {
        const c = checkOcsp(parseOcsp(der), cert, issuer, store, pool)
        if (c.single) ocsp.push(c)
      } catch {
        // A malformed response is no evidence.
      }
    }
    for (const der of sources.crls.slice(0, MAX_VALUES)) {
      try {
        const c = checkCrl(parseCrl(der), cert, issuer, bestTime)
        if (c.reasonKey !== 'pki_crl_other_issuer') crls.push(c)
      } catch {
        // Likewise a malformed CRL.
      }
    }
  }
  const at = bestTime.getTime()
  const revokedNoPoe = tsTime ? ('TOTAL_FAILED' as const) : ('INDETERMINATE' as const)
  const revokedSub: SubIndication = tsTime ? 'REVOKED' : 'REVOKED_NO_POE'
  const ocspRevoked = ocsp.find(
    (c) => c.reasonKey === 'pki_ocsp_revoked' && (c.single?.revocationTime?.getTime() ?? Infinity) <= at,
  )
  if (ocspRevoked) return fail('pki_ocsp_revoked', revokedNoPoe, revokedSub)
  const crlRevoked = crls.find(
    (c) => c.status === 'revoked' && (c.revocationTime?.getTime() ?? Infinity) <= at,
  )
  if (crlRevoked)
    return fail('pki_crl_revoked', revokedNoPoe, revokedSub, {
      time: crlRevoked.revocationTime!.toISOString(),
    })

  const good = ocsp.find((c) => c.reasonKey === null)
  const produced = good?.response.producedAt.getTime() ?? 0
  if (good && !(tsTime && produced < tsTime.getTime())) {
    if (tsTime && produced - tsTime.getTime() > OCSP_FRESHNESS_MS)
      return { ok: true, outcome: 'warning', reasonKey: 'pki_ocsp_late', verdict: null }
    const time = good.response.producedAt.toISOString()
    return { ok: true, outcome: 'pass', reasonKey: 'pki_ocsp_good', params: { time }, verdict: null }
  }
  const crlGood = crls.find((c) => c.reasonKey === null)
  if (crlGood) {
    const thisUpdate = crlGood.crl.thisUpdate.toISOString()
    if (crlGood.status === 'revoked')
      return {
        ok: true,
        outcome: 'warning',
        reasonKey: 'pki_crl_revoked_after_signing',
        params: { time: crlGood.revocationTime!.toISOString() },
        verdict: null,
      }
    return {
      ok: true,
      outcome: 'pass',
      reasonKey: 'pki_crl_good',
      params: { time: thisUpdate },
      verdict: null,
    }
  }
  if (good) return fail('pki_ocsp_before_timestamp', 'INDETERMINATE', 'TIMESTAMP_ORDER_FAILURE')
  if (ocsp.length > 0) return fail(ocsp[0].reasonKey ?? 'pki_ocsp_unknown', 'INDETERMINATE', 'TRY_LATER')
  if (crls.length > 0) return fail(crls[0].reasonKey ?? 'pki_crl_format', 'INDETERMINATE', 'TRY_LATER')
  return fail('pki_ocsp_absent', 'INDETERMINATE', 'TRY_LATER')
}
