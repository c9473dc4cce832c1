/**
 * Chain building from a certificate up to a trust anchor: a certificate of a trusted-list service whose
 * status was granted at the asked time, or a test anchor. Intermediates come from the signature's own
 * certificate pool (CMS certificates, DSS, OCSP responses) and from the trusted list itself.
 */
import { type Certificate, isIssuedBy, nameKey, tryParseCertificate, validAt } from './x509'
import type { TrustDecision, TrustPurpose, TrustStore } from './trust'

export interface ChainResult {
  /** Certificate first, anchor last (when found). */
  chain: Certificate[]
  trusted: boolean
  anchor: TrustDecision | null
  /** 'ok' | 'no_chain' (no path to any anchor) | 'not_granted' (listed, but not granted at that time). */
  reason: 'ok' | 'no_chain' | 'not_granted'
  /** A certificate of the chain (other than an anchor) not valid at the asked time. */
  invalidAt: { index: number; state: 'expired' | 'not_yet_valid' } | null
}

const MAX_CHAIN = 8
const storeCerts = new WeakMap<TrustStore, Certificate[]>()

/** Parsed certificates of all services and test anchors, cached per store. */
export function anchorCertificates(store: TrustStore): Certificate[] {
  let list = storeCerts.get(store)
  if (!list) {
    list = []
    const seen = new Set<string>()
    for (const der of [...store.testAnchors, ...store.services.flatMap((s) => s.certificates)]) {
      const key = der.toString('base64')
      if (seen.has(key)) continue
      seen.add(key)
      const c = tryParseCertificate(der)
      if (c) list.push(c)
    }
    storeCerts.set(store, list)
  }
  return list
}

export function buildChain(
  cert: Certificate,
  pool: Certificate[],
  store: TrustStore,
  at: Date,
  purpose: TrustPurpose,
): ChainResult {
  const anchors = anchorCertificates(store)
  const candidates = [...pool, ...anchors]
  const chain: Certificate[] = [cert]
  let sawListed: TrustDecision | null = null
  let current = cert
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const decision = store.isTrustedAt(current.der, at, purpose)
    if (decision.trusted) return finish(chain, at, decision, 'ok')
    if (decision.service && !sawListed) sawListed = decision
    const issuerKey = nameKey(current.issuer)
    const issuers = candidates.filter(
      (c) =>
        !chain.some((x) => x.der.equals(c.der)) && nameKey(c.subject) === issuerKey && isIssuedBy(current, c),
    )
    if (issuers.length === 0) break
    // Prefer an issuer that is itself an anchor at that time (several CA versions share a name).
    const next = issuers.find((c) => store.isTrustedAt(c.der, at, purpose).trusted) ?? issuers[0]
    chain.push(next)
    current = next
  }
  return finish(chain, at, sawListed, sawListed ? 'not_granted' : 'no_chain')
}

function finish(
  chain: Certificate[],
  at: Date,
  anchor: TrustDecision | null,
  reason: ChainResult['reason'],
): ChainResult {
  let invalidAt: ChainResult['invalidAt'] = null
  // The anchor's own validity does not matter (trusted-list semantics); the rest must be valid at `at`.
  const upTo = reason === 'ok' ? chain.length - 1 : chain.length
  for (let i = 0; i < upTo; i++) {
    const state = validAt(chain[i], at)
    if (state !== 'valid') {
      invalidAt = { index: i, state }
      break
    }
  }
  return { chain, trusted: reason === 'ok', anchor, reason, invalidAt }
}
