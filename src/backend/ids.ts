import { randomBytes } from 'node:crypto'

let lastMs = -1
let counter = 0

/**
 * UUIDv7 (RFC 9562): 48-bit Unix ms, version 7, then a 12-bit counter so ids minted in the same
 * millisecond still sort in creation order, then random bits.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    counter = (counter + 1) & 0xfff
    if (counter === 0) lastMs += 1
    nowMs = lastMs
  } else {
    lastMs = nowMs
    counter = randomBytes(2).readUInt16BE(0) & 0x3ff
  }
  const b = randomBytes(16)
  b.writeUIntBE(nowMs, 0, 6)
  b[6] = 0x70 | ((counter >> 8) & 0x0f)
  b[7] = counter & 0xff
  b[8] = 0x80 | (b[8] & 0x3f)
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
