import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { parseAsn1 } from '../../../../src/backend/signatures/pki/asn1'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import {
  OIDS,
  ctx,
  int,
  issue,
  ocspResponse,
  octet,
  oidDer,
  otherRevInfoOcsp,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
} from '../pki/test-pki'
import { type CadesParts, addArchiveV3, hashIndexV3, joinCades, splitCades } from './cades-lta'

const root = issue(null, 'Test Root', { ca: true })
const signer = issue(root, 'Anna Liepa')
const tsa = issue(root, 'Test TSA', { eku: [OIDS.timeStamping] })
const other = issue(root, 'Jānis Bērziņš')
const at = new Date('2024-03-01T09:00:00Z')
const archivedAt = new Date('2024-06-01Z')
const store = new MemoryTrustStore([], [root.der])
const content = Buffer.from('agreement')
const ocsp = (subject = signer) => ocspResponse({ signer: root, issuer: root, subject, producedAt: at })

/** A CAdES-LT signature (signature timestamp, OCSP in revocationValues and in the crls field), split. */
const lt = (detached = false): CadesParts =>
  splitCades(
    signedData({
      signer,
      content,
      detached,
      signingTime: at,
      certs: [signer, root],
      revocationInfo: [otherRevInfoOcsp(ocsp())],
      unsigned: (sv) => [
        unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at)),
        unsignedAttr(OIDS.revocationValues, seq(ctx(1, seq(ocsp())))),
      ],
    }),
  )
const lta = (detached = false) => addArchiveV3(lt(detached), tsa, archivedAt, { content })

const validate = (p: CadesParts, detachedContent?: Buffer) => {
  const r = validateDocument(joinCades(p), 'a.p7m', {
    validationTime: new Date('2025-01-01Z'),
    trustStore: store,
    ...(detachedContent ? { content: detachedContent } : {}),
  })
  const s = r.signatures[0]
  return {
    indication: s.indication,
    level: s.level,
    archive: s.checks.find((c) => c.id === 'archive-timestamp'),
  }
}
const broken = (reasonKey: string) => ({
  indication: 'TOTAL_PASSED',
  level: 'LT',
  archive: expect.objectContaining({ outcome: 'warning', reasonKey }),
})

