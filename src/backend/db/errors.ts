import { ApiError } from '../../contract/errors'

export class DbTooNewError extends ApiError {
  constructor(file: string, found: number, supported: number) {
    super('DB_TOO_NEW', 'errors.DB_TOO_NEW', { file, found, supported })
  }
}

export class DbCorruptError extends ApiError {
  constructor(file: string, reason: string) {
    super('DB_CORRUPT', 'errors.DB_CORRUPT', { file, reason })
  }
}

/**
 * Why a database file cannot be used although its content was never judged: it is missing or empty
 * where only `seed`, `migrate` and first run may create one, it is a folder or a device, its folder is
 * read-only, its disk is full, `seed` was pointed at a file that already exists, or the system refused
 * to open it (cannotOpen, with the system's code).
 */
export type DbProblem =
  'missing' | 'empty' | 'folder' | 'notFile' | 'readOnly' | 'diskFull' | 'exists' | 'cannotOpen'

export class DbUnavailableError extends ApiError {
  constructor(
    file: string,
    readonly problem: DbProblem,
    cause?: string,
  ) {
    super('UNAVAILABLE', `errors.db.${problem}`, { file, problem, ...(cause ? { cause } : {}) })
  }
}

/** The SQLite result code of an error thrown by better-sqlite3 (e.g. SQLITE_FULL), else null. */
export function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null
}

export const isSqliteError = (e: unknown): boolean => sqliteCode(e) !== null

export const isCorruptionCode = (code: string | null): boolean =>
  !!code && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')

/** SQLite says "full" for ENOSPC on write, and fails to size the -shm file when nothing is left. */
export const isDiskFullCode = (code: string | null): boolean =>
  code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE'
