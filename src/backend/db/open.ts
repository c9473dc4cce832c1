import Database from 'better-sqlite3'
import {
  DbCorruptError,
  DbTooNewError,
  DbUnavailableError,
  isCorruptionCode,
  isDiskFullCode,
  sqliteCode,
} from './errors'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations'
import { checkPath, classifyOpenError } from './path'
import { checkRoots, preflight } from './preflight'

export type Db = Database.Database

/** The WAL's size after a checkpoint on the backend's own connection; larger ones are copied off-thread. */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024

export interface OpenOptions {
  /** Apply pending migrations (default true). `false` is for tools that only inspect. */
  migrate?: boolean
  /**
   * Let SQLite checkpoint the WAL inside commits (default true, fine for tools). The long-running backend
   * passes false and checkpoints between calls instead (db/checkpoint.ts).
   */
  autoCheckpoint?: boolean
  /**
   * May a missing or 0-byte file become a new database (default true for library use and tests)? Only
   * `seed`, `migrate` and first run create databases: every command and shell passes false, so a
   * mistyped --db or an emptied file is refused instead of silently replaced by an empty database.
   */
  create?: boolean
  /**
   * When the disk is too full for SQLite's shared-memory file, open with exclusive locking instead (the
   * WAL index then lives in this process's memory), so the desk can still read and resumes writing when
   * space returns. Other processes cannot use the file meanwhile. For the long-running backend.
   */
  exclusiveWhenFull?: boolean
}

/**
 * Opens the workstation database: refuses a corrupt file or one written by a newer GasDesk without
 * changing a byte, says which file and why when it cannot be used (missing, empty, a folder, read-only,
 * disk full), then turns on WAL and foreign keys and applies forward-only migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  checkPath(file, options.create ?? true)
  // Header, version and (for small files) page checks happen before SQLite may create any file.
  preflight(file, LATEST_SCHEMA_VERSION)
  try {
    return configure(file, options, false)
  } catch (e) {
    if (options.exclusiveWhenFull && e instanceof DbUnavailableError && e.problem === 'diskFull')
      return configure(file, options, true)
    throw e
  }
}

function configure(file: string, options: OpenOptions, exclusive: boolean): Db {
  let db: Db
  try {
    db = new Database(file)
  } catch (e) {
    throw classifyOpenError(file, e)
  }
  try {
    // Must come before the first read: only then does SQLite keep the WAL index in heap memory.
    if (exclusive) db.pragma('locking_mode = EXCLUSIVE')
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) throw new DbTooNewError(file, version, LATEST_SCHEMA_VERSION)
    // Reading the catalogue and each table's root page: corruption in large files shows here.
    checkRoots(db)
    if (file !== ':memory:') {
      try {
        db.pragma('journal_mode = WAL')
      } catch (e) {
        // A file still in rollback-journal mode cannot switch on a full disk; it reads fine as it is.
        if (!exclusive || !isDiskFullCode(sqliteCode(e))) throw e
      }
    }
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    if (options.autoCheckpoint === false) {
      db.pragma('wal_autocheckpoint = 0')
      // After the checkpointer has copied a large WAL back, the next write cuts the file down to this, so
      // the following checkpoints are small enough to run on the backend thread (db/checkpoint.ts).
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`)
    }
    if (options.migrate !== false) migrate(db)
    return db
  } catch (e) {
    try {
      db.close()
    } catch {
      // Closing a connection on a full disk can fail to checkpoint; the error that matters is `e`.
    }
    if (e instanceof DbTooNewError || e instanceof DbCorruptError) throw e
    const code = sqliteCode(e)
    if (isCorruptionCode(code)) throw new DbCorruptError(file, code!)
    if (code) throw classifyOpenError(file, e)
    throw e
  }
}

/** Whether `db` fell back to exclusive locking because the disk was full when it was opened. */
export function openedExclusive(db: Db): boolean {
  return db.pragma('locking_mode', { simple: true }) === 'exclusive'
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
