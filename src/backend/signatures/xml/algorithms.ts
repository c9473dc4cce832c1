import { constants, createHash, publicDecrypt, verify, type KeyObject } from 'node:crypto'

/** XML-DSig algorithm URIs (RFC 3275, RFC 6931/9231, XMLDSig 1.1) mapped to Node's names. */
const DIGESTS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#sha224': 'sha224',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-224': 'sha3-224',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-256': 'sha3-256',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-384': 'sha3-384',
  'http://www.w3.org/2007/05/xmldsig-more#sha3-512': 'sha3-512',
}

export function digestName(uri: string): string | null {
  return DIGESTS[uri] ?? null
}

export function digest(hash: string, data: Buffer | string): Buffer {
  return createHash(hash).update(data).digest()
}

export interface SignatureAlgorithm {
  key: 'rsa' | 'rsa-pss' | 'ecdsa'
  hash: string
  saltLength?: number
}

const HASH_BYTES: Record<string, number> = {
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
  'sha3-224': 28,
  'sha3-256': 32,
  'sha3-384': 48,
  'sha3-512': 64,
}

export function signatureAlgorithm(uri: string): SignatureAlgorithm | null {
  if (uri === 'http://www.w3.org/2000/09/xmldsig#rsa-sha1') return { key: 'rsa', hash: 'sha1' }
  let m = /^http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#rsa-(sha224|sha256|sha384|sha512)$/.exec(uri)
  if (m) return { key: 'rsa', hash: m[1] }
  m = /^http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#ecdsa-(sha1|sha224|sha256|sha384|sha512)$/.exec(uri)
  if (m) return { key: 'ecdsa', hash: m[1] }
  m = /^http:\/\/www\.w3\.org\/2021\/04\/xmldsig-more#ecdsa-(sha3-224|sha3-256|sha3-384|sha3-512)$/.exec(uri)
  if (m) return { key: 'ecdsa', hash: m[1] }
  m =
    /^http:\/\/www\.w3\.org\/2007\/05\/xmldsig-more#(sha224|sha256|sha384|sha512|sha3-224|sha3-256|sha3-384|sha3-512)-rsa-MGF1$/.exec(
      uri,
    )
  if (m) return { key: 'rsa-pss', hash: m[1], saltLength: HASH_BYTES[m[1]] }
  return null
}

/** RSA-PSS with explicit parameters (RFC 9231 `rsa-pss` + RSAPSSParams). */
export function pssAlgorithm(digestUri: string | null, saltLength: number | null): SignatureAlgorithm | null {
  const hash = digestUri ? digestName(digestUri) : 'sha256'
  if (!hash) return null
  return { key: 'rsa-pss', hash, saltLength: saltLength ?? HASH_BYTES[hash] }
}

const HASH_OIDS: Record<string, string> = {
  sha1: '06052b0e03021a',
  sha224: '0609608648016503040204',
  sha256: '0609608648016503040201',
  sha384: '0609608648016503040202',
  sha512: '0609608648016503040203',
}

function derLen(n: number): string {
  return n < 128 ? n.toString(16).padStart(2, '0') : '81' + n.toString(16).padStart(2, '0')
}

/** DER DigestInfo, with (standard) or without (legacy) the NULL algorithm parameters. */
function digestInfo(hash: string, h: Buffer, withNull: boolean): Buffer | null {
  const oid = HASH_OIDS[hash]
  if (!oid) return null
  const algId = oid + (withNull ? '0500' : '')
  const algSeq = '30' + derLen(algId.length / 2) + algId
  const octets = '04' + derLen(h.length) + h.toString('hex')
  const body = algSeq + octets
  return Buffer.from('30' + derLen(body.length / 2) + body, 'hex')
}

export type SignatureVerdict = 'ok' | 'ok-legacy-digestinfo' | 'bad'

/** Verifies a SignatureValue over `data`. ECDSA values in XML-DSig are r||s (IEEE P1363), not DER. */
export function verifySignature(
  alg: SignatureAlgorithm,
  key: KeyObject,
  data: Buffer,
  sig: Buffer,
): SignatureVerdict {
  try {
    if (alg.key === 'ecdsa') {
      if (key.asymmetricKeyType !== 'ec') return 'bad'
      return verify(alg.hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig) ? 'ok' : 'bad'
    }
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return 'bad'
    if (alg.key === 'rsa-pss') {
      return verify(
        alg.hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength },
        sig,
      )
        ? 'ok'
        : 'bad'
    }
    if (verify(alg.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, sig)) return 'ok'
    // Some older signers omitted the NULL parameters in DigestInfo; accepted only with a warning.
    const decrypted = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, sig)
    const legacy = digestInfo(alg.hash, digest(alg.hash, data), false)
    return legacy && decrypted.equals(legacy) ? 'ok-legacy-digestinfo' : 'bad'
  } catch {
    return 'bad'
  }
}
