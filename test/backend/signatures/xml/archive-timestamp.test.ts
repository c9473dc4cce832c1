import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTrustDir, validateDocument } from '../../../../src/backend/signatures'
import { ZipArchive } from '../../../../src/backend/signatures/zip/reader'
import { buildZip } from '../zip/zip-builder'
import { FIXTURES } from '../pki/fixtures'

// terms_of_Account_Agreement: a 2025 LV eSeal, XAdES-LTA with a xadesv141:ArchiveTimeStamp (exclusive
// C14N) over references, SignedInfo, SignatureValue, KeyInfo, SignatureTimeStamp, CertificateValues and
// RevocationValues. The imprint is recomputed per ETSI TS 101 903 v1.4.1 §8.2.1.
const FILE = 'asice/terms_of_Account_Agreement_28062025_ENG.asice'
const store = loadTrustDir(join(__dirname, '../../../../resources/trust')).store
const run = (bytes: Buffer) =>
  validateDocument(bytes, 'a.asice', { validationTime: new Date('2025-09-01Z'), trustStore: store })
const archive = (r: ReturnType<typeof run>) =>
  r.signatures[0].checks.find((c) => c.id === 'archive-timestamp')

/** The container with its signature XML rewritten (unsigned parts only; the signature itself stays valid). */
function rewrite(edit: (xml: string) => string): Buffer {
  const zip = ZipArchive.open(readFileSync(join(FIXTURES, FILE)))
  return buildZip(
    zip.entries.map((e) => {
      const data = zip.read(e)
      if (e.name === 'mimetype') return { name: e.name, data, store: true }
      return { name: e.name, data: e.name.includes('signatures') ? edit(data.toString('utf8')) : data }
    }),
  )
}

describe('XAdES archive timestamps are verified, not just present', () => {
  it('the real LTA eSeal: the archive timestamp imprint, signature and TSA verify', () => {
    const r = run(readFileSync(join(FIXTURES, FILE)))
    expect(r.status).toBe('VALID')
    expect(r.signatures[0].level).toBe('LTA')
    expect(archive(r)).toMatchObject({ outcome: 'pass', reasonKey: 'pki_archive_ts_present' })
  })

  it('a change to the validation data it covers (RevocationValues) breaks the imprint: warning, LT only', () => {
    const r = run(rewrite((xml) => xml.replace(/(<[\w]*:?RevocationValues>)/, '$1 ')))
    expect(r.signatures[0].level).toBe('LT')
    expect(archive(r)).toMatchObject({ outcome: 'warning', reasonKey: 'pki_ts_imprint' })
    expect(r.status).toBe('VALID_WITH_WARNINGS')
  })

  it('an extra ds:Object appended to the signature is covered too (step 4): the imprint no longer matches', () => {
    const r = run(
      rewrite((xml) => xml.replace(/(<\/(?:ds:)?Signature>)/, '<ds:Object Id="extra">note</ds:Object>$1')),
    )
    expect(r.signatures[0].checks.find((c) => c.id === 'signature-value')?.outcome).toBe('pass')
    expect(archive(r)).toMatchObject({ outcome: 'warning', reasonKey: 'pki_ts_imprint' })
  })

  it('a forged token (signature bytes changed) is a warning, not a pass', () => {
    const r = run(
      rewrite((xml) =>
        xml.replace(
          /(<[\w]*:?ArchiveTimeStamp[\s\S]*?EncapsulatedTimeStamp[^>]*>)([\s\S]*?)(<\/)/,
          (_m, a: string, b: string, c: string) => {
            const der = Buffer.from(b.replace(/\s+/g, ''), 'base64')
            der[der.length - 10] ^= 0x55
            return a + der.toString('base64') + c
          },
        ),
      ),
    )
    expect(r.signatures[0].level).toBe('LT')
    expect(archive(r)?.outcome).toBe('warning')
  })
})
