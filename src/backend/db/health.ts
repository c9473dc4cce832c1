import { dirname } from 'node:path'
import { ApiError } from '../../contract/errors'
import type { StorageState } from '../../contract/methods/app'
import type { Db } from './open'
import { isCorruptionCode, isDiskFullCode, sqliteCode } from './errors'
import { freeBytes, LOW_SPACE_BYTES } from './path'

export const diskFullError = (): ApiError => new ApiError('UNAVAILABLE', 'errors.SQLITE_FULL')
export const damagedError = (): ApiError => new ApiError('DB_CORRUPT', 'errors.db.damaged')

export interface StorageHealthOptions {
  /** Told whenever the state changes (the backend turns it into a `storage.status` event). */
  onChange?: (state: StorageState) => void
  /** Free bytes where the database lives; injectable for tests, statfs otherwise. */
  freeBytes?: () => number | null
  log?: (message: string) => void
}

/**
 * How the database file is doing, from the failures SQLite reports anywhere (calls, the checkpoint
 * timer, batch jobs, the background integrity check):
 * - `full`: writes fail with SQLITE_FULL. The desk stays up read-only (SQLite rolls each failed write
 *   back) and says "the disk is full"; once there is room again (`recheck`, on the checkpoint timer)
 *   the state returns to `ok` and writes simply succeed again.
 * - `corrupt`: SQLite found damage. Writing stops for good (`query_only`, no more checkpoints) so the
 *   file is kept as it is for recovery, and every call that fails says the database is damaged.
 */
export class StorageHealth {
  private current: StorageState = 'ok'
  private readonly free: () => number | null

  constructor(
    private readonly db: Db,
    file: string,
    private readonly options: StorageHealthOptions = {},
  ) {
    this.free = options.freeBytes ?? (() => (file === ':memory:' ? null : freeBytes(dirname(file))))
  }

  get state(): StorageState {
    return this.current
  }

  /**
   * Looks at a failure: when it is about the storage, updates the state and returns the typed error the
   * agent should see instead (disk full, damaged); otherwise null.
   */
  noteError(e: unknown): ApiError | null {
    const code = sqliteCode(e)
    if (!code) return null
    if (isCorruptionCode(code)) {
      this.markCorrupt(code)
      return damagedError()
    }
    if (this.current === 'corrupt') return damagedError()
    if (isDiskFullCode(code) || (code.startsWith('SQLITE_IOERR') && this.spaceIsLow())) {
      this.set('full')
      return diskFullError()
    }
    return null
  }

  /** The file is damaged: stop every write on this connection and keep the file for recovery. */
  markCorrupt(reason: string): void {
    if (this.current === 'corrupt') return
    try {
      if (this.db.open) this.db.pragma('query_only = ON')
    } catch {
      // Even the pragma may fail on a badly damaged file; the state below still stops the checkpoints.
    }
    ;(this.options.log ?? defaultLog)(`database damaged (${reason}); writing stopped, file kept for recovery`)
    this.set('corrupt')
  }

  /** The disk was full: is there room again? (Runs on the checkpoint timer.) */
  recheck(): void {
    if (this.current === 'full' && !this.spaceIsLow()) this.set('ok')
  }

  /** Started on a disk too full to open normally. */
  startFull(): void {
    this.set('full')
  }

  private spaceIsLow(): boolean {
    const free = this.free()
    return free !== null && free < LOW_SPACE_BYTES
  }

  private set(state: StorageState): void {
    if (state === this.current) return
    this.current = state
    this.options.onChange?.(state)
  }
}

function defaultLog(message: string): void {
  console.error(`[gasdesk] ${message}`)
}
