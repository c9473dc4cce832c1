import { statSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startCheckpointer } from '../../../src/backend/db/checkpoint'
import { openDatabase } from '../../../src/backend/db/open'
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
})
