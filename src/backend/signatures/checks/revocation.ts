/**
 * Revocation of the signer certificate from the embedded evidence only (OCSP, else CRLs), one rule for
 * every format:
 *   - revoked at or before the best signature time → INDETERMINATE / REVOKED_NO_POE (EN 319 102-1: no
 *     proof that the signature existed before the revocation); revoked later → a warning;
 *   - a good OCSP response produced at or after the trusted timestamp (whole seconds) → pass, more than
 *     `policy.lateMs` later → warning; produced before it → INDETERMINATE / TIMESTAMP_ORDER_FAILURE;
 *   - BDOC-TM: without a timestamp, an OCSP response whose nonce is the digest of the signature value is a
 *     time-mark and dates the signature; a nonce for another signature value fails it (HASH_FAILURE);
 *   - else a CRL current at the best signature time; none usable → INDETERMINATE / TRY_LATER.
 */
import { type CrlCheck, checkCrl, parseCrl } from '../pki/crl'
import { type OcspCheck, checkOcsp, parseOcsp } from '../pki/ocsp'
import { findIssuer, nonceState } from '../xml/xades-evidence'
import { trustedTimestamp } from './times'
import { type CheckResult, type Policy, type SignatureEvidence, failed, undecided } from './types'

const MAX_VALUES = 200

export interface RevocationAssessment {
  result: CheckResult
  /** Usable evidence that the certificate was not revoked at the best signature time. */
  ok: boolean
  /** A BDOC-TM OCSP time-mark dating the signature (when there is no trusted timestamp). */
  timeMark: Date | null
}

const memo = new WeakMap<SignatureEvidence, WeakMap<Policy, RevocationAssessment | null>>()

export function assessRevocation(e: SignatureEvidence, policy: Policy): RevocationAssessment | null {
  let byPolicy = memo.get(e)
  if (!byPolicy) memo.set(e, (byPolicy = new WeakMap()))
  if (!byPolicy.has(policy)) byPolicy.set(policy, assess(e, policy))
  return byPolicy.get(policy) ?? null
}

export function revocationCheck(e: SignatureEvidence, policy: Policy): CheckResult | null {
  return assessRevocation(e, policy)?.result ?? null
}

const id = 'revocation'
const no = (result: CheckResult): RevocationAssessment => ({ result, ok: false, timeMark: null })

function assess(e: SignatureEvidence, policy: Policy): RevocationAssessment | null {
  const cert = e.signer
  if (!cert) return null
  const { ocsp: ocspValues, crls: crlValues, timeMarkOf } = e.revocation
  if (ocspValues.length === 0 && crlValues.length === 0)
    return no({ id, outcome: 'not_checked', reasonKey: 'pki_ocsp_absent', effect: undecided('TRY_LATER') })
  const issuer = findIssuer(cert, e.pool, e.store)
  if (!issuer)
    return no({
      id,
      outcome: 'not_checked',
      reasonKey: 'xml_revocation_no_issuer',
      effect: undecided('TRY_LATER'),
    })
  const ocsp: { check: OcspCheck; nonce: 'match' | 'mismatch' | 'absent' }[] = []
  for (const der of ocspValues.slice(0, MAX_VALUES)) {
    try {
      const check = checkOcsp(parseOcsp(der), cert, issuer, e.store, e.pool)
      if (check.single)
        ocsp.push({
          check,
          nonce: timeMarkOf ? nonceState(check.response.nonce, timeMarkOf) : 'absent',
        })
    } catch {
      // A malformed response is no evidence.
    }
  }
  const ts = trustedTimestamp(e, policy)?.genTime ?? null
  const usableGood = (o: (typeof ocsp)[number]) => o.check.reasonKey === null && o.check.status === 'good'
  const mark = ts ? undefined : ocsp.find((o) => o.nonce === 'match' && usableGood(o))
  const timeMark = mark?.check.response.producedAt ?? null
  if (!ts && !mark && ocsp.some((o) => o.nonce === 'mismatch') && !ocsp.some((o) => o.nonce === 'absent'))
    return no({ id, outcome: 'fail', reasonKey: 'xml_ocsp_nonce', effect: failed('HASH_FAILURE') })
  const best = ts ?? timeMark ?? e.validationTime
  const crls: CrlCheck[] = []
  for (const der of crlValues.slice(0, MAX_VALUES)) {
    try {
      const c = checkCrl(parseCrl(der), cert, issuer, best)
      if (c.reasonKey !== 'pki_crl_other_issuer') crls.push(c)
    } catch {
      // Likewise a malformed CRL.
    }
  }

  const at = best.getTime()
  const revokedOcsp = ocsp.find(
    (o) =>
      // A revoked status is honoured even from a responder we cannot authorise: it only makes the
      // verdict more cautious.
      o.check.status === 'revoked' && o.check.single?.revocationTime,
  )
  const revokedCrl = crls.find((c) => c.status === 'revoked' && c.revocationTime)
  const revokedAt = revokedOcsp?.check.single?.revocationTime ?? revokedCrl?.revocationTime ?? null
  if (revokedAt && revokedAt.getTime() <= at)
    return no({
      id,
      outcome: 'fail',
      reasonKey: revokedOcsp ? 'xml_revoked' : 'pki_crl_revoked',
      params: { time: revokedAt.toISOString() },
      effect: undecided('REVOKED_NO_POE'),
    })
  if (revokedAt)
    return {
      result: {
        id,
        outcome: 'warning',
        reasonKey: revokedOcsp ? 'xml_revoked_after_signing' : 'pki_crl_revoked_after_signing',
        params: { time: revokedAt.toISOString() },
      },
      ok: true,
      timeMark,
    }

  if (mark)
    return {
      result: {
        id,
        outcome: 'pass',
        reasonKey: 'xml_ocsp_time_mark',
        params: { time: timeMark!.toISOString() },
      },
      ok: true,
      timeMark,
    }
  // producedAt has whole seconds, timestamps often milliseconds: compare at the coarser precision.
  const floor = ts ? Math.floor(ts.getTime() / 1000) * 1000 : -Infinity
  const goods = ocsp.filter(usableGood).map((o) => o.check.response.producedAt.getTime())
  const after = goods.filter((t) => t >= floor).sort((a, b) => a - b)[0]
  if (after !== undefined) {
    const late = ts ? after - ts.getTime() : 0
    const result: CheckResult =
      late > policy.lateMs
        ? {
            id,
            outcome: 'warning',
            reasonKey: 'xml_ocsp_late',
            params: { minutes: Math.round(late / 60000) },
          }
        : { id, outcome: 'pass', reasonKey: 'pki_ocsp_good', params: { time: new Date(after).toISOString() } }
    return { result, ok: true, timeMark: null }
  }
  const crlGood = crls.find((c) => c.reasonKey === null)
  if (crlGood)
    return {
      result: {
        id,
        outcome: 'pass',
        reasonKey: 'pki_crl_good',
        params: { time: crlGood.crl.thisUpdate.toISOString() },
      },
      ok: true,
      timeMark: null,
    }
  if (goods.length > 0)
    return no({
      id,
      outcome: 'fail',
      reasonKey: 'pki_ocsp_before_timestamp',
      effect: undecided('TIMESTAMP_ORDER_FAILURE'),
    })
  const reasonKey =
    ocsp[0]?.check.reasonKey ??
    crls[0]?.reasonKey ??
    (ocspValues.length > 0 && crlValues.length === 0 ? 'xml_ocsp_other_certificate' : 'pki_ocsp_absent')
  return no({ id, outcome: 'fail', reasonKey, effect: undecided('TRY_LATER') })
}
