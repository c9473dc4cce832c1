import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { grantedAsAt, serviceStateAt } from '../../../../src/backend/signatures/tsl/history'
import { parseTrustedList } from '../../../../src/backend/signatures/tsl/parse'
import { loadTrustDir } from '../../../../src/backend/signatures/tsl/store'
import { issue } from '../pki/test-pki'
import { makeTrustedList } from './tsl-signer'

const store = loadTrustDir(join(__dirname, '../../../../resources/trust')).store
const service = (country: string, name: string) => {
  const s = store.services.find((x) => x.country === country && x.name === name)
  if (!s) throw new Error(`no ${country} service ${name} in the shipped lists`)
  return s
}
const at = (iso: string) => new Date(iso)

describe('trust service status "as of" a time (shipped snapshots, fixed times)', () => {
  it('eParaksts TSA A 2017 (LV): granted TSA/QTST from 15.12.2017, withdrawn from 7.6.2018, unknown before', () => {
    const tsa = service('LV', 'eParaksts TSA A 2017')
    expect(serviceStateAt(tsa, at('2017-12-01T00:00:00Z'))).toBeNull()
    expect(serviceStateAt(tsa, at('2018-03-01T00:00:00Z'))).toMatchObject({
      status: 'granted',
      granted: true,
      type: 'TSA/QTST',
      from: '2017-12-15T11:30:00Z',
      until: '2018-06-07T21:00:00Z',
    })
    expect(serviceStateAt(tsa, at('2019-01-01T00:00:00Z'))).toMatchObject({
      status: 'withdrawn',
      granted: false,
      until: null,
    })
    expect(grantedAsAt(tsa, at('2018-03-01T00:00:00Z'), 'TSA/QTST')).toBe(true)
    expect(grantedAsAt(tsa, at('2018-06-07T21:00:00Z'), 'TSA/QTST')).toBe(false)
  })

  it('E-ME LZI (TSA) (LV): accredited in 2012 and recognised nationally in 2017 count, deprecated in 2019 does not', () => {
    const tsa = service('LV', 'E-ME LZI (TSA)')
    expect(serviceStateAt(tsa, at('2012-01-01T00:00:00Z'))).toMatchObject({
      status: 'accredited',
      granted: true,
    })
    expect(serviceStateAt(tsa, at('2017-01-01T00:00:00Z'))).toMatchObject({
      status: 'recognisedatnationallevel',
      granted: true,
      type: 'TSA/TSS-QC',
    })
    expect(serviceStateAt(tsa, at('2019-01-01T00:00:00Z'))).toMatchObject({
      status: 'deprecatedatnationallevel',
      granted: false,
    })
    // Never a qualified timestamp service, whatever the time.
    expect(grantedAsAt(tsa, at('2012-01-01T00:00:00Z'), 'TSA/QTST')).toBe(false)
  })

  it('Guardtime KSI timestamp service (EE): granted from 8.4.2020, withdrawn from 14.2.2021', () => {
    const tsa = service('EE', 'Guardtime KSI timestamp service')
    expect(grantedAsAt(tsa, at('2020-06-01T00:00:00Z'), 'TSA/QTST')).toBe(true)
    expect(grantedAsAt(tsa, at('2021-06-01T00:00:00Z'), 'TSA/QTST')).toBe(false)
  })
})

describe('service type and qualifiers as they stood then', () => {
  const signer = issue(null, 'Test LT list signer', { ca: true })
  const tsaCert = issue(null, 'Test LT TSA', { ca: true })
  const list = parseTrustedList(
    makeTrustedList({
      territory: 'LT',
      seq: 1,
      issued: '2024-01-01T00:00:00Z',
      nextUpdate: '2024-07-01T00:00:00Z',
      signer,
      services: [
        {
          type: 'TSA/QTST',
          name: 'Test LT TSA',
          cert: tsaCert.der,
          history: [
            { status: 'granted', from: '2019-03-01T00:00:00Z', qualifiers: ['urn:test:now'] },
            { status: 'granted', from: '2016-07-01T00:00:00Z', type: 'TSA', qualifiers: ['urn:test:then'] },
          ],
        },
      ],
    }),
  )
  const tsa = list.services[0]

  it('reads a TSA listed only as TSA (not qualified) until 2019 as not a QTST before then', () => {
    expect(serviceStateAt(tsa, at('2018-01-01T00:00:00Z'))).toMatchObject({
      type: 'TSA',
      granted: true,
      qualifiers: ['urn:test:then'],
      until: '2019-03-01T00:00:00Z',
    })
    expect(grantedAsAt(tsa, at('2018-01-01T00:00:00Z'), 'TSA/QTST')).toBe(false)
    expect(serviceStateAt(tsa, at('2020-01-01T00:00:00Z'))).toMatchObject({
      type: 'TSA/QTST',
      qualifiers: ['urn:test:now'],
    })
    expect(grantedAsAt(tsa, at('2020-01-01T00:00:00Z'), 'TSA/QTST')).toBe(true)
  })
})
