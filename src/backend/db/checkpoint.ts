import { statSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { workerEntry, type WorkerEntry } from '../workers/entry'
import type { CheckpointReply } from './checkpoint-protocol'
import { WAL_SIZE_LIMIT_BYTES, type Db } from './open'

export interface Checkpointer {
  /** Runs one passive checkpoint now (also what the timer does). Never throws. */
  run(): void
  /** Stops the timer and folds the WAL back into the database file (unless writing has stopped). */
  stop(): void
  /** Resolves once no checkpoint is running in the worker thread (benchmarks, tests). */
  settled(): Promise<void>
  /** Whether the worker thread has been started (it is, the first time the WAL grows large). */
  readonly offThread: boolean
}

export interface CheckpointHooks {
  /** False while the file must not be written (damaged): checkpoints are skipped. */
  mayWrite?: () => boolean
  /** Told about a failed checkpoint (disk full, damage); the timer carries on. */
  onError?: (e: unknown) => void
  /** Runs on every tick, before the checkpoint (the storage watch looks for space coming back). */
  onTick?: () => void
}

export interface CheckpointOptions {
  /** A WAL file larger than this is copied back by the worker thread; smaller ones here, in a few ms. */
  offThreadAboveBytes?: number
  /** Where the worker comes from (tests); by default the built checkpoint-worker or its source. */
  entry?: WorkerEntry
}

export function checkpointWorkerEntry(here: string = __dirname): WorkerEntry {
  return workerEntry('checkpoint-worker', join(here, 'checkpoint-worker.ts'), here)
}

/**
 * WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside whichever commit crosses
 * 1,000 WAL pages and makes that agent's save take milliseconds instead of tenths of one; the backend
 * turns it off (openDatabase `autoCheckpoint: false`) and checkpoints here, between calls, on a timer.
 * PASSIVE never waits for readers, so it cannot stall on a lock — but copying is still work: after four
 * 8 MiB documents the WAL holds 32 MiB and one checkpoint takes over 100 ms, during which no call is
 * answered. So a WAL above `offThreadAboveBytes` is checkpointed by a worker thread with its own
 * connection to the file (a desk opened exclusively, on a full disk, has no room for a second one and
 * keeps checkpointing here).
 *
 * A failing checkpoint (SQLITE_FULL on a full disk, damage) must never escape the timer: an uncaught
 * exception there used to end the whole backend. It is reported to `onError` and tried again next tick.
 */
export function startCheckpointer(
  db: Db,
  intervalMs = 2_000,
  hooks: CheckpointHooks = {},
  options: CheckpointOptions = {},
): Checkpointer {
  const mayWrite = hooks.mayWrite ?? (() => true)
  const report = (e: unknown): void => {
    try {
      hooks.onError?.(e)
    } catch {
      // A broken reporter must not break the timer either.
    }
  }
  const attempt = (mode: 'PASSIVE' | 'TRUNCATE'): void => {
    try {
      if (db.open && mayWrite()) db.pragma(`wal_checkpoint(${mode})`)
    } catch (e) {
      report(e)
    }
  }
  const threshold = options.offThreadAboveBytes ?? WAL_SIZE_LIMIT_BYTES
  let offThreadPossible =
    !db.memory && db.name !== '' && db.pragma('locking_mode', { simple: true }) !== 'exclusive'
  let worker: Worker | null = null
  let inFlight: { id: number; done: () => void; promise: Promise<void> } | null = null
  let nextId = 1
  // The worker sets it when a checkpoint ends, so stop() can wait for one synchronously (it runs in close()).
  const ended = new Int32Array(new SharedArrayBuffer(4))

  const walBytes = (): number => statSync(`${db.name}-wal`, { throwIfNoEntry: false })?.size ?? 0

  const finish = (): void => {
    const f = inFlight
    inFlight = null
    f?.done()
  }
  const startWorker = (): Worker => {
    const entry = options.entry ?? checkpointWorkerEntry()
    const w = new Worker(entry.filename, {
      ...entry.options,
      workerData: { file: db.name, done: ended.buffer },
    })
    // Never what keeps a CLI command or a test process alive.
    w.unref()
    w.on('message', (m: CheckpointReply) => {
      if (!m.ok) report(Object.assign(new Error(m.message), { code: m.code ?? undefined }))
      finish()
    })
    const lost = (e?: unknown): void => {
      if (worker !== w) return
      worker = null
      // A worker that cannot run (no file, a broken build) is reported once; checkpoints go on here.
      offThreadPossible = false
      if (e) report(e)
      finish()
    }
    w.once('error', lost)
    w.once('exit', () => lost())
    return w
  }
  const checkpointOffThread = (): void => {
    worker ??= startWorker()
    let finished = (): void => {}
    const promise = new Promise<void>((resolve) => (finished = resolve))
    inFlight = { id: nextId++, done: finished, promise }
    Atomics.store(ended, 0, 0)
    worker.postMessage({ id: inFlight.id })
  }

  const tick = (): void => {
    try {
      hooks.onTick?.()
    } catch {
      // As above: nothing thrown here may reach the event loop.
    }
    // One checkpoint at a time: the worker's running one covers everything committed before it began.
    if (inFlight || !db.open || !mayWrite()) return
    try {
      if (offThreadPossible && walBytes() > threshold) return checkpointOffThread()
    } catch (e) {
      report(e)
    }
    attempt('PASSIVE')
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    run: tick,
    settled: () => inFlight?.promise ?? Promise.resolve(),
    get offThread() {
      return worker !== null
    },
    stop() {
      clearInterval(timer)
      // A checkpoint still running in the worker would make this last one busy: let it end first (it
      // copies what this one would have; a few hundred ms at most, once, when the desk closes).
      if (inFlight) Atomics.wait(ended, 0, 0, 10_000)
      finish()
      const w = worker
      worker = null
      offThreadPossible = false
      if (w) void w.terminate()
      attempt('TRUNCATE')
    },
  }
}
