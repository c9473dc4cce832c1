import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DbCorruptError, DbTooNewError } from './errors'
import { committedPage1 } from './wal'

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** Files up to this size get a full quick_check on an in-memory copy before the real open. */
export const FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024

/**
 * Everything we can learn about a database file without letting SQLite touch it (SQLite creates
 * -wal/-shm files even for read-only opens of a WAL database): the header is parsed by hand, and small
 * files are checked page by page on an in-memory copy. Refusals here leave the file byte-identical and
 * create no files. Large files are checked again, cheaply, after the real open (see open.ts).
 */
export function preflight(file: string, latestVersion: number): void {
  if (file === ':memory:' || !existsSync(file)) return
  const size = statSync(file).size
  if (size === 0) return
  if (size < 100) throw new DbCorruptError(file, 'truncated-header')
  const head = Buffer.alloc(100)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 100, 0)
  } finally {
    closeSync(fd)
  }
  if (!head.subarray(0, 16).equals(SQLITE_MAGIC)) throw new DbCorruptError(file, 'not-sqlite')
  const rawPageSize = head.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new DbCorruptError(file, 'page-size')
  if (size % pageSize !== 0) throw new DbCorruptError(file, 'partial-page')
  // A non-empty -wal file holds committed pages the main file does not have yet: after a crash in the
  // middle of a checkpoint the main file can look truncated or inconsistent on its own, and SQLite
  // finishes the job on open. Then only the post-open checks (open.ts) can judge the database.
  const walPath = `${file}-wal`
  const hasWal = existsSync(walPath) && statSync(walPath).size > 0
  if (hasWal) {
    // The version that counts is the newest committed one, which may sit only in the WAL.
    const page1 = committedPage1(walPath, pageSize)
    const userVersion = (page1 ?? head).readInt32BE(60)
    if (userVersion > latestVersion) throw new DbTooNewError(file, userVersion, latestVersion)
    return
  }
  // The in-header page count is trustworthy only when "version-valid-for" matches the change counter.
  const pages = head.readUInt32BE(28)
  if (head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0 && size < pages * pageSize) {
    throw new DbCorruptError(file, 'truncated')
  }
  const userVersion = head.readInt32BE(60)
  if (userVersion > latestVersion) throw new DbTooNewError(file, userVersion, latestVersion)
  if (size <= FULL_CHECK_MAX_BYTES) fullCheck(file)
}

function fullCheck(file: string): void {
  const copy = readFileSync(file)
  // An in-memory copy cannot be in WAL mode: mark it as a rollback-journal file (header bytes 18-19).
  copy[18] = 1
  copy[19] = 1
  let db: Database.Database | undefined
  try {
    db = new Database(copy)
    const result = db.pragma('quick_check', { simple: true }) as string
    if (result !== 'ok') throw new DbCorruptError(file, `quick_check: ${String(result).slice(0, 200)}`)
  } catch (e) {
    if (e instanceof DbCorruptError) throw e
    throw new DbCorruptError(file, (e as { code?: string }).code ?? (e as Error).message)
  } finally {
    db?.close()
  }
}

/** Cheap structural check after opening: the catalogue and every table's root page must read. */
export function checkRoots(db: Database.Database): void {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[]
  for (const t of tables) db.prepare(`SELECT 1 FROM "${t.replace(/"/g, '""')}" LIMIT 1`).get()
}
