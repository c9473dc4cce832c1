import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

const WAL_HEADER = 32
const FRAME_HEADER = 24

/**
 * The newest committed copy of page 1 in a -wal file, read by hand (https://sqlite.org/walformat.html):
 * only frames whose salts match the header and whose running checksum is right count, and only up to
 * the last commit frame — exactly what SQLite would replay. Null when the WAL holds no committed page 1
 * (then the main file's header is current) or is not a valid WAL for `pageSize`.
 *
 * Opening the database to ask SQLite instead would replay the WAL and, on close, fold it into the main
 * file: a refusal must not change a byte.
 */
export function committedPage1(walPath: string, pageSize: number): Buffer | null {
  const fd = openSync(walPath, 'r')
  try {
    const size = fstatSync(fd).size
    if (size < WAL_HEADER) return null
    const header = Buffer.alloc(WAL_HEADER)
    readSync(fd, header, 0, WAL_HEADER, 0)
    const magic = header.readUInt32BE(0)
    if (magic !== 0x377f0682 && magic !== 0x377f0683) return null
    if (header.readUInt32BE(8) !== pageSize) return null
    const bigEndian = (magic & 1) === 1
    let [s0, s1] = checksum(header.subarray(0, 24), 0, 0, bigEndian)
    if (s0 !== header.readUInt32BE(24) || s1 !== header.readUInt32BE(28)) return null
    const salt1 = header.readUInt32BE(16)
    const salt2 = header.readUInt32BE(20)

    const frame = Buffer.alloc(FRAME_HEADER + pageSize)
    let page1: Buffer | null = null
    let pending: Buffer | null = null
    for (let at = WAL_HEADER; at + frame.length <= size; at += frame.length) {
      readSync(fd, frame, 0, frame.length, at)
      if (frame.readUInt32BE(8) !== salt1 || frame.readUInt32BE(12) !== salt2) break
      ;[s0, s1] = checksum(frame.subarray(0, 8), s0, s1, bigEndian)
      ;[s0, s1] = checksum(frame.subarray(FRAME_HEADER), s0, s1, bigEndian)
      if (s0 !== frame.readUInt32BE(16) || s1 !== frame.readUInt32BE(20)) break
      if (frame.readUInt32BE(0) === 1) pending = Buffer.from(frame.subarray(FRAME_HEADER))
      // A non-zero "database size" marks the commit frame: what came before it is now committed.
      if (frame.readUInt32BE(4) !== 0 && pending) {
        page1 = pending
        pending = null
      }
    }
    return page1
  } finally {
    closeSync(fd)
  }
}

/** SQLite's WAL checksum: Fibonacci-weighted sums over 32-bit words, continued from (s0, s1). */
function checksum(data: Buffer, s0: number, s1: number, bigEndian: boolean): [number, number] {
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i)
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4)
    s0 = (s0 + x0 + s1) >>> 0
    s1 = (s1 + x1 + s0) >>> 0
  }
  return [s0, s1]
}
