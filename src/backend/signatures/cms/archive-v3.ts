/**
 * What a CAdES archive-time-stamp-v3 (ETSI EN 319 122-1 §5.5.3) time-stamped. Its message imprint is the
 * hash of the concatenation of
 *   1. the encoded SignedData.encapContentInfo.eContentType,
 *   2. the hash of the signed content (the content the message-digest attribute covers), with the archive
 *      timestamp's own hash algorithm,
 *   3. the SignerInfo fields version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm and signature,
 *      each as encoded,
 *   4. the ATSHashIndexV3 value carried in the token's own ats-hash-index-v3 unsigned attribute (§5.5.2).
 * The index lists a hash of every certificate, every revocation value and every unsigned attribute value
 * that existed when the timestamp was made; each must still be there (later additions are allowed), else
 * something it covered was changed. The older ats-hash-index of TS 101 733 v2.2.1 differs only in hashing
 * each unsigned attribute whole.
 */
import { createHash } from 'node:crypto'
import { type Asn1, TAG, child, content, isContext, isUniversal, oid, parseAsn1, raw } from '../pki/asn1'
import { attr, parseSignedData, type SignedData, type SignerInfo } from '../pki/cms'
import { DIGESTS, OID } from '../pki/oids'

const MAX_INDEX_ENTRIES = 10_000

export type ArchiveV3Coverage =
  | { kind: 'data'; data: Buffer }
  /** The signed content is not available (detached, none supplied): the imprint cannot be computed. */
  | { kind: 'no_content' }
  /** The hash index is missing or unreadable, or lists something the signature no longer holds. */
  | { kind: 'problem'; reasonKey: string }

interface HashIndex {
  algorithm: string
  /** The hashIndAlgorithm is given explicitly (it must then match the imprint's). */
  v3: boolean
  certificates: Buffer[]
  crls: Buffer[]
  attributes: Buffer[]
  node: Asn1
}

const octetList = (n: Asn1 | undefined): Buffer[] | null => {
  if (!isUniversal(n, TAG.SEQUENCE) || n.children.length > MAX_INDEX_ENTRIES) return null
  const out: Buffer[] = []
  for (const c of n.children) {
    if (!isUniversal(c, TAG.OCTET_STRING) || c.constructed) return null
    out.push(Buffer.from(content(c)))
  }
  return out
}

/** The ATSHashIndex(V3) in the token's unsigned attributes, or null when absent or malformed. */
function hashIndexOf(token: Buffer): HashIndex | null | 'absent' {
  let node: Asn1 | null
  let v3 = true
  try {
    const tsi = parseSignedData(token).signers[0]
    if (!tsi) return null
    node = attr(tsi, OID.atsHashIndexV3, true)
    if (!node) {
      node = attr(tsi, OID.atsHashIndex, true)
      v3 = false
    }
  } catch {
    return null
  }
  if (!node) return 'absent'
  if (!isUniversal(node, TAG.SEQUENCE)) return null
  const parts = node.children
  // hashIndAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256}: present when there are four fields.
  let algorithm = 'sha256'
  if (parts.length === 4) {
    const algOid = isUniversal(parts[0], TAG.SEQUENCE) ? safeOid(parts[0].children[0]) : null
    const known = algOid ? DIGESTS[algOid] : undefined
    if (!known || known === 'md5') return null
    algorithm = known
  } else if (parts.length !== 3) return null
  const off = parts.length - 3
  const certificates = octetList(parts[off])
  const crls = octetList(parts[off + 1])
  const attributes = octetList(parts[off + 2])
  if (!certificates || !crls || !attributes) return null
  return { algorithm, v3, certificates, crls, attributes, node }
}

function safeOid(n: Asn1 | undefined): string | null {
  try {
    return oid(n)
  } catch {
    return null
  }
}

