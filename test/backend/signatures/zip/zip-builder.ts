import { crc32, deflateRawSync } from 'node:zlib'

/** Builds ZIP archives for tests, including deliberately broken ones. */
export interface BuildEntry {
  name: string
  data: Buffer | string
  store?: boolean
  /** Lie about the uncompressed size in the central directory. */
  declaredSize?: number
  flags?: number
}

export function buildZip(entries: BuildEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data)
    const comp = e.store ? data : deflateRawSync(data)
    const name = Buffer.from(e.name, 'utf8')
    const crc = crc32(data) >>> 0
    const size = e.declaredSize ?? data.length
    const flags = (e.flags ?? 0) | 0x800
    const loc = Buffer.alloc(30)
    loc.writeUInt32LE(0x04034b50, 0)
    loc.writeUInt16LE(20, 4)
    loc.writeUInt16LE(flags, 6)
    loc.writeUInt16LE(e.store ? 0 : 8, 8)
    loc.writeUInt32LE(crc, 14)
    loc.writeUInt32LE(comp.length, 18)
    loc.writeUInt32LE(size, 22)
    loc.writeUInt16LE(name.length, 26)
    locals.push(loc, name, comp)
    const cen = Buffer.alloc(46)
    cen.writeUInt32LE(0x02014b50, 0)
    cen.writeUInt16LE(20, 4)
    cen.writeUInt16LE(20, 6)
    cen.writeUInt16LE(flags, 8)
    cen.writeUInt16LE(e.store ? 0 : 8, 10)
    cen.writeUInt32LE(crc, 16)
    cen.writeUInt32LE(comp.length, 20)
    cen.writeUInt32LE(size, 24)
    cen.writeUInt16LE(name.length, 28)
    cen.writeUInt32LE(offset, 42)
    centrals.push(cen, name)
    offset += 30 + name.length + comp.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}
