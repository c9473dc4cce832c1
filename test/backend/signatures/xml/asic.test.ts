import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTrustDir, validateDocument } from '../../../../src/backend/signatures'
import { decodeUri } from '../../../../src/backend/signatures/xml/xades'
import { extractContainerFile } from '../../../../src/backend/signatures'
import { ZipArchive } from '../../../../src/backend/signatures/zip/reader'
import { buildZip, type BuildEntry } from '../zip/zip-builder'

// Targeted edits of a real, VALID eParaksts container (test+test.edoc) to pin each container/XAdES rule.
const FIX = '/work/shared/fixtures/signatures'
const store = loadTrustDir(join(__dirname, '../../../../resources/trust')).store
const AT = new Date('2025-09-01T00:00:00Z')
const original = readFileSync(join(FIX, 'edoc/test+test.edoc'))
const SIG = 'META-INF/edoc-signatures-S1.xml'
const XADES = 'http://uri.etsi.org/01903/v1.3.2#'

function entries(): BuildEntry[] {
  const zip = ZipArchive.open(original)
  return zip.entries.map((e) => ({ name: e.name, data: zip.read(e), store: e.method === 0 }))
}

function edit(name: string, fn: (text: string) => string, list = entries()): BuildEntry[] {
  return list.map((e) => (e.name === name ? { ...e, data: Buffer.from(fn(e.data.toString('utf8'))) } : e))
}

const validate = (bytes: Buffer, file = 'x.edoc') =>
  validateDocument(bytes, file, { validationTime: AT, trustStore: store })

