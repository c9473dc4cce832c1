import type { Db } from './open'

export interface Checkpointer {
  /** Runs one passive checkpoint now (also what the timer does). Never throws. */
  run(): void
  /** Stops the timer and folds the WAL back into the database file (unless writing has stopped). */
  stop(): void
}

export interface CheckpointHooks {
  /** False while the file must not be written (damaged): checkpoints are skipped. */
  mayWrite?: () => boolean
  /** Told about a failed checkpoint (disk full, damage); the timer carries on. */
  onError?: (e: unknown) => void
  /** Runs on every tick, before the checkpoint (the storage watch looks for space coming back). */
  onTick?: () => void
}

/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside whichever commit crosses
 * 1,000 WAL pages and makes that agent's save take milliseconds instead of tenths of one; the backend
 * turns it off (openDatabase `autoCheckpoint: false`) and checkpoints here, between calls, on a timer.
 * PASSIVE never waits for readers, so it cannot stall the desk.
 *
 * A failing checkpoint (SQLITE_FULL on a full disk, damage) must never escape the timer: an uncaught
 * exception there used to end the whole backend. It is reported to `onError` and tried again next tick.
 */
export function startCheckpointer(db: Db, intervalMs = 2_000, hooks: CheckpointHooks = {}): Checkpointer {
  const mayWrite = hooks.mayWrite ?? (() => true)
  const attempt = (mode: 'PASSIVE' | 'TRUNCATE'): void => {
    try {
      if (db.open && mayWrite()) db.pragma(`wal_checkpoint(${mode})`)
    } catch (e) {
      try {
        hooks.onError?.(e)
      } catch {
        // A broken reporter must not break the timer either.
      }
    }
  }
  const tick = (): void => {
    try {
      hooks.onTick?.()
    } catch {
      // As above: nothing thrown here may reach the event loop.
    }
    attempt('PASSIVE')
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    run: tick,
    stop() {
      clearInterval(timer)
      attempt('TRUNCATE')
    },
  }
}
