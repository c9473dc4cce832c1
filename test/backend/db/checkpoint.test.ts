import { copyFileSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startCheckpointer } from '../../../src/backend/db/checkpoint'
import { WAL_SIZE_LIMIT_BYTES, openDatabase } from '../../../src/backend/db/open'
import { tempDir } from '../../helpers/tmp'

let tmp: ReturnType<typeof tempDir>
afterEach(() => tmp?.cleanup())

function fill(db: ReturnType<typeof openDatabase>, rows: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)')
  const ins = db.prepare('INSERT INTO t (v) VALUES (?)')
  for (let i = 0; i < rows; i++) ins.run('x'.repeat(500)) // one commit each, as agents commit
}

describe('WAL checkpoints off the commit path', () => {
  it('with autoCheckpoint false, commits never fold the WAL back; the checkpointer does', () => {
    tmp = tempDir()
    const file = tmp.file('desk.sqlite')
    const db = openDatabase(file, { autoCheckpoint: false })
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const checkpointer = startCheckpointer(db, 60_000)
    fill(db, 3000)
    // Far past SQLite's 1,000-page automatic threshold, nothing has been copied back yet.
    const before = db.pragma('wal_checkpoint(PASSIVE)', { simple: false }) as {
      log: number
      checkpointed: number
    }[]
    expect(before[0].log).toBeGreaterThan(1000)
    checkpointer.run()
    checkpointer.stop()
    // TRUNCATE on stop leaves an empty WAL and every row in the main file.
    expect(statSync(`${file}-wal`).size).toBe(0)
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3000 })
    db.close()
  })

  it('tools keep SQLite’s automatic checkpoint', () => {
    tmp = tempDir()
    const db = openDatabase(tmp.file('tool.sqlite'))
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    db.close()
  })

  /** What the main file alone holds: a copy without the WAL, as if only checkpointed pages existed. */
  const rowsInMainFile = (file: string): number => {
    const copy = tmp.file('main-only.sqlite')
    copyFileSync(file, copy)
    const db = new Database(copy, { readonly: true })
    try {
      return db.prepare('SELECT count(*) FROM t').pluck().get() as number
    } finally {
      db.close()
    }
  }

  it('a large WAL is copied back by the worker thread, with its own connection', async () => {
    tmp = tempDir()
    const file = tmp.file('desk.sqlite')
    const db = openDatabase(file, { autoCheckpoint: false })
    const checkpointer = startCheckpointer(db, 60_000, {}, { offThreadAboveBytes: 64 * 1024 })
    fill(db, 1000)
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(64 * 1024)
    checkpointer.run()
    expect(checkpointer.offThread).toBe(true)
    await checkpointer.settled()
    expect(rowsInMainFile(file)).toBe(1000)
    checkpointer.stop()
    db.close()
  })

  it('a small WAL is checkpointed here, without starting a thread', () => {
    tmp = tempDir()
    const file = tmp.file('desk.sqlite')
    const db = openDatabase(file, { autoCheckpoint: false })
    const checkpointer = startCheckpointer(db, 60_000, {}, { offThreadAboveBytes: 64 * 1024 * 1024 })
    fill(db, 200)
    checkpointer.run()
    expect(checkpointer.offThread).toBe(false)
    expect(rowsInMainFile(file)).toBe(200)
    checkpointer.stop()
    db.close()
  })

  it('a worker that cannot start is reported, and checkpoints go on here', async () => {
    tmp = tempDir()
    const file = tmp.file('desk.sqlite')
    const db = openDatabase(file, { autoCheckpoint: false })
    const errors: unknown[] = []
    const checkpointer = startCheckpointer(
      db,
      60_000,
      { onError: (e) => errors.push(e) },
      { offThreadAboveBytes: 1, entry: { filename: tmp.file('no-such-worker.js'), options: {} } },
    )
    fill(db, 300)
    checkpointer.run()
    await checkpointer.settled()
    expect(errors).toHaveLength(1)
    expect(checkpointer.offThread).toBe(false)
    checkpointer.run()
    expect(rowsInMainFile(file)).toBe(300)
    checkpointer.stop()
    db.close()
  })

  it('after a large WAL is copied back, the next write cuts the file down to the limit', async () => {
    tmp = tempDir()
    const file = tmp.file('desk.sqlite')
    const db = openDatabase(file, { autoCheckpoint: false })
    const checkpointer = startCheckpointer(db, 60_000)
    db.exec('CREATE TABLE b (v BLOB)')
    db.prepare('INSERT INTO b (v) VALUES (?)').run(Buffer.alloc(6 * 1024 * 1024, 1))
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT_BYTES)
    checkpointer.run()
    expect(checkpointer.offThread).toBe(true)
    await checkpointer.settled()
    db.prepare('INSERT INTO b (v) VALUES (?)').run(Buffer.alloc(10))
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES)
    checkpointer.stop()
    db.close()
  })
})
