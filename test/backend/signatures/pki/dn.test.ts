import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateDocument, MemoryTrustStore } from '../../../../src/backend/signatures'
import { dnTextMatches, parseDnText } from '../../../../src/backend/signatures/pki/dn'
import { tryParseCertificate } from '../../../../src/backend/signatures/pki/x509'
import { makeContainer, makeKey } from '../xml/xades-signer'
import { namesMatch } from '../../../../src/backend/signatures/pki/name-compare'
import { OIDS, issue, nameDer, oidDer, seq, set, signedData, tlv, utf8 } from './test-pki'

const esteidIssuer = () => {
  // A DER name built by the test PKI: C=LV, O=GasDesk Test PKI, CN=TEST of ESTEID-SK 2015.
  const ca = issue(null, 'TEST of ESTEID-SK 2015', { ca: true })
  return ca.cert.subject
}

describe('textual distinguished names (X509IssuerName) against DER names', () => {
  const name = esteidIssuer() // C=LV, O=GasDesk Test PKI, CN=TEST of ESTEID-SK 2015

  it('matches the RFC 4514 order, short names, OIDs, #hex values, escapes, spacing and case', () => {
    for (const dn of [
      'CN=TEST of ESTEID-SK 2015,O=GasDesk Test PKI,C=LV',
      'cn = test of esteid-sk  2015 , o=GasDesk Test PKI; c=LV',
      '2.5.4.3=TEST of ESTEID-SK 2015,OID.2.5.4.10=GasDesk Test PKI,C=LV',
      `CN=#0c16${Buffer.from('TEST of ESTEID-SK 2015').toString('hex')},O=GasDesk\\20Test PKI,C=LV`,
      'C=LV,O=GasDesk Test PKI,CN=TEST of ESTEID-SK 2015',
    ])
      expect(dnTextMatches(dn, name), dn).toBe(true)
  })

  it('refuses another issuer, a missing or extra attribute, and malformed text', () => {
    for (const dn of [
      'CN=TEST of ESTEID-SK 2011,O=GasDesk Test PKI,C=LV',
      'CN=TEST of ESTEID-SK 2015,O=GasDesk Test PKI',
      'CN=TEST of ESTEID-SK 2015,OU=x,O=GasDesk Test PKI,C=LV',
      'CN=TEST of ESTEID-SK 2015,O=GasDesk Test PKI,C=EE',
      'C=LV,CN=TEST of ESTEID-SK 2015,O=GasDesk Test PKI',
      'not a name',
      'XYZ=1',
      'CN=#zz',
      '',
    ])
      expect(dnTextMatches(dn, name), dn).toBe(false)
  })

  it('decodes the forms seen in the fixtures (emailAddress, 1.2.840.113549.1.9.1=#16..., 2.5.4.97=#0c...)', () => {
    expect(parseDnText('1.2.840.113549.1.9.1=#1609706b6940736b2e6565,CN=TEST of ESTEID-SK 2011')).toEqual([
      [{ type: '1.2.840.113549.1.9.1', value: 'pki@sk.ee' }],
      [{ type: '2.5.4.3', value: 'test of esteid-sk 2011' }],
    ])
    expect(parseDnText('2.5.4.97=#0c0e4e545245452d3130373437303133')).toEqual([
      [{ type: '2.5.4.97', value: 'ntree-10747013' }],
    ])
  })

  it('property: any CN written with RFC 4514 escapes matches the DER name it came from', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() === s && s.length > 0 && !/\s{2}/.test(s)),
        (cn) => {
          const der = tryParseCertificate(issue(null, cn).der)!
          const escaped = cn.replace(/[,+"\\<>;=#]/g, (c) => `\\${c}`)
          return dnTextMatches(`CN=${escaped},O=GasDesk Test PKI,C=LV`, der.subject)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('XAdES SigningCertificate v1: the issuer name is compared', () => {
  const key = makeKey('ec256', 'V1 Signer')
  const files = [{ name: 'a.txt', data: Buffer.from('hello'), mediaType: 'text/plain' }]
  const run = (issuerName: string) => {
    const r = validateDocument(makeContainer(files, key, { v1: { issuerName } }), 'a.asice', {
      validationTime: new Date('2025-01-15T12:00:00Z'),
      trustStore: new MemoryTrustStore([], [key.certDer]),
    })
    return r.signatures[0]
  }

  it('the right issuer (openssl self-signed: serialNumber, CN, C) passes', () => {
    const s = run('serialNumber=PNOLV-010101-10006,CN=V1 Signer,C=LV')
    expect(s.checks.find((c) => c.id === 'signing-certificate')?.outcome).toBe('pass')
  })

  // Regression (DigiDoc4j's 2017 Mobile-ID BDOC-TM): the digest binds the certificate, so an issuer written
  // otherwise than the certificate's is a warning, as DSS reports it — not a key substitution.
  it('the right serial and digest under an issuer written otherwise is a warning, not NO_SIGNING_CERTIFICATE_FOUND', () => {
    const s = run('serialNumber=PNOLV-010101-10006,CN=Other CA,C=LV')
    expect(s.checks.find((c) => c.id === 'signing-certificate')).toMatchObject({
      outcome: 'warning',
      reasonKey: 'xml_signing_certificate_issuer_differs',
      params: { issuer: 'serialNumber=PNOLV-010101-10006, CN=V1 Signer, C=LV' },
    })
    expect(s.subIndication).not.toBe('NO_SIGNING_CERTIFICATE_FOUND')
  })

  it('a wrong serial with the right digest is still NO_SIGNING_CERTIFICATE_FOUND', () => {
    const key2 = key
    const r = validateDocument(
      makeContainer(files, key2, {
        v1: { issuerName: 'serialNumber=PNOLV-010101-10006,CN=V1 Signer,C=LV', serialDecimal: '12345' },
      }),
      'a.asice',
      {
        validationTime: new Date('2025-01-15T12:00:00Z'),
        trustStore: new MemoryTrustStore([], [key.certDer]),
      },
    ).signatures[0]
    expect(r.checks.find((c) => c.id === 'signing-certificate')).toMatchObject({
      outcome: 'fail',
      reasonKey: 'xml_signing_certificate_mismatch',
    })
    expect(r).toMatchObject({ indication: 'INDETERMINATE', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND' })
  })
})

describe('CMS signing-certificate-v2: the issuerSerial directoryName is compared', () => {
  const ca = issue(null, 'Issuing CA', { ca: true })
  const signer = issue(ca, 'Anna Liepa')
  const run = (essIssuer?: Buffer) =>
    validateDocument(signedData({ signer, content: Buffer.from('x'), essIssuer }), 'x.p7m', {
      validationTime: new Date('2025-01-01Z'),
      trustStore: new MemoryTrustStore([], [ca.der]),
    }).signatures[0].checks.find((c) => c.id === 'signing-certificate')

  it('the real issuer (also when re-encoded with other string types) matches', () => {
    expect(run()?.outcome).toBe('pass')
    // Same attribute values, PrintableString instead of UTF8String for the O and CN.
    const printable = seq(
      set(seq(oidDer(OIDS.c), tlv(0x13, Buffer.from('LV')))),
      set(seq(oidDer(OIDS.o), tlv(0x13, Buffer.from('GasDesk Test PKI')))),
      set(seq(oidDer(OIDS.cn), tlv(0x13, Buffer.from('Issuing CA')))),
    )
    expect(run(printable)?.outcome).toBe('pass')
  })

  it('another issuer name with the right serial and hash is a warning (the hash binds the certificate)', () => {
    expect(run(nameDer('Other CA'))).toMatchObject({
      outcome: 'warning',
      reasonKey: 'cms_signing_certificate_issuer_differs',
    })
  })

  it('RFC 5280 §7.1: multi-valued RDNs in any order, BMPString, case and inner spaces all match', () => {
    const bmp = (t: string) => tlv(0x1e, Buffer.from(t, 'utf16le').swap16())
    const reworded = seq(
      set(seq(oidDer(OIDS.c), tlv(0x13, Buffer.from('lv')))),
      set(seq(oidDer(OIDS.o), bmp('GASDESK  Test pki '))),
      set(seq(oidDer(OIDS.cn), utf8('issuing ca'))),
    )
    expect(run(reworded)?.outcome).toBe('pass')
    const a = seq(set(seq(oidDer(OIDS.cn), utf8('X')), seq(oidDer(OIDS.o), utf8('Y'))))
    const b = seq(set(seq(oidDer(OIDS.o), utf8('y')), seq(oidDer(OIDS.cn), utf8('x'))))
    expect(namesMatch(a, b)).toBe(true)
    // RDN order is significant; an IA5String e-mail compares case-insensitively but not as another type.
    const order = seq(set(seq(oidDer(OIDS.cn), utf8('X'))), set(seq(oidDer(OIDS.o), utf8('Y'))))
    const swapped = seq(set(seq(oidDer(OIDS.o), utf8('Y'))), set(seq(oidDer(OIDS.cn), utf8('X'))))
    expect(namesMatch(order, swapped)).toBe(false)
    const mail = (t: string) => seq(set(seq(oidDer('1.2.840.113549.1.9.1'), tlv(0x16, Buffer.from(t)))))
    expect(namesMatch(mail('PKI@sk.ee'), mail('pki@SK.EE'))).toBe(true)
    expect(namesMatch(mail('pki@sk.ee'), mail('pki@sk.ee '))).toBe(true)
    expect(namesMatch(mail('pki@sk.ee'), mail('pki@sk.ef'))).toBe(false)
  })
})
