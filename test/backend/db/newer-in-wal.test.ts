import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { DbTooNewError } from '../../../src/backend/db/errors'
import { LATEST_SCHEMA_VERSION } from '../../../src/backend/db/migrations'
import { openDatabase } from '../../../src/backend/db/open'
import { committedPage1 } from '../../../src/backend/db/wal'
import { tempDir } from '../../helpers/tmp'
import { sha256 } from './helpers'

let tmp: ReturnType<typeof tempDir>
afterEach(() => tmp?.cleanup())

/**
 * A database as a crash leaves it: the live connection raised user_version (to a newer GasDesk's
 * schema) in a transaction that sits only in the -wal file; main, -wal and -shm are copied while it is
 * still open.
 */
function crashedWith(userVersion: number): string {
  const live = tmp.file('live.sqlite')
  openDatabase(live).close()
  const db = new Database(live)
  db.pragma('journal_mode = WAL')
  db.pragma('wal_autocheckpoint = 0')
  db.prepare("INSERT INTO settings (key, value) VALUES ('before', '1')").run()
  db.pragma(`user_version = ${userVersion}`)
  db.prepare("INSERT INTO settings (key, value) VALUES ('after', '1')").run()
  const copy = tmp.file('crashed.sqlite')
  for (const s of ['', '-wal', '-shm']) copyFileSync(live + s, copy + s)
  db.close()
  return copy
}

const files = (f: string) => ['', '-wal', '-shm'].map((s) => f + s)

describe('a newer database whose version is only in the -wal file', () => {
  it('is refused without writing anything: main file, -wal and -shm stay byte-identical', () => {
    tmp = tempDir('gasdesk-newer-wal-')
    const file = crashedWith(LATEST_SCHEMA_VERSION + 3)
    // The main file alone still says the current version: only the WAL knows better.
    expect(readFileSync(file).readInt32BE(60)).toBe(LATEST_SCHEMA_VERSION)
    const before = files(file).map(sha256)
    const names = readdirSync(tmp.dir).sort()
    expect(() => openDatabase(file)).toThrow(DbTooNewError)
    try {
      openDatabase(file)
    } catch (e) {
      expect((e as DbTooNewError).details).toMatchObject({ file, found: LATEST_SCHEMA_VERSION + 3 })
    }
    expect(files(file).map(sha256)).toEqual(before)
    expect(readdirSync(tmp.dir).sort()).toEqual(names)
  })

  it('reads the committed page 1 from the WAL by hand, as SQLite would', () => {
    tmp = tempDir('gasdesk-newer-wal-')
    const file = crashedWith(LATEST_SCHEMA_VERSION + 1)
    const page1 = committedPage1(`${file}-wal`, 4096)
    expect(page1?.readInt32BE(60)).toBe(LATEST_SCHEMA_VERSION + 1)
    expect(existsSync(`${file}-wal`)).toBe(true)
  })

  it('still opens a crashed database of the current version and keeps what the WAL committed', () => {
    tmp = tempDir('gasdesk-newer-wal-')
    const file = crashedWith(LATEST_SCHEMA_VERSION)
    const db = openDatabase(file)
    expect(
      db.prepare("SELECT key FROM settings WHERE key IN ('before', 'after') ORDER BY key").pluck().all(),
    ).toEqual(['after', 'before'])
    db.close()
  })
})

describe('the hand-read WAL version agrees with SQLite', () => {
  it('for any sequence of committed transactions left in the WAL by a crash', () => {
    tmp = tempDir('gasdesk-wal-prop-')
    let n = 0
    fc.assert(
      fc.property(
        // A version change, a row (new pages), or a checkpoint (after which the WAL restarts with new
        // salts and the older frames behind the new ones must be ignored).
        fc.array(
          fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('row' as const, 'checkpoint' as const)),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.integer({ min: 0, max: 1000 }),
        (ops, checkpointedVersion) => {
          const live = tmp.file(`p${n}.sqlite`)
          const db = new Database(live)
          db.pragma('journal_mode = WAL')
          db.exec('CREATE TABLE t (v TEXT)')
          db.pragma(`user_version = ${checkpointedVersion}`)
          db.pragma('wal_checkpoint(TRUNCATE)')
          db.pragma('wal_autocheckpoint = 0')
          for (const op of ops) {
            if (op === 'row') db.prepare('INSERT INTO t (v) VALUES (?)').run('x'.repeat(3000))
            else if (op === 'checkpoint') db.pragma('wal_checkpoint(PASSIVE)')
            else db.pragma(`user_version = ${op}`)
          }
          // Two copies as a crash leaves them: one read by hand, one opened by SQLite to compare.
          const [byHand, bySqlite] = [tmp.file(`h${n}.sqlite`), tmp.file(`s${n}.sqlite`)]
          n++
          for (const copy of [byHand, bySqlite])
            for (const s of ['', '-wal']) copyFileSync(live + s, copy + s)
          db.close()
          const page1 = committedPage1(`${byHand}-wal`, 4096)
          const hand = (page1 ?? readFileSync(byHand)).readInt32BE(60)
          const check = new Database(bySqlite)
          const sqlite = check.pragma('user_version', { simple: true })
          check.close()
          expect(hand).toBe(sqlite)
        },
      ),
      { numRuns: 40 },
    )
  })
})
