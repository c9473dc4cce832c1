import type { Rng } from './prng'

/** Two lower-case hex digits per byte value: formatting ids byte-wise is several times faster than toString(16). */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
const hex8 = (n: number): string =>
  HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255]

/**
 * Deterministic UUIDv7-shaped ids for seeded rows: the time field counts up from a fixed base (one
 * millisecond per id) so ids sort in insertion order and B-tree inserts are appends; the rest is from
 * the step's PRNG. Real rows keep using backend/ids.ts.
 */
export function seededIds(rng: Rng, baseMs: number): () => string {
  let n = 0
  return () => {
    const ms = baseMs + n++
    // 48-bit milliseconds as 16 high and 32 low bits.
    const hi = Math.floor(ms / 0x1_0000_0000) & 0xffff
    const lo = ms >>> 0
    const r1 = rng.u32()
    const r2 = rng.u32()
    const r3 = rng.u32()
    const variant = 0x8000 | ((r1 >>> 12) & 0x3fff)
    return (
      `${HEX[hi >>> 8]}${HEX[hi & 255]}${HEX[lo >>> 24]}${HEX[(lo >>> 16) & 255]}-` +
      `${HEX[(lo >>> 8) & 255]}${HEX[lo & 255]}-7${HEX[(r1 >>> 8) & 15][1]}${HEX[r1 & 255]}-` +
      `${HEX[variant >>> 8]}${HEX[variant & 255]}-${HEX[(r2 >>> 8) & 255]}${HEX[r2 & 255]}${hex8(r3)}`
    )
  }
}
