import { resolve } from 'node:path'
import type { ApiResult } from '../contract'
import { systemClock, type Clock } from './clock'
import type { BackendContext } from './context'
import type { DesktopPort } from './desktop'
import { createDispatch, type HandlerTable } from './dispatch'
import { EventBus } from './events'
import { openDatabase } from './db/open'
import { startCheckpointer } from './db/checkpoint'
import { ensureWorkstation } from './db/workstation'
import { seedDemoAgents } from './services/agents'
import { refreshSearchIndex } from './services/customers/search-index'
import { Sessions } from './services/sessions'
import { appHandlers } from './handlers/app'
import { sessionHandlers } from './handlers/session'
import { customerHandlers } from './handlers/customers'
import { readingsHandlers } from './handlers/readings'
import { documentHandlers } from './handlers/documents'
import { billingHandlers } from './handlers/billing'

export interface BackendOptions {
  /** SQLite file; created and migrated when missing. */
  dbFile: string
  shell: BackendContext['shell']
  clock?: Clock
  version?: string
  workstationName?: string
  resourcesDir?: string
  /** Add the README's demo agents when the agents table is empty (first run, demo databases). */
  demoAgents?: boolean
  /** The Electron shell's print and save dialogs. */
  desktop?: DesktopPort
}

export interface Backend {
  ctx: BackendContext
  sessions: Sessions
  events: EventBus
  dispatch(method: unknown, input: unknown, sessionKey: string): Promise<ApiResult<unknown>>
  close(): void
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const db = openDatabase(options.dbFile, { autoCheckpoint: false })
  // Indexes whatever a migration or another writer marked (migration 004 re-indexes every customer), so the
  // first search is as fast as any other; one cheap probe when nothing is marked.
  refreshSearchIndex(db)
  const checkpointer = startCheckpointer(db)
  const clock = options.clock ?? systemClock
  const events = new EventBus()
  const ctx: BackendContext = {
    db,
    clock,
    events,
    workstation: ensureWorkstation(db, options.workstationName),
    shell: options.shell,
    version: options.version ?? '0.1.0',
    resourcesDir: options.resourcesDir ?? resolve(__dirname, '../../resources'),
    ...(options.desktop ? { desktop: options.desktop } : {}),
  }
  if (options.demoAgents) {
    const { n } = db.prepare('SELECT count(*) AS n FROM agents').get() as { n: number }
    if (n === 0) await seedDemoAgents(db, clock.now())
  }
  const sessions = new Sessions(ctx)
  const handlers: HandlerTable = {
    ...appHandlers(),
    ...sessionHandlers(sessions),
    ...customerHandlers(),
    ...readingsHandlers(),
    ...documentHandlers(),
    ...billingHandlers(),
  }
  const dispatch = createDispatch({ ctx, sessions, handlers })
  const sweep = setInterval(() => sessions.sweep(), 15_000)
  sweep.unref()
  return {
    ctx,
    sessions,
    events,
    dispatch,
    close() {
      clearInterval(sweep)
      checkpointer.stop()
      db.close()
    },
  }
}
