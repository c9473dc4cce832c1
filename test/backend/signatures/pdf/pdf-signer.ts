/**
 * Test-only PAdES writer: a minimal PDF and incremental revisions, each optionally ending with a signature
 * (ETSI.CAdES.detached) or document timestamp (ETSI.RFC3161) dictionary whose /ByteRange leaves out
 * exactly its own /Contents. The CMS is made by the caller over the covered bytes.
 */
const CONTENTS_BYTES = 8192
const RANGE_WIDTH = 43

export const basePdf = (): Buffer =>
  Buffer.from(
    '%PDF-1.7\n' +
      '1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n' +
      '2 0 obj\n<</Type/Pages/Kids[3 0 R]/Count 1>>\nendobj\n' +
      '3 0 obj\n<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>\nendobj\n%%EOF\n',
    'latin1',
  )

export const streamObject = (num: number, data: Buffer): Buffer =>
  Buffer.concat([
    Buffer.from(`${num} 0 obj\n<</Length ${data.length}>>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ])

export const textObject = (num: number, body: string): Buffer =>
  Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1')

export interface SignatureSpec {
  num: number
  docTimestamp?: boolean
  /** The CMS (or timestamp token) over the covered bytes. */
  make(covered: Buffer): Buffer
  /** Overwrite the /Contents with these bytes instead (a corrupted token). */
  corrupt?: (cms: Buffer) => Buffer
}

/** `prev` plus the given objects, then (optionally) a signature dictionary covering everything else. */
export function appendRevision(prev: Buffer, objects: Buffer[], sig?: SignatureSpec): Buffer {
  const head = Buffer.concat([prev, ...objects])
  if (!sig) return Buffer.concat([head, Buffer.from('%%EOF\n')])
  const type = sig.docTimestamp
    ? '/Type/DocTimeStamp/SubFilter/ETSI.RFC3161'
    : '/Type/Sig/SubFilter/ETSI.CAdES.detached'
  const open = `${sig.num} 0 obj\n<<${type}/Filter/Adobe.PPKLite/ByteRange [`
  const mid = ']/Contents <'
  const close = '>>>\nendobj\n%%EOF\n'
  const gapStart = head.length + open.length + RANGE_WIDTH + mid.length - 1
  const gapEnd = gapStart + 2 + CONTENTS_BYTES * 2
  const total = gapEnd + close.length - 1
  const range = `0 ${gapStart} ${gapEnd} ${total - gapEnd}`.padEnd(RANGE_WIDTH, ' ')
  const file = Buffer.concat([
    head,
    Buffer.from(open + range + mid + '0'.repeat(CONTENTS_BYTES * 2) + close, 'latin1'),
  ])
  const covered = Buffer.concat([file.subarray(0, gapStart), file.subarray(gapEnd)])
  let cms = sig.make(covered)
  if (sig.corrupt) cms = sig.corrupt(cms)
  if (cms.length > CONTENTS_BYTES) throw new Error('CMS larger than the /Contents placeholder')
  file.write(cms.toString('hex'), gapStart + 1, 'latin1')
  return file
}