/** True when every listed hash is found among the hashes of `present` (each used once). */
function allPresent(listed: Buffer[], present: Buffer[], algorithm: string): boolean {
  const have = new Map<string, number>()
  for (const p of present) {
    const h = createHash(algorithm).update(p).digest('hex')
    have.set(h, (have.get(h) ?? 0) + 1)
  }
  for (const l of listed) {
    const h = l.toString('hex')
    const n = have.get(h) ?? 0
    if (n === 0) return false
    have.set(h, n - 1)
  }
  return true
}

/** The encoded elements of the SignedData `certificates` [0] and `crls` [1] fields, as received. */
function signedDataSets(sd: SignedData): { contentType: Buffer; certificates: Buffer[]; crls: Buffer[] } {
  const n = sd.node.children
  const encap = child(sd.node, 2, 'encapContentInfo')
  let i = 3
  const certificates = isContext(n[i], 0) ? n[i++].children.map((c) => raw(c)) : []
  const crls = isContext(n[i], 1) ? n[i].children.map((c) => raw(c)) : []
  return { contentType: raw(child(encap, 0, 'eContentType')), certificates, crls }
}

/**
 * The unsigned attributes as the index hashes them: v3 each (attrType ‖ one AttributeValue), the older
 * index each whole Attribute.
 */
function unsignedAttributeItems(si: SignerInfo, v3: boolean): Buffer[] {
  const last = si.node.children.at(-1)
  if (!isContext(last, 1)) return []
  const out: Buffer[] = []
  for (const a of last.children) {
    if (!v3) out.push(raw(a))
    else {
      const type = raw(child(a, 0, 'attrType'))
      for (const v of a.children[1]?.children ?? []) out.push(Buffer.concat([type, raw(v)]))
    }
  }
  return out
}

/** The imprint's hash algorithm named in the TSTInfo, or null. */
function imprintAlgorithm(token: Buffer): string | null {
  try {
    const tst = parseSignedData(token).content
    if (!tst) return null
    const mi = child(parseAsn1(tst), 2, 'messageImprint')
    return DIGESTS[oid(child(mi, 0, 'hashAlgorithm').children[0])] ?? null
  } catch {
    return null
  }
}

/**
 * The bytes the archive timestamp `token` must have stamped for signer `si` of `sd` over `signedContent`,
 * or why they cannot be assembled.
 */
export function archiveV3Coverage(
  sd: SignedData,
  si: SignerInfo,
  token: Buffer,
  signedContent: Buffer | null,
): ArchiveV3Coverage {
  const index = hashIndexOf(token)
  if (index === 'absent') return { kind: 'problem', reasonKey: 'pki_archive_ts_hash_index_missing' }
  if (!index) return { kind: 'problem', reasonKey: 'pki_archive_ts_hash_index_malformed' }
  const algorithm = imprintAlgorithm(token)
  // EN 319 122-1: the index hashes use the imprint's algorithm; a different one is a malformed index.
  if (!algorithm || algorithm !== index.algorithm)
    return { kind: 'problem', reasonKey: 'pki_archive_ts_hash_index_malformed' }
  let sets
  try {
    sets = signedDataSets(sd)
  } catch {
    return { kind: 'problem', reasonKey: 'pki_archive_ts_hash_index_malformed' }
  }
  if (!allPresent(index.certificates, sets.certificates, algorithm))
    return { kind: 'problem', reasonKey: 'pki_archive_ts_certificates_changed' }
  if (!allPresent(index.crls, sets.crls, algorithm))
    return { kind: 'problem', reasonKey: 'pki_archive_ts_revocation_changed' }
  if (!allPresent(index.attributes, unsignedAttributeItems(si, index.v3), algorithm))
    return { kind: 'problem', reasonKey: 'pki_archive_ts_attributes_changed' }
  if (signedContent === null) return { kind: 'no_content' }
  // version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature: every field but unsignedAttrs.
  const kids = si.node.children
  const fields = (isContext(kids.at(-1), 1) ? kids.slice(0, -1) : kids).map((c) => raw(c))
  return {
    kind: 'data',
    data: Buffer.concat([
      sets.contentType,
      createHash(algorithm).update(signedContent).digest(),
      ...fields,
      raw(index.node),
    ]),
  }
}
