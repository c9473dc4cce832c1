import { buildChain, type ChainResult } from '../pki/chain'
import { formatName } from '../pki/x509'
import { bestSignatureTime } from './best-time'
import { type CheckResult, type Policy, type SignatureEvidence, undecided } from './types'

const memo = new WeakMap<SignatureEvidence, ChainResult | null>()

/** The signer's chain to a trusted-list service granted at the best signature time (or a test anchor). */
export function signerChain(e: SignatureEvidence, policy: Policy): ChainResult | null {
  if (!e.signer) return null
  if (!memo.has(e)) {
    const at = bestSignatureTime(e, policy) ?? e.validationTime
    memo.set(e, buildChain(e.signer, e.pool, e.store, at, 'signature'))
  }
  return memo.get(e) ?? null
}

export function trustChainCheck(e: SignatureEvidence, policy: Policy): CheckResult | null {
  const chain = signerChain(e, policy)
  if (!chain) return null
  const id = 'trust-chain'
  if (chain.trusted) {
    const service = chain.anchor?.service
    return {
      id,
      outcome: 'pass',
      reasonKey: chain.anchor?.testAnchor ? 'xml_chain_test_anchor' : 'xml_chain_trusted',
      params: {
        service: service?.name ?? formatName(chain.chain[chain.chain.length - 1].subject),
        country: service?.country ?? '',
      },
    }
  }
  return chain.reason === 'not_granted'
    ? {
        id,
        outcome: 'fail',
        reasonKey: 'xml_chain_not_granted',
        effect: undecided('CHAIN_CONSTRAINTS_FAILURE'),
      }
    : {
        id,
        outcome: 'fail',
        reasonKey: 'xml_chain_untrusted',
        effect: undecided('NO_CERTIFICATE_CHAIN_FOUND'),
      }
}

/** Qualified: a QC-compliant certificate under a CA/QC service; unknown until the issuer is trusted. */
export function qualifiedSigner(e: SignatureEvidence, policy: Policy): boolean | null {
  const chain = signerChain(e, policy)
  if (!e.signer || !chain?.trusted) return null
  return e.signer.qc.compliance && chain.anchor?.service?.type === 'CA/QC'
}
