import Database from 'better-sqlite3'
import { DbCorruptError, DbTooNewError } from './errors'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations'
import { checkRoots, preflight } from './preflight'

export type Db = Database.Database

export interface OpenOptions {
  /** Apply pending migrations (default true). `false` is for tools that only inspect. */
  migrate?: boolean
  /**
   * Let SQLite checkpoint the WAL inside commits (default true, fine for tools). The long-running backend
   * passes false and checkpoints between calls instead (db/checkpoint.ts).
   */
  autoCheckpoint?: boolean
}

/**
 * Opens the workstation database: refuses a corrupt file or one written by a newer GasDesk without
 * changing a byte, then turns on WAL and foreign keys and applies forward-only migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  // Header, version and (for small files) page checks happen before SQLite may create any file.
  preflight(file, LATEST_SCHEMA_VERSION)
  let db: Db
  try {
    db = new Database(file)
  } catch (e) {
    throw new DbCorruptError(file, (e as Error).message)
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > LATEST_SCHEMA_VERSION) throw new DbTooNewError(file, version, LATEST_SCHEMA_VERSION)
    // Reading the catalogue and each table's root page: corruption in large files shows here.
    checkRoots(db)
    if (file !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0')
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
