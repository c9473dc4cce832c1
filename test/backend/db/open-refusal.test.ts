import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { DbCorruptError, DbTooNewError } from '../../../src/backend/db/errors'
import { LATEST_SCHEMA_VERSION } from '../../../src/backend/db/migrations'
import { openDatabase } from '../../../src/backend/db/open'
import { fixtures } from './fixtures'
import { sha256, sidecars, tempDir } from './helpers'

const tmp = tempDir()
afterAll(() => tmp.cleanup())
let n = 0

/** A real, closed workstation database (WAL mode, as GasDesk leaves it) with some rows. */
function realDb(rows = 0): string {
  const file = tmp.file(`real-${n++}.db`)
  const db = openDatabase(file)
  db.transaction(() => {
    for (const v of Object.keys(fixtures)
      .map(Number)
      .sort((a, b) => a - b))
      fixtures[v].insert(db)
    const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
    for (let i = 0; i < rows; i++) insert.run(`filler.${i}`, JSON.stringify('x'.repeat(200)))
  })()
  db.close()
  expect(sidecars(file)).toEqual([])
  return file
}

/** Opening must fail with `error`, leave the file byte-identical and create no -wal/-shm/-journal. */
function expectRefused(file: string, error: new (...args: never[]) => Error): void {
  const before = sha256(file)
  expect(() => openDatabase(file)).toThrow(error)
  expect(sha256(file)).toBe(before)
  expect(sidecars(file)).toEqual([])
}

describe('openDatabase refuses without touching the file', () => {
  it('a database from a newer GasDesk (user_version above the latest)', () => {
    const file = realDb()
    const db = new Database(file)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    db.close()
    expectRefused(file, DbTooNewError)
    try {
      openDatabase(file)
    } catch (e) {
      expect((e as DbTooNewError).details).toMatchObject({
        found: LATEST_SCHEMA_VERSION + 1,
        supported: LATEST_SCHEMA_VERSION,
      })
    }
  })

  it('a newer database still in rollback-journal mode', () => {
    const file = realDb()
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`)
    db.close()
    expectRefused(file, DbTooNewError)
  })

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 9000 }), (bytes) => {
        const file = tmp.file(`random-${n++}.db`)
        writeFileSync(file, bytes)
        expectRefused(file, DbCorruptError)
      }),
      { numRuns: 40 },
    )
  })

  it('random bytes behind a valid SQLite magic string', () => {
    const file = tmp.file('magic.db')
    const body = Buffer.alloc(8192)
    for (let i = 0; i < body.length; i++) body[i] = (i * 7919 + 13) & 0xff
    Buffer.from('SQLite format 3\0', 'latin1').copy(body, 0)
    writeFileSync(file, body)
    expectRefused(file, DbCorruptError)
  })

  it('a real database truncated at any point', () => {
    const file = realDb(200)
    const bytes = readFileSync(file)
    const pageSize = bytes.readUInt16BE(16)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: bytes.length - 1 }), (cut) => {
        const t = tmp.file(`trunc-${n++}.db`)
        writeFileSync(t, bytes.subarray(0, cut))
        expectRefused(t, DbCorruptError)
      }),
      { numRuns: 30, examples: [[pageSize], [bytes.length - pageSize], [100], [bytes.length - 1]] },
    )
  })

  it('a real database with one page scribbled over', () => {
    const file = realDb(200)
    const pageSize = readFileSync(file).readUInt16BE(16)
    const pages = statSync(file).size / pageSize
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pages - 1 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (page, seed) => {
          const t = tmp.file(`scribble-${n++}.db`)
          writeFileSync(t, readFileSync(file))
          const junk = Buffer.alloc(pageSize)
          let x = seed
          for (let i = 0; i < junk.length; i++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0
            junk[i] = x >>> 24
          }
          // Page 1 keeps its 100-byte file header so the damage is in the b-tree, not the magic string.
          const offset = page * pageSize + (page === 0 ? 100 : 0)
          const fd = openSync(t, 'r+')
          writeSync(fd, junk, 0, pageSize - (page === 0 ? 100 : 0), offset)
          closeSync(fd)
          expectRefused(t, DbCorruptError)
        },
      ),
      {
        numRuns: 25,
        examples: [
          [0, 1],
          [1, 2],
          [pages - 1, 3],
        ],
      },
    )
  })

  it('still opens a sound database, and migrates a new empty file', () => {
    const file = realDb(10)
    const db = openDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    db.close()
    const empty = tmp.file('zero.db')
    writeFileSync(empty, '')
    const e = openDatabase(empty)
    expect(e.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
    e.close()
  })
})
