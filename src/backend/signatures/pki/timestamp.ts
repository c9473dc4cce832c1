/**
 * RFC 3161 timestamp tokens: the token is CMS SignedData over a TSTInfo; its imprint must be the hash of
 * the bytes it claims to time-stamp, its CMS signature must verify and the TSA must chain to a trusted
 * timestamping service (or CA) at the time of the token.
 */
import { createHash } from 'node:crypto'
import { child, content, oid, parseAsn1, time } from './asn1'
import { buildChain, type ChainResult } from './chain'
import { CmsError, parseSignedData, verifySignerInfo, type SignerVerification } from './cms'
import { DIGESTS, OID } from './oids'
import { POLICY } from '../checks/policy'
import { serviceAt, type TrustStore } from './trust'
import type { Certificate } from './x509'

export interface TimestampResult {
  genTime: Date | null
  /** Imprint matches the given bytes ('not_checked' when no bytes were given). */
  imprint: 'match' | 'mismatch' | 'unknown_algorithm' | 'format' | 'not_checked'
  imprintAlgorithm: string | null
  signer: SignerVerification | null
  chain: ChainResult | null
  tsaCertificate: Certificate | null
  /** Overall: every part passed. */
  ok: boolean
  /** Reason key of the first failure (signatures.reasons.*). */
  reasonKey: string | null
}

/**
 * Verify a TimeStampToken (ContentInfo DER) over `stamped`. With `stamped` null only the token's own
 * signature and TSA chain are checked (imprint 'not_checked'; the caller must not report it as a pass).
 */
export function verifyTimestampToken(
  token: Buffer,
  stamped: Buffer | null,
  store: TrustStore,
  pool: Certificate[] = [],
): TimestampResult {
  const r: TimestampResult = {
    genTime: null,
    imprint: 'format',
    imprintAlgorithm: null,
    signer: null,
    chain: null,
    tsaCertificate: null,
    ok: false,
    reasonKey: 'pki_ts_format',
  }
  let sd
  try {
    sd = parseSignedData(token)
    if (sd.contentType !== OID.tstInfo || !sd.content || sd.signers.length !== 1) return r
    const tst = parseAsn1(sd.content)
    const imprint = child(tst, 2, 'messageImprint')
    const alg = DIGESTS[oid(child(imprint, 0, 'hashAlgorithm').children[0])] ?? null
    r.imprintAlgorithm = alg
    r.genTime = time(child(tst, 4, 'genTime'))
    if (!alg) r.imprint = 'unknown_algorithm'
    else if (stamped === null) r.imprint = 'not_checked'
    else
      r.imprint = createHash(alg)
        .update(stamped)
        .digest()
        .equals(content(child(imprint, 1, 'hashedMessage')))
        ? 'match'
        : 'mismatch'
  } catch (e) {
    if (e instanceof CmsError || e instanceof Error) return r
    throw e
  }
  r.signer = verifySignerInfo(sd, sd.signers[0], sd.content, pool)
  r.tsaCertificate = r.signer.certificate
  if (r.tsaCertificate && r.genTime) {
    r.chain = buildChain(r.tsaCertificate, [...sd.certificates, ...pool], store, r.genTime, 'timestamp')
  }
  r.reasonKey = firstFailure(r)
  r.ok = r.reasonKey === null
  return r
}

function firstFailure(r: TimestampResult): string | null {
  if (r.imprint !== 'match' && r.imprint !== 'not_checked') return 'pki_ts_imprint'
  if (!r.signer?.certificate) return 'pki_ts_no_tsa_certificate'
  if (r.signer.messageDigest !== 'match' || r.signer.signature?.outcome === 'fail' || !r.signer.signature)
    return 'pki_ts_signature'
  if (!r.chain?.trusted) return 'pki_ts_untrusted'
  if (r.chain.invalidAt) return 'pki_ts_tsa_expired'
  return null
}

/**
 * Since eIDAS (1 July 2016) a listed TSA must be a qualified one (TSA/QTST) for its time to count, as the
 * DigiDoc stack requires; older TSS-QC services were fine under the 1999 directive. The service is judged
 * as its trusted list described it at the timestamp's time (type, status and qualifiers of that history
 * period), not as it is listed today. CA-anchored and test TSAs are judged by the chain alone. Shared by
 * XAdES, CAdES and PAdES (signature and document timestamps).
 */
export function tsaNotQualified(r: TimestampResult, eidasStart: Date = POLICY.eidasStart): boolean {
  const service = r.chain?.anchor?.service ?? null
  if (!service || !r.genTime) return false
  const then = serviceAt(service, r.genTime)
  const type = then?.type ?? service.type
  if (!type.startsWith('TSA')) return false
  if (r.genTime.getTime() < eidasStart.getTime()) return false
  const notQualified = (then?.qualifiers ?? []).some((q) => /\/NotQualified$/i.test(q))
  return type !== 'TSA/QTST' || notQualified
}

/** The listed service name of the TSA (for the reason text). */
export function tsaServiceName(r: TimestampResult): string {
  return r.chain?.anchor?.service?.name ?? ''
}