describe('CAdES archive-time-stamp-v3: the imprint over the ats-hash-index-v3', () => {
  it('an archive timestamp whose imprint matches the signature as it is passes and lifts the level to LTA', () => {
    expect(validate(lta())).toEqual({
      indication: 'TOTAL_PASSED',
      level: 'LTA',
      archive: expect.objectContaining({ outcome: 'pass', reasonKey: 'pki_archive_ts_present' }),
    })
  })

  it('the hash algorithm may be left to its default (SHA-256) in the index', () => {
    const p = lt()
    expect(validate(addArchiveV3(p, tsa, archivedAt, { content, index: hashIndexV3(p, false) })).level).toBe(
      'LTA',
    )
  })

  it('a detached signature is checked over the content supplied with it', () => {
    expect(validate(lta(true), content).level).toBe('LTA')
  })

  it('a second archive timestamp covering the first one (renewal) counts', () => {
    const renewed = addArchiveV3(lta(), tsa, new Date('2024-09-01Z'), { content })
    expect(validate(renewed)).toEqual(expect.objectContaining({ level: 'LTA' }))
  })

  it('evidence added after the archive timestamp (a later certificate) does not break it', () => {
    const p = lta()
    expect(validate({ ...p, certs: [...p.certs, other.der] }).level).toBe('LTA')
  })

  it('a certificate removed after the archive timestamp: it fails with that reason, level stays LT', () => {
    const p = lta()
    expect(validate({ ...p, certs: [p.certs[0]] })).toEqual(broken('pki_archive_ts_certificates_changed'))
  })

  it('a certificate replaced after the archive timestamp fails the same way', () => {
    const p = lta()
    expect(validate({ ...p, certs: [p.certs[0], other.der] })).toEqual(
      broken('pki_archive_ts_certificates_changed'),
    )
  })

  it('revocation data in the crls field replaced after the archive timestamp fails', () => {
    const p = lta()
    expect(validate({ ...p, crls: [otherRevInfoOcsp(ocsp(other))] })).toEqual(
      broken('pki_archive_ts_revocation_changed'),
    )
  })

  it('an unsigned attribute (revocationValues) swapped after the archive timestamp fails', () => {
    const p = lta()
    const swapped = unsignedAttr(OIDS.revocationValues, seq(ctx(1, seq(ocsp(other)))))
    expect(validate({ ...p, unsigned: [p.unsigned[0], swapped, p.unsigned[2]] })).toEqual(
      broken('pki_archive_ts_attributes_changed'),
    )
  })

  it('an index edited after the timestamp (an entry dropped) no longer matches the imprint', () => {
    const p = lt()
    // The index sits in the token's unsigned attributes, outside its signature: an edited one whose
    // remaining hashes are all present passes the index comparison, so only the imprint can catch it.
    const shorter = hashIndexV3({ ...p, unsigned: p.unsigned.slice(0, 1) })
    expect(validate(addArchiveV3(p, tsa, archivedAt, { content, writtenIndex: shorter }))).toEqual(
      broken('pki_archive_ts_v3_imprint'),
    )
  })

  it('content changed after signing and archiving: the signature fails, the archive timestamp too', () => {
    const r = validate(lta(true), Buffer.from('agreement, amended'))
    expect(r.indication).not.toBe('TOTAL_PASSED')
    expect(r.archive).toEqual(
      expect.objectContaining({ outcome: 'warning', reasonKey: 'pki_archive_ts_v3_imprint' }),
    )
  })

  it('a malformed ats-hash-index-v3 (an entry that is not an OCTET STRING) fails as unreadable', () => {
    const p = lt()
    const bad = seq(seq(int(1)), seq(), seq())
    expect(validate(addArchiveV3(p, tsa, archivedAt, { content, index: bad }))).toEqual(
      broken('pki_archive_ts_hash_index_malformed'),
    )
  })

  it('an index with a hash algorithm other than the imprint’s is malformed', () => {
    const p = lt()
    const sha1Index = seq(seq(oidDer(OIDS.sha1)), seq(), seq(), seq())
    expect(validate(addArchiveV3(p, tsa, archivedAt, { content, index: sha1Index }))).toEqual(
      broken('pki_archive_ts_hash_index_malformed'),
    )
  })

  it('a token without an ats-hash-index-v3 fails as uncheckable', () => {
    expect(validate(addArchiveV3(lt(), tsa, archivedAt, { content, noIndex: true }))).toEqual(
      broken('pki_archive_ts_hash_index_missing'),
    )
  })

  it('a detached signature without its content: the imprint is not checked and the level not lifted', () => {
    expect(validate(lta(true)).archive).toEqual(
      expect.objectContaining({ outcome: 'not_checked', reasonKey: 'pki_archive_ts_imprint_not_checked' }),
    )
  })

  it('a token with a broken signature is a warning, not mere presence', () => {
    const p = lta()
    const token = Buffer.from(p.unsigned.at(-1)!)
    // Attribute → SET → ContentInfo → [0] → SignedData → signerInfos → SignerInfo → signature (field 5).
    const sd = parseAsn1(token).children[1].children[0].children[1].children[0]
    const signature = sd.children.at(-1)!.children[0].children[5]
    token[signature.contentEnd - 5] ^= 0xff
    expect(validate({ ...p, unsigned: [...p.unsigned.slice(0, -1), token] })).toEqual(
      broken('pki_ts_signature'),
    )
  })

  it('a single-value OCTET STRING index entry of the wrong length simply matches nothing', () => {
    const p = lt()
    const index = seq(seq(octet(Buffer.alloc(3))), seq(), seq())
    expect(validate(addArchiveV3(p, tsa, archivedAt, { content, index }))).toEqual(
      broken('pki_archive_ts_certificates_changed'),
    )
  })
})
