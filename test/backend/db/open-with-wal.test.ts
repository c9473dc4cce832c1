import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { tempDir } from '../../helpers/tmp'

let tmp: ReturnType<typeof tempDir>
afterEach(() => tmp?.cleanup())

describe('opening a database that has a -wal file (after a crash)', () => {
  it('accepts a main file that looks truncated on its own while the WAL holds the pages', () => {
    tmp = tempDir()
    const live = tmp.file('live.sqlite')
    const db = openDatabase(live)
    db.pragma('wal_autocheckpoint = 0')
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
    const ins = db.prepare('INSERT INTO t (v) VALUES (?)')
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run('x'.repeat(200))
    })()
    // Copy the files as a crash leaves them: the committed pages are only in the WAL.
    const copy = tmp.file('crashed.sqlite')
    copyFileSync(live, copy)
    copyFileSync(`${live}-wal`, `${copy}-wal`)
    db.close()
    // A checkpoint interrupted after page 1: the header already claims more pages than the file has.
    const bytes = readFileSync(copy)
    bytes.writeUInt32BE(5000, 28)
    bytes.writeUInt32BE(bytes.readUInt32BE(24), 92)
    writeFileSync(copy, bytes)

    const reopened = openDatabase(copy)
    expect(reopened.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2000 })
    reopened.close()
  })

  it('still refuses that header when there is no WAL to complete it', () => {
    tmp = tempDir()
    const file = tmp.file('alone.sqlite')
    const db = new Database(file)
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)')
    db.close()
    const bytes = readFileSync(file)
    bytes.writeUInt32BE(5000, 28)
    bytes.writeUInt32BE(bytes.readUInt32BE(24), 92)
    writeFileSync(file, bytes)
    expect(() => openDatabase(file)).toThrow(/DB_CORRUPT/)
  })
})