describe('ASiC-E container and XAdES rules', () => {
  it('the untouched container rebuilt is still VALID (the builder itself changes nothing signed)', () => {
    expect(validate(buildZip(entries())).status).toBe('VALID')
  })

  it('mimetype not first is a warning, not a failure', () => {
    const list = entries()
    const r = validate(buildZip([...list.slice(1), list[0]]))
    expect(r.status).toBe('VALID_WITH_WARNINGS')
    expect(r.warnings.map((w) => w.reasonKey)).toContain('asic_mimetype_not_first')
  })

  it('a wrong mimetype is FORMAT_ERROR; ASiC-S and legacy DigiDoc types are UNSUPPORTED', () => {
    const withType = (t: string) => validate(buildZip(edit('mimetype', () => t)))
    expect(withType('application/zip')).toMatchObject({
      status: 'FORMAT_ERROR',
      errorKey: 'asic_bad_mimetype',
    })
    expect(withType('application/vnd.etsi.asic-s+zip')).toMatchObject({ status: 'UNSUPPORTED' })
    expect(withType('application/x-ddoc')).toMatchObject({
      status: 'UNSUPPORTED',
      errorKey: 'asic_legacy_format',
    })
    expect(withType('application/vnd.lv.edoc')).toMatchObject({ status: 'UNSUPPORTED', container: 'edoc1' })
  })

  it('a plain ZIP without any signed-container parts is UNSUPPORTED, not broken', () => {
    expect(validate(buildZip([{ name: 'word/document.xml', data: '<w/>' }]), 'letter.docx')).toMatchObject({
      status: 'UNSUPPORTED',
      errorKey: 'doc_unknown_format',
    })
  })

  it('a DigiDoc XML (DDOC) file is recognised and UNSUPPORTED', () => {
    const ddoc = Buffer.from(
      '<?xml version="1.0"?><SignedDoc format="DIGIDOC-XML" version="1.3" xmlns="http://www.sk.ee/DigiDoc/v1.3.0#"/>',
    )
    expect(validate(ddoc, 'old.ddoc')).toMatchObject({
      status: 'UNSUPPORTED',
      errorKey: 'doc_ddoc_unsupported',
    })
  })

  it('an extra unsigned data file makes the signature INVALID (every file must be signed)', () => {
    const list = edit('META-INF/manifest.xml', (m) =>
      m.replace(
        '</manifest:manifest>',
        '<manifest:file-entry manifest:full-path="extra.txt" manifest:media-type="text/plain"/></manifest:manifest>',
      ),
    )
    const r = validate(buildZip([...list, { name: 'extra.txt', data: 'unsigned' }]))
    expect(r.status).toBe('INVALID')
    expect(r.signatures[0].checks.some((c) => c.reasonKey === 'xml_file_not_covered')).toBe(true)
  })

  it('a changed data file is INVALID / HASH_FAILURE', () => {
    const r = validate(buildZip(edit('test+test.txt', (t) => t + ' ')))
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('a changed signing time (signed property) is INVALID / HASH_FAILURE', () => {
    const r = validate(
      buildZip(edit(SIG, (x) => x.replace(/<xades:SigningTime>2021/, '<xades:SigningTime>2020'))),
    )
    expect(r.signatures[0]).toMatchObject({ indication: 'TOTAL_FAILED', subIndication: 'HASH_FAILURE' })
  })

  it('a second SignedProperties with the same Id (wrapping attack) is refused', () => {
    const r = validate(
      buildZip(
        edit(SIG, (x) => {
          const sp = /<xades:SignedProperties[\s\S]*?<\/xades:SignedProperties>/.exec(x)![0]
          const copy = sp.replace('<xades:SignedProperties', `<xades:SignedProperties xmlns:xades="${XADES}"`)
          return x.replace('</ds:Signature>', `<ds:Object>${copy}</ds:Object></ds:Signature>`)
        }),
      ),
    )
    expect(r.status).toBe('INVALID')
    expect(r.signatures[0].checks.find((c) => c.id === 'signed-properties')?.outcome).toBe('fail')
  })

  it('key substitution: another certificate in KeyInfo is caught', () => {
    const pem = readFileSync(join(FIX, 'certs/DEMO_LV_eID_ICA_2021.pem'), 'latin1')
    const other = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END/.exec(pem)![1].replace(/\s/g, '')
    const r = validate(
      buildZip(
        edit(SIG, (x) =>
          x.replace(
            /<ds:X509Certificate>[\s\S]*?<\/ds:X509Certificate>/,
            `<ds:X509Certificate>${other}</ds:X509Certificate>`,
          ),
        ),
      ),
    )
    expect(r.status).toBe('INVALID')
    expect(r.signatures[0].checks.find((c) => c.id === 'signing-certificate')?.outcome).toBe('fail')
  })

  it('removing the timestamp leaves a B-level signature that cannot be confirmed offline', () => {
    const r = validate(
      buildZip(
        edit(SIG, (x) => x.replace(/<xades:SignatureTimeStamp[\s\S]*?<\/xades:SignatureTimeStamp>/, '')),
      ),
    )
    expect(r.signatures[0].checks.find((c) => c.id === 'timestamp')?.outcome).toBe('not_checked')
    expect(r.status).not.toMatch(/^VALID/)
  })

  it('removing the embedded OCSP gives INDETERMINATE / TRY_LATER, never VALID', () => {
    const r = validate(
      buildZip(edit(SIG, (x) => x.replace(/<xades:RevocationValues>[\s\S]*?<\/xades:RevocationValues>/, ''))),
    )
    expect(r.signatures[0]).toMatchObject({
      indication: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
      level: 'T',
    })
  })

  it('reference URIs are percent-decoded exactly once and "+" stays "+"', () => {
    expect(decodeUri('test+test.txt')).toBe('test+test.txt')
    expect(decodeUri('Sample%20File.pdf')).toBe('Sample File.pdf')
    expect(decodeUri('a%2520b')).toBe('a%20b')
    expect(decodeUri('bad%zz')).toBeNull()
  })

  it('inner files can be extracted through the safe reader, META-INF and unknown names cannot', () => {
    expect(extractContainerFile(original, 'test+test.txt')?.length).toBe(5)
    expect(extractContainerFile(original, SIG)).toBeNull()
    expect(extractContainerFile(original, '../etc/passwd')).toBeNull()
    expect(extractContainerFile(Buffer.from('garbage'), 'x')).toBeNull()
  })

  it('a countersignature nested in unsigned properties is not taken for a second signature', () => {
    const cs = '<xades:CounterSignature><ds:Signature Id="CS"/></xades:CounterSignature>'
    const r = validate(
      buildZip(
        edit(SIG, (x) =>
          x.replace('</xades:UnsignedSignatureProperties>', `${cs}</xades:UnsignedSignatureProperties>`),
        ),
      ),
    )
    expect(r.signatures).toHaveLength(1)
  })

  it('ASiC-E with CAdES signatures is recognised and UNSUPPORTED', () => {
    const list = entries().filter((e) => e.name !== SIG)
    const r = validate(
      buildZip([...list, { name: 'META-INF/signature001.p7s', data: Buffer.from([0x30, 0]) }]),
    )
    expect(r).toMatchObject({ status: 'UNSUPPORTED', errorKey: 'asic_cades_unsupported' })
  })
})
