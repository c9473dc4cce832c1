/**
 * Raw signature verification with Node crypto: RSA PKCS#1 v1.5 (with the legacy DigestInfo that omits the
 * NULL parameter accepted as a warning), RSA-PSS with its parameters, ECDSA with DER signatures.
 */
import { constants, createHash, publicDecrypt, verify } from 'node:crypto'
import { type Asn1, TAG, content, isContext, isUniversal, oid, parseAsn1, smallInt } from './asn1'
import { DIGESTS, OID, SIGNATURE_ALGS } from './oids'
import type { Certificate } from './x509'

export interface SignatureCheckResult {
  outcome: 'pass' | 'warning' | 'fail'
  /** e.g. 'RSA', 'RSA-PSS', 'ECDSA'. */
  family: string | null
  /** Digest actually used for the signature (may differ from the message digest, e.g. SHA3 + PSS). */
  digest: string | null
  /** Reason key when not a plain pass. */
  reasonKey: string | null
}

interface PssParams {
  hash: string
  mgfHash: string
  saltLength: number
}

/** RSASSA-PSS-params (RFC 4055); defaults SHA-1 / MGF1-SHA-1 / 20. */
export function parsePssParams(params: Asn1 | undefined): PssParams | null {
  const p: PssParams = { hash: 'sha1', mgfHash: 'sha1', saltLength: 20 }
  if (!params || !isUniversal(params, TAG.SEQUENCE)) return p
  for (const f of params.children) {
    const inner = f.children[0]
    if (isContext(f, 0)) p.hash = DIGESTS[oid(inner.children[0])] ?? ''
    else if (isContext(f, 1)) {
      if (oid(inner.children[0]) !== OID.mgf1) return null
      p.mgfHash = DIGESTS[oid(inner.children[1]?.children[0])] ?? ''
    } else if (isContext(f, 2)) p.saltLength = smallInt(inner)
  }
  return p.hash && p.mgfHash ? p : null
}

const fail = (family: string | null, digest: string | null, reasonKey: string): SignatureCheckResult => ({
  outcome: 'fail',
  family,
  digest,
  reasonKey,
})

export function verifySignature(
  cert: Certificate,
  algorithm: Asn1,
  messageDigest: string | null,
  data: Buffer,
  signature: Buffer,
): SignatureCheckResult {
  let algOid: string
  try {
    algOid = oid(algorithm.children[0])
  } catch {
    return fail(null, null, 'pki_sig_algorithm_unknown')
  }
  const alg = SIGNATURE_ALGS[algOid]
  if (!alg) return fail(null, null, 'pki_sig_algorithm_unknown')
  try {
    if (alg.family === 'rsa-pss') {
      const p = parsePssParams(algorithm.children[1])
      // Node's PSS uses the same hash for MGF1; other combinations are not produced in practice.
      if (!p || p.hash !== p.mgfHash) return fail('RSA-PSS', p?.hash ?? null, 'pki_sig_algorithm_unknown')
      const ok = verify(
        p.hash,
        data,
        { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: p.saltLength },
        signature,
      )
      return ok
        ? { outcome: 'pass', family: 'RSA-PSS', digest: p.hash, reasonKey: null }
        : fail('RSA-PSS', p.hash, 'pki_sig_crypto')
    }
    const digest = alg.digest ?? messageDigest
    if (!digest) return fail(null, null, 'pki_sig_algorithm_unknown')
    if (alg.family === 'ecdsa') {
      if (cert.keyType !== 'ec') return fail('ECDSA', digest, 'pki_sig_key_mismatch')
      const ok = verify(digest, data, { key: cert.publicKey, dsaEncoding: 'der' }, signature)
      return ok
        ? { outcome: 'pass', family: 'ECDSA', digest, reasonKey: null }
        : fail('ECDSA', digest, 'pki_sig_crypto')
    }
    if (cert.keyType !== 'rsa') return fail('RSA', digest, 'pki_sig_key_mismatch')
    if (verify(digest, data, { key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)) {
      return { outcome: 'pass', family: 'RSA', digest, reasonKey: null }
    }
    return legacyDigestInfo(cert, digest, data, signature)
  } catch {
    return fail(alg.family.toUpperCase(), alg.digest ?? messageDigest, 'pki_sig_crypto')
  }
}

/** Strict verification failed: recover the DigestInfo and accept one without the NULL parameter. */
function legacyDigestInfo(
  cert: Certificate,
  digest: string,
  data: Buffer,
  signature: Buffer,
): SignatureCheckResult {
  try {
    const recovered = publicDecrypt({ key: cert.publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)
    const di = parseAsn1(recovered)
    const algId = di.children[0]
    const hashOid = oid(algId.children[0])
    const expected = createHash(digest).update(data).digest()
    if (
      DIGESTS[hashOid] === digest &&
      algId.children.length === 1 &&
      content(di.children[1]).equals(expected)
    ) {
      return { outcome: 'warning', family: 'RSA', digest, reasonKey: 'pki_sig_legacy_digestinfo' }
    }
  } catch {
    // Not decodable: a plain cryptographic failure.
  }
  return fail('RSA', digest, 'pki_sig_crypto')
}
