import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildChain } from '../../../../src/backend/signatures/pki/chain'
import { parseSignedData } from '../../../../src/backend/signatures/pki/cms'
import {
  MemoryTrustStore,
  type TrustService,
  serviceStatusAt,
} from '../../../../src/backend/signatures/pki/trust'
import {
  displayName,
  formatName,
  parseCertificate,
  personalCodeOf,
  validAt,
} from '../../../../src/backend/signatures/pki/x509'
import { fixture, pemToDer } from './fixtures'

const nowina = parseSignedData(fixture('p7s/cades-enveloping.pkcs7')).certificates
const [user, ca] = [
  nowina.find((c) => displayName(c.subject) === 'good-user')!,
  nowina.find((c) => displayName(c.subject) === 'good-ca')!,
]
const service = (history: TrustService['history'], type = 'CA/QC'): TrustService => ({
  type,
  certificates: [ca.der],
  history,
  country: 'LU',
  name: 'good-ca',
})

describe('X.509 parsing', () => {
  it('reads the LV DEMO CA (RSA) names, key and validity', () => {
    const c = parseCertificate(
      pemToDer(readFileSync('resources/trust/test-pki/DEMO_LV_eID_ICA_2021.pem', 'utf8')),
    )
    expect(displayName(c.subject)).toBe('DEMO LV eID ICA 2021')
    expect(formatName(c.issuer)).toContain('CN=DEMO eParaksts Root CA')
    expect(c.subject.attrs.find((a) => a.name === 'O')?.value).toBe(
      'VAS Latvijas Valsts radio un televīzijas centrs',
    )
    expect(c.keyType).toBe('rsa')
    expect(c.isCa).toBe(true)
    expect(c.keyUsage).toContain('keyCertSign')
    expect(validAt(c, new Date('2025-01-01'))).toBe('valid')
    expect(validAt(c, new Date('2031-01-01'))).toBe('expired')
    expect(validAt(c, new Date('2020-01-01'))).toBe('not_yet_valid')
  })

  it('reads the serialNumber attribute and QC statements of a qualified citizen certificate', () => {
    const c = parseSignedData(fixture('p7s/CAdES-BpB-att-SHA256-SHA3_256withRSAandMGF1.p7m')).certificates[0]
    expect(personalCodeOf(c)).toBe('99999990S')
    expect(c.qc.compliance).toBe(true)
    expect(c.keyUsage).toContain('nonRepudiation')
  })
})

describe('chain building against a trust store', () => {
  const at = new Date('2021-01-01T00:00:00Z')

  it('reaches a listed CA whose status was granted at the time', () => {
    const store = new MemoryTrustStore([service([{ status: 'granted', from: '2016-07-01T00:00:00Z' }])])
    const r = buildChain(user, [], store, at, 'signature')
    expect(r.trusted).toBe(true)
    expect(r.chain.map((c) => displayName(c.subject))).toEqual(['good-user', 'good-ca'])
    expect(r.anchor?.service?.name).toBe('good-ca')
    expect(store.findIssuerServices(user.der).map((s) => s.name)).toEqual(['good-ca'])
  })

  it('judges trust at signing time from the status history', () => {
    const s = service([
      { status: 'withdrawn', from: '2020-06-01T00:00:00Z' },
      { status: 'granted', from: '2016-07-01T00:00:00Z' },
    ])
    expect(serviceStatusAt(s, new Date('2019-01-01'))).toBe('granted')
    expect(serviceStatusAt(s, new Date('2015-01-01'))).toBeNull()
    const store = new MemoryTrustStore([s])
    expect(buildChain(user, [], store, new Date('2019-01-01'), 'signature').trusted).toBe(true)
    const late = buildChain(user, [], store, at, 'signature')
    expect(late).toMatchObject({ trusted: false, reason: 'not_granted' })
  })

  it('finds no chain with an empty store, and uses test anchors only when given', () => {
    expect(buildChain(user, nowina, new MemoryTrustStore(), at, 'signature')).toMatchObject({
      trusted: false,
      reason: 'no_chain',
    })
    const r = buildChain(user, [], new MemoryTrustStore([], [ca.der]), at, 'signature')
    expect(r.trusted).toBe(true)
    expect(r.anchor?.testAnchor).toBe(true)
  })

  it('does not let a TSA service anchor a signing certificate', () => {
    const store = new MemoryTrustStore([
      service([{ status: 'granted', from: '2016-07-01T00:00:00Z' }], 'TSA/QTST'),
    ])
    expect(buildChain(user, [], store, at, 'signature').trusted).toBe(false)
  })
})
