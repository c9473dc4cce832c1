import type { Rng } from './prng'

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0')

/**
 * Deterministic UUIDv7-shaped ids for seeded rows: the time field counts up from a fixed base (one
 * millisecond per id) so ids sort in insertion order and B-tree inserts are appends; the rest is from
 * the step's PRNG. Real rows keep using backend/ids.ts.
 */
export function seededIds(rng: Rng, baseMs: number): () => string {
  let n = 0
  return () => {
    const ms = baseMs + n++
    const t = hex(ms, 12)
    const r1 = rng.u32()
    const r2 = rng.u32()
    const r3 = rng.u32()
    return (
      `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(r1 & 0xfff, 3)}-` +
      `${hex(0x8000 | ((r1 >>> 12) & 0x3fff), 4)}-${hex(r2 & 0xffff, 4)}${hex(r3, 8)}`
    )
  }
}
