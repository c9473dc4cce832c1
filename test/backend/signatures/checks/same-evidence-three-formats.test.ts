import { describe, expect, it } from 'vitest'
import type { Indication, SubIndication } from '../../../../src/core/signatures/result'
import { validateDocument } from '../../../../src/backend/signatures'
import { MemoryTrustStore, type TrustService } from '../../../../src/backend/signatures/pki/trust'
import { OIDS, issue, type TestId } from '../pki/test-pki'
import { type Evidence, FORMATS } from '../same-evidence'

/**
 * One pipeline: the same evidence written as XAdES (ASiC-E), CAdES and PAdES must get the same
 * indication, sub-indication and level — the policy (revocation, timestamp, trust) is stated once.
 */
const from = new Date('2010-01-01Z')
const root = issue(null, 'Listed Root', { ca: true, notBefore: from })
const signer = issue(root, 'Anna Liepa', { notBefore: from })
const shortLived = issue(root, 'Karlis Ozols', { notBefore: from, notAfter: new Date('2024-01-01Z') })
const tsa = issue(root, 'Listed TSA', { eku: [OIDS.timeStamping], notBefore: from })
const plainTsa = issue(root, 'Plain TSA', { eku: [OIDS.timeStamping], notBefore: from })
const strangerRoot = issue(null, 'Unlisted Root', { ca: true, notBefore: from })
const strangerTsa = issue(strangerRoot, 'Unlisted TSA', { eku: [OIDS.timeStamping], notBefore: from })
const stranger = issue(strangerRoot, 'Janis Berzins', { notBefore: from })

const service = (type: string, cert: TestId): TrustService => ({
  type,
  certificates: [cert.der],
  history: [{ status: 'granted', from: '2010-01-01T00:00:00Z' }],
  country: 'LV',
  name: `${type} service`,
})
const store = new MemoryTrustStore([
  service('CA/QC', root),
  service('TSA/QTST', tsa),
  service('TSA', plainTsa),
])
const at = new Date('2024-03-01T09:00:00Z')
const min = 60_000
const base: Evidence = {
  ca: root,
  signer,
  signingTime: at,
  timestamp: { tsa, at },
  ocsp: { producedAt: new Date(at.getTime() + min) },
}

interface Case {
  name: string
  evidence: Evidence
  indication: Indication
  sub: SubIndication | null
  level: string | null
}

const CASES: Case[] = [
  {
    name: 'trusted QTST timestamp and a good OCSP',
    evidence: base,
    indication: 'TOTAL_PASSED',
    sub: null,
    level: 'LT',
  },
  {
    name: 'timestamp from a TSA on no trusted list',
    evidence: { ...base, timestamp: { tsa: strangerTsa, at }, extra: [strangerRoot] },
    indication: 'INDETERMINATE',
    sub: 'NO_CERTIFICATE_CHAIN_FOUND',
    level: 'B',
  },
  {
    name: 'timestamp from a listed but not qualified TSA after eIDAS',
    evidence: { ...base, timestamp: { tsa: plainTsa, at } },
    indication: 'INDETERMINATE',
    sub: 'CHAIN_CONSTRAINTS_FAILURE',
    level: 'B',
  },
  {
    name: 'certificate revoked before the trusted timestamp',
    evidence: {
      ...base,
      ocsp: {
        producedAt: new Date(at.getTime() + min),
        status: 'revoked',
        revokedAt: new Date(at.getTime() - 60 * min),
      },
    },
    indication: 'INDETERMINATE',
    sub: 'REVOKED_NO_POE',
    level: 'T',
  },
  {
    name: 'certificate revoked after the trusted timestamp (a warning)',
    evidence: {
      ...base,
      ocsp: {
        producedAt: new Date(at.getTime() + 120 * min),
        status: 'revoked',
        revokedAt: new Date(at.getTime() + 60 * min),
      },
    },
    indication: 'TOTAL_PASSED',
    sub: null,
    level: 'LT',
  },
  {
    name: 'OCSP produced before the timestamp',
    evidence: { ...base, ocsp: { producedAt: new Date(at.getTime() - 2 * min) } },
    indication: 'INDETERMINATE',
    sub: 'TIMESTAMP_ORDER_FAILURE',
    level: 'T',
  },
  {
    name: 'OCSP 40 minutes after the timestamp (late: a warning)',
    evidence: { ...base, ocsp: { producedAt: new Date(at.getTime() + 40 * min) } },
    indication: 'TOTAL_PASSED',
    sub: null,
    level: 'LT',
  },
  {
    name: 'no revocation evidence',
    evidence: { ...base, ocsp: null },
    indication: 'INDETERMINATE',
    sub: 'TRY_LATER',
    level: 'T',
  },
  {
    name: 'claimed signing time an hour after the timestamp',
    evidence: { ...base, signingTime: new Date(at.getTime() + 60 * min) },
    indication: 'INDETERMINATE',
    sub: 'TIMESTAMP_ORDER_FAILURE',
    level: 'LT',
  },
  {
    name: 'signer certificate expired before the trusted timestamp',
    evidence: { ...base, signer: shortLived },
    indication: 'TOTAL_FAILED',
    sub: 'EXPIRED',
    level: null,
  },
  {
    name: 'signer under a CA on no trusted list',
    evidence: { ...base, signer: stranger, ca: strangerRoot },
    indication: 'INDETERMINATE',
    sub: 'NO_CERTIFICATE_CHAIN_FOUND',
    level: 'LT',
  },
  {
    name: 'no timestamp, a good OCSP',
    evidence: { ...base, timestamp: null },
    indication: 'TOTAL_PASSED',
    sub: null,
    level: 'B',
  },
]

describe('the same evidence gives the same verdict in XAdES, CAdES and PAdES', () => {
  for (const c of CASES)
    it(c.name, () => {
      const got = FORMATS.map(([format, make, name]) => {
        const s = validateDocument(make(c.evidence), name, {
          validationTime: new Date('2025-01-01Z'),
          trustStore: store,
        }).signatures[0]
        return { format, indication: s.indication, sub: s.subIndication, level: s.level }
      })
      expect(got).toEqual(
        FORMATS.map(([format]) => ({ format, indication: c.indication, sub: c.sub, level: c.level })),
      )
    })
})
