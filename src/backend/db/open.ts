import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { DbCorruptError, DbTooNewError } from './errors'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations'

export type Db = Database.Database

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/** Reject anything that is not an SQLite file before better-sqlite3 gets a chance to write to it. */
function assertLooksLikeSqlite(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return
  const size = statSync(file).size
  if (size === 0) return
  if (size < 100) throw new DbCorruptError(file, 'truncated-header')
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.alloc(16)
    readSync(fd, head, 0, 16, 0)
    if (!head.equals(SQLITE_HEADER)) throw new DbCorruptError(file, 'not-sqlite')
  } finally {
    closeSync(fd)
  }
}

export interface OpenOptions {
  /** Apply pending migrations (default true). `false` is for tools that only inspect. */
  migrate?: boolean
}

/**
 * Opens the workstation database: refuses a corrupt file or one written by a newer GasDesk without
 * changing a byte, then turns on WAL and foreign keys and applies forward-only migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  assertLooksLikeSqlite(file)
  let db: Db
  try {
    db = new Database(file)
  } catch (e) {
    throw new DbCorruptError(file, (e as Error).message)
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) throw new DbTooNewError(file, version, LATEST_SCHEMA_VERSION)
    // Reading the schema forces SQLite to parse page 1 and the catalogue: corruption shows here.
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
    if (file !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    if (options.migrate !== false) migrate(db)
    return db
  } catch (e) {
    db.close()
    if (e instanceof DbTooNewError || e instanceof DbCorruptError) throw e
    const code = (e as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw new DbCorruptError(file, code)
    throw e
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Runs each pending migration in its own transaction, bumping user_version inside it. */
export function migrate(db: Db, target: number = LATEST_SCHEMA_VERSION): number {
  const current = schemaVersion(db)
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }).immediate()
  }
  return schemaVersion(db)
}
