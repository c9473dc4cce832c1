import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildTrustStore, loadTrustDir, trustStoreFor } from '../../../../src/backend/signatures/tsl/store'
import { parseTrustedList, shortServiceType } from '../../../../src/backend/signatures/tsl/parse'
import { verifyTrustedList } from '../../../../src/backend/signatures/tsl/verify'
import { serviceStatusAt } from '../../../../src/backend/signatures/pki/trust'

const DIR = join(__dirname, '../../../../resources/trust')
const read = (f: string) => ({ name: f, bytes: readFileSync(join(DIR, f)) })
const LOTL = 'EU-LOTL-2023-09-27.xml'
const LV = 'LV-TSL-2023-09-12.xml'

describe('trusted lists', () => {
  const loaded = loadTrustDir(DIR)

  it('verifies the LOTL and the LV, EE and LT lists against the certificates the level above names', () => {
    expect(loaded.lists.map((l) => [l.territory, l.used, l.reasonKey]).sort()).toEqual([
      ['EE', true, 'tsl_ok'],
      ['EU', true, 'tsl_ok'],
      ['LT', true, 'tsl_ok'],
      ['LV', true, 'tsl_ok'],
    ])
  })

  it('reads CA, OCSP and TSA services with their status history', () => {
    const lv = loaded.store.services.filter((s) => s.country === 'LV')
    const types = new Set(lv.map((s) => s.type))
    expect(types.has('CA/QC')).toBe(true)
    expect(types.has('TSA/QTST')).toBe(true)
    const ica = lv.find((s) => s.type === 'CA/QC' && /eID ICA 2021/i.test(s.name))
    expect(ica).toBeDefined()
    expect(serviceStatusAt(ica!, new Date('2023-09-01T00:00:00Z'))).toBe('granted')
    const ee = loaded.store.services.filter((s) => s.country === 'EE')
    expect(ee.some((s) => s.type.startsWith('OCSP'))).toBe(true)
    expect(ee.some((s) => s.history.length > 1)).toBe(true)
  })

  it('drops a national list whose content changed after signing', () => {
    const lv = read(LV)
    const text = lv.bytes
      .toString('utf8')
      .replace('Supervisory Comittee of Digital Security', 'Supervisory Committee of Digital Security')
    const r = buildTrustStore([read(LOTL), { name: LV, bytes: Buffer.from(text) }])
    expect(r.lists.find((l) => l.territory === 'LV')).toMatchObject({ used: false, reasonKey: 'tsl_digest' })
    expect(r.store.services.some((s) => s.country === 'LV')).toBe(false)
  })

  it('refuses a national list signed by a certificate the LOTL does not name for that country', () => {
    const lotl = parseTrustedList(read(LOTL).bytes)
    const lv = parseTrustedList(read(LV).bytes)
    const signers = (t: string) =>
      lotl.pointers.filter((p) => p.territory === t).flatMap((p) => p.certificates)
    expect(verifyTrustedList(lv, signers('LV'))).toEqual({ ok: true, reasonKey: 'tsl_ok' })
    expect(verifyTrustedList(lv, signers('EE'))).toEqual({ ok: false, reasonKey: 'tsl_signer_not_allowed' })
  })

  it('uses no national list when the LOTL is missing or broken', () => {
    expect(buildTrustStore([read(LV)]).lists[0]).toMatchObject({ used: false, reasonKey: 'tsl_no_lotl' })
    const broken = Buffer.from(
      read(LOTL).bytes.toString('utf8').replace('<TSLSequenceNumber>', '<TSLSequenceNumber>9'),
    )
    const r = buildTrustStore([{ name: LOTL, bytes: broken }, read(LV)])
    expect(r.lists.every((l) => !l.used)).toBe(true)
    expect(r.store.services).toHaveLength(0)
  })

  it('reports an unreadable file instead of throwing', () => {
    const r = buildTrustStore([{ name: 'x.xml', bytes: Buffer.from('<!DOCTYPE x><x/>') }])
    expect(r.lists[0]).toMatchObject({ used: false, reasonKey: 'xml_doctype' })
  })

  it('shortens service type URIs', () => {
    expect(shortServiceType('http://uri.etsi.org/TrstSvc/Svctype/Certstatus/OCSP/QC')).toBe('OCSP/QC')
    expect(shortServiceType('http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST')).toBe('TSA/QTST')
  })
})

describe('trustStoreFor', () => {
  it('builds once per folder set and adds the test PKI folder as anchors', () => {
    const a = trustStoreFor(DIR)
    expect(trustStoreFor(DIR)).toBe(a)
    const withTest = trustStoreFor(DIR, [join(DIR, 'test-pki')])
    expect(withTest).not.toBe(a)
    expect(withTest.store.testAnchors).toHaveLength(1)
    expect(a.store.testAnchors).toHaveLength(0)
    expect(trustStoreFor(DIR, [], true)).not.toBe(a)
  })
})
