import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../src/backend/signatures'
import {
  MemoryTrustStore,
  type TrustService,
  type TrustStatusPeriod,
} from '../../../src/backend/signatures/pki/trust'
import { OIDS, issue, type TestId } from './pki/test-pki'
import { ZipArchive } from '../../../src/backend/signatures/zip/reader'
import { FORMATS, xades, type Evidence } from './same-evidence'
import { buildZip } from './zip/zip-builder'

/**
 * Regressions for the three classes of wrong verdicts met on real DigiDoc4j files (issue 14), rebuilt with
 * the test PKI: the real files stay outside the repository.
 */
const root = issue(null, 'Listed Root', { ca: true, notBefore: new Date('2010-01-01Z') })
const signer = issue(root, 'Anna Liepa', { notBefore: new Date('2010-01-01Z') })
const tsa = issue(root, 'Listed TSA', { eku: [OIDS.timeStamping], notBefore: new Date('2010-01-01Z') })
const at = new Date('2024-03-01T09:00:00Z')
const evidence: Evidence = {
  ca: root,
  signer,
  signingTime: at,
  timestamp: { tsa, at },
  ocsp: { producedAt: new Date(at.getTime() + 60_000) },
}
const listed = (type: string, cert: TestId, history: TrustStatusPeriod[]): TrustService => ({
  type,
  certificates: [cert.der],
  history,
  country: 'LT',
  name: `${type} service`,
})
const granted = (from: string, extra: Partial<TrustStatusPeriod> = {}): TrustStatusPeriod => ({
  status: 'granted',
  from,
  ...extra,
})
const storeWith = (tsaService: TrustService) =>
  new MemoryTrustStore([listed('CA/QC', root, [granted('2010-01-01T00:00:00Z')]), tsaService])
const qtst = storeWith(listed('TSA/QTST', tsa, [granted('2010-01-01T00:00:00Z')]))
const validate = (bytes: Buffer, name: string, store = qtst) =>
  validateDocument(bytes, name, { validationTime: new Date('2025-01-01Z'), trustStore: store })

describe('SigningCertificate issuer: RFC 5280 name comparison; the digest decides (Mobile-ID BDOC-TM)', () => {
  it('the issuer written as text in another order, case and spacing is the same name: VALID', () => {
    const r = validate(
      xades(evidence, { v1IssuerName: 'c=lv,  o=GASDESK test pki,cn=Listed Root' }),
      'a.asice',
    )
    expect(r.status).toBe('VALID')
    expect(r.signatures[0].checks.find((c) => c.id === 'signing-certificate')?.outcome).toBe('pass')
  })

  it('an issuer written otherwise (an extra e-mail attribute) with the right digest and serial: a warning', () => {
    const r = validate(
      xades(evidence, { v1IssuerName: 'E=pki@example.lv,CN=Listed Root,O=GasDesk Test PKI,C=LV' }),
      'a.asice',
    )
    expect(r.status).toBe('VALID_WITH_WARNINGS')
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'LT' })
    expect(r.signatures[0].checks.find((c) => c.id === 'signing-certificate')).toMatchObject({
      outcome: 'warning',
      reasonKey: 'xml_signing_certificate_issuer_differs',
    })
  })
})

describe('ASiC mimetype with a UTF-8 byte-order mark (2015 BDOC-TM)', () => {
  it('is read, with a container warning; the signature is judged as without it', () => {
    const r = validate(xades(evidence, { bomMimetype: true }), 'a.bdoc')
    expect(r.status).toBe('VALID_WITH_WARNINGS')
    expect(r.warnings).toEqual([{ id: 'container', outcome: 'warning', reasonKey: 'asic_mimetype_bom' }])
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_PASSED', level: 'LT' })
    expect(validate(xades(evidence), 'a.bdoc').status).toBe('VALID')
  })

  it('a wrong mimetype reports the type it found (the message has its parameter)', () => {
    const zip = ZipArchive.open(xades(evidence))
    const broken = buildZip(
      zip.entries.map((e) =>
        e.name === 'mimetype'
          ? { name: e.name, data: 'application/vnd.etsi.asic-x+zip', store: true }
          : { name: e.name, data: zip.read(e) },
      ),
    )
    const r = validate(broken, 'a.bdoc')
    expect(r).toMatchObject({
      status: 'FORMAT_ERROR',
      errorKey: 'asic_bad_mimetype',
      errorParams: { mimetype: 'application/vnd.etsi.asic-x+zip' },
    })
  })
})

describe('QTST: the TSA service as the trusted list described it at the timestamp time (Lithuanian TSA)', () => {
  // Listed today as TSA/QTST, but until 2024-06-01 only as a non-qualified TSA: the 2024-03 timestamp
  // does not come from a qualified timestamp service.
  const laterQualified = storeWith(
    listed('TSA/QTST', tsa, [
      granted('2024-06-01T00:00:00Z', { type: 'TSA/QTST' }),
      granted('2012-01-01T00:00:00Z', { type: 'TSA' }),
    ]),
  )
  const notQualifiedThen = storeWith(
    listed('TSA/QTST', tsa, [
      granted('2010-01-01T00:00:00Z', {
        type: 'TSA/QTST',
        qualifiers: ['http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/NotQualified'],
      }),
    ]),
  )
  const alwaysQualified = storeWith(
    listed('TSA/QTST', tsa, [
      granted('2024-06-01T00:00:00Z', { type: 'TSA/QTST' }),
      granted('2016-07-01T00:00:00Z', { type: 'TSA/QTST' }),
    ]),
  )
  for (const [format, make, name] of FORMATS) {
    it(`${format}: a service that became QTST only after the timestamp is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE`, () => {
      const r = validate(make(evidence), name, laterQualified)
      expect(r.signatures[0]).toMatchObject({
        indication: 'INDETERMINATE',
        subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      })
      expect(r.signatures[0].checks.find((c) => c.id === 'timestamp')?.outcome).toBe('fail')
    })

    it(`${format}: a QTST period marked NotQualified is not qualified either`, () => {
      expect(validate(make(evidence), name, notQualifiedThen).signatures[0].subIndication).toBe(
        'CHAIN_CONSTRAINTS_FAILURE',
      )
    })

    it(`${format}: a service that was QTST at the timestamp time dates the signature: VALID, LT`, () => {
      const r = validate(make(evidence), name, alwaysQualified)
      expect(r.status).toBe('VALID')
      expect(r.signatures[0]).toMatchObject({ level: 'LT', timestampTime: at.toISOString() })
    })
  }
})
