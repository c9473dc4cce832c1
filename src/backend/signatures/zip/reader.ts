import { crc32, inflateRawSync } from 'node:zlib'

/**
 * A small ZIP reader for signed containers, written for hostile input (SIGNATURES.md §1): it reads the
 * central directory, checks every name and size before inflating anything, and inflates one entry at a
 * time with a hard output cap. Nested archives are data like any other file and are never opened.
 */
export interface ZipLimits {
  maxArchiveBytes: number
  maxEntries: number
  maxEntryBytes: number
  maxTotalBytes: number
  /** Compression ratio allowed for entries larger than `ratioFloorBytes`. */
  maxRatio: number
  ratioFloorBytes: number
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxEntries: 1000,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 160 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 256 * 1024,
}

export interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  crc32: number
  /** Offset of the local file header. */
  offset: number
  /** Offset of the (compressed) data, after the local header. */
  dataOffset: number
  isDirectory: boolean
  comment: string
  /** Position in the central directory (= order in the archive). */
  index: number
}

/** A structural problem; `reasonKey` is under signatures.reasons.* */
export class ZipError extends Error {
  constructor(
    readonly reasonKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${reasonKey} ${JSON.stringify(params)}`)
  }
}

const EOCD_SIG = 0x06054b50
const CEN_SIG = 0x02014b50
const LOC_SIG = 0x04034b50
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Why a name is unsafe to use as a path, or null. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'zip_name_empty'
  if (name.includes('\\')) return 'zip_name_backslash'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'zip_name_absolute'
  if ([...name].some((c) => c.charCodeAt(0) < 0x20)) return 'zip_name_control'
  const parts = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/')
  for (const p of parts) {
    if (p === '..') return 'zip_name_traversal'
    if (p === '.' || p === '') return 'zip_name_dot'
  }
  return null
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff)
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i
  }
  return -1
}

export class ZipArchive {
  private constructor(
    private readonly buf: Buffer,
    readonly entries: ZipEntry[],
    private readonly limits: ZipLimits,
  ) {}

  static open(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
    if (buf.length > limits.maxArchiveBytes)
      throw new ZipError('zip_too_large', { max: limits.maxArchiveBytes })
    if (buf.length < 22) throw new ZipError('zip_not_zip')
    const eocd = findEocd(buf)
    if (eocd < 0) throw new ZipError('zip_not_zip')
    const count = buf.readUInt16LE(eocd + 10)
    const cdSize = buf.readUInt32LE(eocd + 12)
    const cdOffset = buf.readUInt32LE(eocd + 16)
    if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0)
      throw new ZipError('zip_multidisk')
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('zip_zip64')
    if (count > limits.maxEntries) throw new ZipError('zip_too_many_entries', { max: limits.maxEntries })
    if (cdOffset + cdSize > eocd) throw new ZipError('zip_corrupt')

    const entries: ZipEntry[] = []
    const seen = new Set<string>()
    let p = cdOffset
    let total = 0
    for (let i = 0; i < count; i++) {
      if (p + 46 > eocd || buf.readUInt32LE(p) !== CEN_SIG) throw new ZipError('zip_corrupt')
      const flags = buf.readUInt16LE(p + 8)
      const method = buf.readUInt16LE(p + 10)
      const crc = buf.readUInt32LE(p + 16)
      const compressedSize = buf.readUInt32LE(p + 20)
      const size = buf.readUInt32LE(p + 24)
      const nameLen = buf.readUInt16LE(p + 28)
      const extraLen = buf.readUInt16LE(p + 30)
      const commentLen = buf.readUInt16LE(p + 32)
      const offset = buf.readUInt32LE(p + 42)
      const end = p + 46 + nameLen + extraLen + commentLen
      if (end > eocd) throw new ZipError('zip_corrupt')
      if (flags & 0x41) throw new ZipError('zip_encrypted')
      if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff)
        throw new ZipError('zip_zip64')
      const rawName = buf.subarray(p + 46, p + 46 + nameLen)
      let name: string
      try {
        name = flags & 0x800 ? utf8.decode(rawName) : decodeLegacy(rawName)
      } catch {
        throw new ZipError('zip_name_encoding')
      }
      const bad = unsafeNameReason(name)
      if (bad) throw new ZipError(bad, { name })
      const folded = name.normalize('NFC').toLowerCase()
      if (seen.has(folded)) throw new ZipError('zip_duplicate_name', { name })
      seen.add(folded)
      if (method !== 0 && method !== 8) throw new ZipError('zip_method', { name, method })
      if (method === 0 && compressedSize !== size) throw new ZipError('zip_corrupt', { name })
      if (size > limits.maxEntryBytes)
        throw new ZipError('zip_entry_too_large', { name, max: limits.maxEntryBytes })
      if (size > limits.ratioFloorBytes && size > compressedSize * limits.maxRatio)
        throw new ZipError('zip_ratio', { name })
      total += size
      if (total > limits.maxTotalBytes)
        throw new ZipError('zip_total_too_large', { max: limits.maxTotalBytes })
      const comment = buf.subarray(p + 46 + nameLen + extraLen, end).toString('latin1')
      entries.push({
        name,
        method,
        compressedSize,
        size,
        crc32: crc,
        offset,
        dataOffset: -1,
        isDirectory: name.endsWith('/'),
        comment,
        index: i,
      })
      p = end
    }
    // Local headers: must agree with the central directory, and entries must not overlap (overlapping
    // entries are how the "quine" ZIP bombs multiply their output).
    const byOffset = [...entries].sort((a, b) => a.offset - b.offset)
    let floor = 0
    for (const e of byOffset) {
      if (e.offset < floor || e.offset + 30 > cdOffset || buf.readUInt32LE(e.offset) !== LOC_SIG)
        throw new ZipError('zip_corrupt', { name: e.name })
      const nameLen = buf.readUInt16LE(e.offset + 26)
      const extraLen = buf.readUInt16LE(e.offset + 28)
      const localName = buf.subarray(e.offset + 30, e.offset + 30 + nameLen)
      if (!localName.equals(Buffer.from(e.name, 'utf8')) && decodeLegacySafe(localName) !== e.name)
        throw new ZipError('zip_name_mismatch', { name: e.name })
      e.dataOffset = e.offset + 30 + nameLen + extraLen
      floor = e.dataOffset + e.compressedSize
      if (floor > cdOffset) throw new ZipError('zip_corrupt', { name: e.name })
    }
    return new ZipArchive(buf, entries, limits)
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name)
  }

  /** Raw bytes as stored (for the `mimetype` check, which must be stored uncompressed). */
  raw(entry: ZipEntry): Buffer {
    return this.buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)
  }

  /** The entry's content, inflated with a hard cap at its declared size and CRC-checked. */
  read(entry: ZipEntry): Buffer {
    const raw = this.raw(entry)
    let out: Buffer
    if (entry.method === 0) out = raw
    else {
      try {
        // One byte more than declared so that a lying size shows up as a mismatch, not a silent cut. The
        // output buffer is sized for it at once: zlib's default 16 KiB chunks, concatenated, cost a second
        // copy of every megabyte.
        const cap = Math.min(entry.size + 1, this.limits.maxEntryBytes + 1)
        out = inflateRawSync(raw, { maxOutputLength: cap, chunkSize: Math.max(64, cap) })
      } catch {
        throw new ZipError('zip_inflate', { name: entry.name })
      }
    }
    if (out.length !== entry.size) throw new ZipError('zip_size_mismatch', { name: entry.name })
    if (crc32(out) >>> 0 !== entry.crc32) throw new ZipError('zip_crc', { name: entry.name })
    return out
  }
}

function decodeLegacy(raw: Buffer): string {
  // Pre-UTF-8-flag writers: ASCII names are the norm; a valid UTF-8 sequence is taken as UTF-8 (many
  // tools forget the flag), anything else as Latin-1.
  try {
    return utf8.decode(raw)
  } catch {
    return raw.toString('latin1')
  }
}

function decodeLegacySafe(raw: Buffer): string {
  return decodeLegacy(raw)
}
