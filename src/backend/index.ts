import { resolve } from 'node:path'
import type { ApiResult } from '../contract'
import { systemClock, type Clock } from './clock'
import type { BackendContext } from './context'
import type { DesktopPort } from './desktop'
import type { SecretStore } from './secrets'
import { createDispatch, type HandlerTable } from './dispatch'
import { EventBus } from './events'
import { openDatabase, openedExclusive } from './db/open'
import { startCheckpointer, type Checkpointer } from './db/checkpoint'
import { removeOrphanParts } from './services/documents/content'
import { isSqliteError } from './db/errors'
import { StorageHealth } from './db/health'
import { checkInBackground, type IntegrityResult } from './db/integrity'
import { classifyOpenError } from './db/path'
import { ensureWorkstation } from './db/workstation'
import { seedDemoAgents } from './services/agents'
import { refreshSearchIndex } from './services/customers/search-index'
import { Sessions } from './services/sessions'
import { sleepWatch } from './services/sleep'
import { BatchJobs, removeStaleBatchDirs } from './services/billing/batch-jobs'
import { appHandlers } from './handlers/app'
import { sessionHandlers } from './handlers/session'
import { customerHandlers } from './handlers/customers'
import { readingsHandlers } from './handlers/readings'
import { documentHandlers } from './handlers/documents'
import { billingHandlers } from './handlers/billing'
import { auditHandlers } from './handlers/audit'
import { interactionHandlers } from './handlers/interactions'
import { faqHandlers } from './handlers/faq'
import { readSyncStatus } from './services/sync-status'
import type { Transport } from './sync/api'
import { SyncClient } from './sync/client'
import { ValidationPool, type PoolOptions } from './validation/pool'

export interface BackendOptions {
  /** SQLite file; created and migrated when missing, unless `create` is false. */
  dbFile: string
  /**
   * May a missing or empty file become a new database (default true, for tests and tools)? The shells
   * pass false: only first run (host/first-run.ts), `seed` and `migrate` create databases.
   */
  create?: boolean
  shell: BackendContext['shell']
  clock?: Clock
  version?: string
  workstationName?: string
  resourcesDir?: string
  /** The workstation's trust folder (see BackendContext.trustHome); the shells pass `trust/` beside dbFile. */
  trustHome?: string
  /** Add the README's demo agents when the agents table is empty (first run, demo databases). */
  demoAgents?: boolean
  /** The Electron shell's print and save dialogs. */
  desktop?: DesktopPort
  /** Where the sync client keeps its token (Electron: safeStorage; browser shell: owner-only file). */
  secrets?: SecretStore
  /**
   * How the sync client reaches the central (Electron's net.fetch, Node's fetch in the browser shell). With
   * it and `secrets`, an enrolled workstation syncs in the background from the start.
   */
  syncTransport?: Transport
  /** Size and caps of the document-validation worker pool (defaults in validation/pool.ts). */
  validation?: PoolOptions
}

