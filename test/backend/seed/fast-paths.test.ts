import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { BulkInsert, dropSecondaryIndexes } from '../../../src/backend/seed/bulk'
import { seededIds } from '../../../src/backend/seed/ids'
import { createRng } from '../../../src/backend/seed/prng'
import { tempDir } from '../db/helpers'

const tmp = tempDir('gasdesk-seed-fast-')
afterAll(() => tmp.cleanup())

describe('seeded ids', () => {
  it('match the plain hex formatting of the same bits: UUIDv7-shaped, increasing', () => {
    const hex = (n: number, w: number) => n.toString(16).padStart(w, '0')
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 46 }), (seed, base) => {
        const ids = seededIds(createRng('ids', seed), base)
        const bits = createRng('ids', seed)
        let previous = ''
        for (let n = 0; n < 20; n++) {
          const t = hex(base + n, 12)
          const [r1, r2, r3] = [bits.u32(), bits.u32(), bits.u32()]
          const expected =
            `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex(r1 & 0xfff, 3)}-` +
            `${hex(0x8000 | ((r1 >>> 12) & 0x3fff), 4)}-${hex(r2 & 0xffff, 4)}${hex(r3, 8)}`
          const id = ids()
          expect(id).toBe(expected)
          expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
          expect(id > previous).toBe(true)
          previous = id
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('bulk loading', () => {
  it('writes every added row in order, across full and partial multi-row statements', () => {
    const db = openDatabase(tmp.file('bulk.db'))
    try {
      db.exec('CREATE TABLE t (a INTEGER, b TEXT, c INTEGER) STRICT')
      const bulk = new BulkInsert(db, 'INSERT INTO t (a, b, c) VALUES', '(?, ?, 7)', 4)
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.integer(), fc.string()), { maxLength: 30 }), (rows) => {
          db.exec('DELETE FROM t')
          for (const [a, b] of rows) bulk.add(a, b)
          bulk.flush()
          expect(db.prepare('SELECT a, b, c FROM t ORDER BY rowid').raw().all()).toEqual(
            rows.map(([a, b]) => [a, b, 7]),
          )
        }),
      )
      expect(() => bulk.add(1)).toThrow(/expected 2 values/)
    } finally {
      db.close()
    }
  })

  it('drops only secondary indexes of the named tables and recreates them exactly', () => {
    const db = openDatabase(tmp.file('indexes.db'))
    try {
      const schema = () => db.prepare('SELECT name, tbl_name, sql FROM sqlite_schema ORDER BY name').all()
      const before = schema()
      const restore = dropSecondaryIndexes(db, ['readings', 'invoices'])
      const names = db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index'")
        .pluck()
        .all() as string[]
      expect(names).not.toContain('readings_meter_period')
      expect(names).not.toContain('invoices_customer')
      // Primary-key and UNIQUE indexes stay (they enforce constraints); other tables are untouched.
      expect(names).toContain('sqlite_autoindex_invoices_2')
      expect(names).toContain('premises_customer')
      restore()
      restore()
      expect(schema()).toEqual(before)
      const again = dropSecondaryIndexes(db, ['premises'], ['premises_customer'])
      const left = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'premises' AND sql IS NOT NULL",
        )
        .pluck()
      expect(left.all()).toEqual(['premises_customer'])
      again()
      expect(schema()).toEqual(before)
    } finally {
      db.close()
    }
  })
})
