import type { Db } from './open'

export interface Checkpointer {
  /** Runs one passive checkpoint now (also what the timer does). */
  run(): void
  /** Stops the timer and folds the WAL back into the database file. */
  stop(): void
}

/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside whichever commit crosses
 * 1,000 WAL pages and makes that agent's save take milliseconds instead of tenths of one; the backend
 * turns it off (openDatabase `autoCheckpoint: false`) and checkpoints here, between calls, on a timer.
 * PASSIVE never waits for readers, so it cannot stall the desk.
 */
export function startCheckpointer(db: Db, intervalMs = 2_000): Checkpointer {
  const run = (): void => {
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)')
  }
  const timer = setInterval(run, intervalMs)
  timer.unref()
  return {
    run,
    stop() {
      clearInterval(timer)
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)')
    },
  }
}