export interface Backend {
  ctx: BackendContext
  sessions: Sessions
  events: EventBus
  dispatch(method: unknown, input: unknown, sessionKey: string): Promise<ApiResult<unknown>>
  /** The workstation sleeps or its screen locks (Electron's powerMonitor): every session ends. */
  workstationAsleep(): void
  /** The background quick_check of a large database file ('skipped' for files checked before opening). */
  integrity: Promise<IntegrityResult>
  /** The WAL checkpoint timer (benchmarks and tests run it on demand). */
  checkpointer: Checkpointer
  close(): void
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const file = options.dbFile
  const db = openDatabase(file, {
    autoCheckpoint: false,
    create: options.create ?? true,
    exclusiveWhenFull: true,
  })
  const clock = options.clock ?? systemClock
  const events = new EventBus()
  const storage = new StorageHealth(db, file, {
    onChange: (state) => events.emit('storage.status', { state }),
  })
  if (openedExclusive(db)) storage.startFull()
  const checkpointer = startCheckpointer(db, 2_000, {
    mayWrite: () => storage.state !== 'corrupt',
    onError: (e) => {
      if (!storage.noteError(e)) console.error('[gasdesk] checkpoint failed', e)
    },
    onTick: () => storage.recheck(),
  })
  let ctx: BackendContext
  try {
    ctx = {
      db,
      clock,
      events,
      workstation: ensureWorkstation(db, options.workstationName),
      shell: options.shell,
      version: options.version ?? '0.1.0',
      resourcesDir: options.resourcesDir ?? resolve(__dirname, '../../resources'),
      storage,
      // Workers start on the first document, so a backend that never validates one never starts a thread.
      validation: new ValidationPool(options.validation),
      ...(options.trustHome ? { trustHome: options.trustHome } : {}),
      ...(options.desktop ? { desktop: options.desktop } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
    }
    if (options.demoAgents) {
      const { n } = db.prepare('SELECT count(*) AS n FROM agents').get() as { n: number }
      if (n === 0) await seedDemoAgents(db, clock.now())
    }
    // Indexes whatever a migration or another writer marked (migration 007 re-indexes every customer), so
    // the first search is as fast as any other; one cheap probe when nothing is marked. A read-only desk
    // (full disk, damaged file) searches the index it has.
    if (storage.state === 'ok') refreshSearchIndex(db)
    // Parts of an upload the last run stopped storing before its row committed (documents/content.ts).
    if (storage.state === 'ok') removeOrphanParts(db)
  } catch (e) {
    // A first start on a full disk cannot record the workstation: say so, do not crash.
    checkpointer.stop()
    db.close()
    throw isSqliteError(e) ? classifyOpenError(file, e) : e
  }
  // Batch PDFs a crashed run left in the temp folder carry customers' data: remove them now.
  removeStaleBatchDirs()
  const check = checkInBackground(file)
  const integrity = check.done.then((r) => {
    if (r.status === 'corrupt') storage.markCorrupt(`quick_check: ${r.reason}`)
    else if (r.status === 'failed' && r.reason !== 'stopped')
      console.error(`[gasdesk] background integrity check of ${file} did not run: ${r.reason}`)
    return r
  })
  if (options.syncTransport && options.secrets) {
    const client = new SyncClient({
      db,
      secrets: options.secrets,
      transport: options.syncTransport,
      now: () => clock.now(),
      onChange: () => {
        if (db.open) events.emit('sync.status', readSyncStatus(db, client.state))
      },
    })
    ctx.sync = client
    if (client.config && storage.state === 'ok') client.start()
  }
  const sessions = new Sessions(ctx)
  const jobs = new BatchJobs()
  const handlers: HandlerTable = {
    ...appHandlers(),
    ...sessionHandlers(sessions),
    ...customerHandlers(),
    ...readingsHandlers(),
    ...documentHandlers(),
    ...billingHandlers(jobs),
    ...auditHandlers(),
    ...interactionHandlers(),
    ...faqHandlers(),
  }
  const dispatch = createDispatch({ ctx, sessions, handlers })
  // Timers do not run while the machine sleeps: a tick far later than due means it slept.
  const asleep = sleepWatch(() => sessions.endAll())
  const sweep = setInterval(() => {
    asleep.tick()
    sessions.sweep()
  }, 15_000)
  sweep.unref()
  return {
    ctx,
    sessions,
    events,
    dispatch,
    integrity,
    checkpointer,
    workstationAsleep: () => sessions.endAll(),
    close() {
      clearInterval(sweep)
      // Aborts the long poll; a cycle still awaiting the network finds the loop stopped and ends.
      void ctx.sync?.stop()
      check.stop()
      jobs.closeAll()
      void ctx.validation.close()
      checkpointer.stop()
      try {
        db.close()
      } catch (e) {
        // On a full disk the closing checkpoint can fail; the WAL keeps everything for the next start.
        if (!isSqliteError(e)) throw e
      }
    },
  }
}
