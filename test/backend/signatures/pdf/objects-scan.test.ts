import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../../../src/backend/signatures'
import { scanPdf } from '../../../../src/backend/signatures/pdf/objects'
import { MemoryTrustStore } from '../../../../src/backend/signatures/pki/trust'
import { OIDS, issue, signedData, timestampToken, unsignedAttr } from '../pki/test-pki'
import { appendRevision, basePdf, streamObject } from './pdf-signer'

/**
 * The linear object scanner must find exactly what the former regex scan found: `N G obj` headers not
 * preceded by a digit, each ending at its last `endobj` before the next header (else at that header).
 */
function regexOracle(text: string) {
  const defs: { num: number; gen: number; offset: number; end: number }[] = []
  const re = /(?<![0-9])(\d{1,10})[ \t\n\v\f\r]+(\d{1,5})[ \t\n\v\f\r]+obj(?![A-Za-z0-9_])/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null)
    defs.push({ num: Number(m[1]), gen: Number(m[2]), offset: m.index, end: text.length })
  for (let i = 0; i < defs.length; i++) {
    const limit = i + 1 < defs.length ? defs[i + 1].offset : text.length
    const e = text.lastIndexOf('endobj', limit - 6)
    defs[i].end = e > defs[i].offset ? e + 6 : limit
  }
  return defs
}

const token = fc.constantFrom(
  '1 0 obj',
  '12 3 obj',
  ' obj',
  'endobj',
  'xobj',
  'objx',
  '7\n0\nobj',
  '123456 0 obj',
  '1 123456 obj',
  '<</Type/Page>>',
  'stream\nj\x00o\xffb\nendstream',
  ' ',
  '\n',
  '9',
  'ob',
  'j',
)

describe('PDF object scan (linear, Buffer based)', () => {
  it('property: finds the same definitions and ends as the regex scan on arbitrary token soups', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
        const text = '%PDF-1.7\n' + parts.join('')
        const got = scanPdf(Buffer.from(text, 'latin1')).definitions
        expect(got).toEqual(regexOracle(text))
      }),
      { numRuns: 400 },
    )
  })

  it('48 MB of object headers without endobj (past the object cap) still gives a reasoned report', () => {
    const headers = Buffer.from('1 0 obj '.repeat(6 * 1024 * 1024))
    const r = validateDocument(Buffer.concat([Buffer.from('%PDF-1.7\n'), headers]), 'x.pdf', {
      validationTime: new Date('2025-01-01Z'),
      trustStore: new MemoryTrustStore(),
    })
    expect(r.status).toBe('FORMAT_ERROR')
    expect(r.errorKey).toBe('pdf_no_signature')
  })
})

describe('changes after signing look at dictionaries, and compare stream bodies as bytes', () => {
  const root = issue(null, 'Test Root', { ca: true })
  const signer = issue(root, 'Anna Liepa')
  const tsa = issue(root, 'Test TSA', { eku: [OIDS.timeStamping] })
  const at = new Date('2024-03-01T09:00:00Z')
  const content = (text: string) => streamObject(5, Buffer.from(`BT /F1 12 Tf (${text}) Tj ET`))
  const signed = appendRevision(Buffer.concat([basePdf(), content('Pay 100 EUR')]), [], {
    num: 4,
    make: (covered) =>
      signedData({
        signer,
        content: covered,
        detached: true,
        signingTime: at,
        unsigned: (sv) => [unsignedAttr(OIDS.signatureTimeStampToken, timestampToken(tsa, sv, at))],
      }),
  })
  const run = (bytes: Buffer) =>
    validateDocument(bytes, 'x.pdf', {
      validationTime: new Date('2025-01-01Z'),
      trustStore: new MemoryTrustStore([], [root.der]),
    }).signatures[0].checks.find((c) => c.id === 'changes-after-signing')

  it('an appended revision that only repeats the page content is no modification', () => {
    expect(run(appendRevision(signed, [content('Pay 100 EUR')]))?.reasonKey).toBe('pdf_later_updates_allowed')
  })

  it('a changed content stream is a modification, even when its body mentions an allowed /Type', () => {
    for (const text of ['Pay 900 EUR', 'Pay 900 EUR) Tj /Type /Catalog (']) {
      expect(run(appendRevision(signed, [content(text)]))).toMatchObject({
        outcome: 'fail',
        reasonKey: 'pdf_modified_after_signing',
        params: { objects: '5 0' },
      })
    }
  })
})
