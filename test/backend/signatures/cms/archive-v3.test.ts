import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import {
  OIDS,
  ctx,
  issue,
  ocspResponse,
  seq,
  signedData,
  timestampToken,
  unsignedAttr,
} from '../pki/test-pki'

const root = issue(null, 'Test Root', { ca: true })
const signer = issue(root, 'Anna Liepa')
const tsa = issue(root, 'Test TSA', { eku: [OIDS.timeStamping] })
const at = new Date('2024-03-01T09:00:00Z')
const store = new MemoryTrustStore([], [root.der])

const cades = (archive: (sv: Buffer) => Buffer) =>
  signedData({
    signer,
    content: Buffer.from('agreement'),
    signingTime: at,
    unsigned: (sv) => [
      unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at)),
      unsignedAttr(
        OIDS.revocationValues,
        seq(ctx(1, seq(ocspResponse({ signer: root, issuer: root, subject: signer, producedAt: at })))),
      ),
      unsignedAttr(OIDS.archiveTimestampV3, archive(sv)),
    ],
  })
const archiveCheck = (bytes: Buffer) => {
  const r = validateDocument(bytes, 'a.p7m', { validationTime: new Date('2025-01-01Z'), trustStore: store })
  return {
    level: r.signatures[0].level,
    check: r.signatures[0].checks.find((c) => c.id === 'archive-timestamp'),
  }
}

describe('CAdES archive-time-stamp-v3', () => {
  it('a token whose signature and TSA verify: imprint reported as not checked, never a pass, no LTA', () => {
    expect(archiveCheck(cades((sv) => timestampToken(tsa, sv, new Date('2024-06-01Z'))))).toEqual({
      level: 'LT',
      check: expect.objectContaining({
        outcome: 'not_checked',
        reasonKey: 'pki_archive_ts_imprint_not_checked',
      }),
    })
  })

  it('a token with a broken signature is a warning, not mere presence', () => {
    const broken = (sv: Buffer) => {
      const t = timestampToken(tsa, sv, new Date('2024-06-01Z'))
      t[t.length - 20] ^= 0xff
      return t
    }
    expect(archiveCheck(cades(broken))).toEqual({
      level: 'LT',
      check: expect.objectContaining({ outcome: 'warning', reasonKey: 'pki_ts_signature' }),
    })
  })
})
