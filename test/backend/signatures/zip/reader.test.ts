import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  DEFAULT_ZIP_LIMITS,
  ZipArchive,
  ZipError,
  unsafeNameReason,
} from '../../../../src/backend/signatures/zip/reader'
import { buildZip } from './zip-builder'

const FIX = '/work/shared/fixtures/signatures'
const fixture = (p: string) => readFileSync(join(FIX, p))

function reason(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (e instanceof ZipError) return e.reasonKey
    throw e
  }
  return 'ok'
}

describe('safe ZIP reader', () => {
  it('reads stored and deflated entries and checks their CRC', () => {
    const zip = ZipArchive.open(
      buildZip([
        { name: 'mimetype', data: 'x', store: true },
        { name: 'a/b.txt', data: 'hello '.repeat(100) },
      ]),
    )
    expect(zip.entries.map((e) => e.name)).toEqual(['mimetype', 'a/b.txt'])
    expect(zip.read(zip.entries[1]).toString()).toBe('hello '.repeat(100))
  })

  it('rejects traversal, absolute, backslash, dot and empty names', () => {
    for (const [name, key] of [
      ['../x', 'zip_name_traversal'],
      ['a/../../x', 'zip_name_traversal'],
      ['/etc/passwd', 'zip_name_absolute'],
      ['C:/x', 'zip_name_absolute'],
      ['a\\b', 'zip_name_backslash'],
      ['.', 'zip_name_dot'],
      ['a/./b', 'zip_name_dot'],
      ['', 'zip_name_empty'],
    ]) {
      expect(reason(() => ZipArchive.open(buildZip([{ name, data: 'x' }])))).toBe(key)
    }
  })

  it('rejects duplicate names, also when they differ only in case', () => {
    expect(
      reason(() =>
        ZipArchive.open(
          buildZip([
            { name: 'a.txt', data: '1' },
            { name: 'a.txt', data: '2' },
          ]),
        ),
      ),
    ).toBe('zip_duplicate_name')
    expect(
      reason(() =>
        ZipArchive.open(
          buildZip([
            { name: 'A.txt', data: '1' },
            { name: 'a.TXT', data: '2' },
          ]),
        ),
      ),
    ).toBe('zip_duplicate_name')
  })

  it('stops a bomb: high ratio, lying size and entry caps are refused before or while inflating', () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024)
    expect(reason(() => ZipArchive.open(buildZip([{ name: 'z', data: zeros }])))).toBe('zip_ratio')
    const lying = ZipArchive.open(buildZip([{ name: 'z', data: Buffer.alloc(500_000), declaredSize: 10 }]))
    expect(reason(() => lying.read(lying.entries[0]))).toBe('zip_inflate')
    const many = Array.from({ length: DEFAULT_ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `f${i}`,
      data: '',
    }))
    expect(reason(() => ZipArchive.open(buildZip(many)))).toBe('zip_too_many_entries')
  })

  it('detects CRC mismatches and refuses encrypted entries', () => {
    const buf = buildZip([{ name: 'a', data: 'abcdef', store: true }])
    buf[30 + 1] ^= 1 // flip a data byte
    const zip = ZipArchive.open(buf)
    expect(reason(() => zip.read(zip.entries[0]))).toBe('zip_crc')
    expect(reason(() => ZipArchive.open(buildZip([{ name: 'a', data: 'x', flags: 1 }])))).toBe(
      'zip_encrypted',
    )
  })

  it('opens the nested-ZIP bomb fixture without inflating the inner archives', () => {
    const zip = ZipArchive.open(fixture('asice/zip-bomb.asice'))
    expect(zip.entries).toHaveLength(20)
    expect(zip.entries.filter((e) => e.name.endsWith('.zip'))).toHaveLength(16)
  })

  it('rejects the traversal and dot-name fixtures', () => {
    expect(reason(() => ZipArchive.open(fixture('asice/asice-relative.asice')))).toBe('zip_name_traversal')
    expect(reason(() => ZipArchive.open(fixture('asice/dot.asice')))).toBe('zip_name_dot')
  })

  it('never throws anything but ZipError on arbitrary bytes', () => {
    const base = fixture('bdoc/valid-bdoc-tm.bdoc')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: base.length - 1 }),
        fc.integer({ min: 0, max: 255 }),
        fc.nat(base.length),
        (pos, val, cut) => {
          const buf = Buffer.from(base.subarray(0, Math.max(cut, pos + 1)))
          buf[pos] = val
          try {
            const zip = ZipArchive.open(buf)
            for (const e of zip.entries) zip.read(e)
          } catch (e) {
            expect(e).toBeInstanceOf(ZipError)
          }
        },
      ),
      { numRuns: 500, seed: 7 },
    )
  })

  it('names: safe names pass', () => {
    expect(unsafeNameReason('META-INF/signatures0.xml')).toBeNull()
    expect(unsafeNameReason('test+test.txt')).toBeNull()
    expect(unsafeNameReason('dir/')).toBeNull()
  })
})
