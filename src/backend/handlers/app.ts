import type { appMethods } from '../../contract/methods/app'
import { actorOf, type Handlers } from '../context'
import { recordAccess } from '../db/mutations'
import { schemaVersion } from '../db/open'
import { readSettings, writeSettings } from '../services/settings'
import { collectDiagnostics } from '../services/diagnostics'
import { readSyncStatus } from '../services/sync-status'

export function appHandlers(
  log: (line: string) => void = (line) => console.error(line),
): Handlers<typeof appMethods> {
  let counter = 0
  return {
    'app.info': (_input, { ctx }) => ({
      version: ctx.version,
      schemaVersion: schemaVersion(ctx.db),
      workstationId: ctx.workstation.clientId,
      shell: ctx.shell,
      storage: ctx.storage?.state ?? 'ok',
    }),
    'sync.status': (_input, { ctx }) => readSyncStatus(ctx.db, ctx.sync?.state),
    'sync.diagnostics': (_input, { ctx }) => {
      const nowMs = ctx.clock.now()
      const diagnostics = collectDiagnostics(ctx.db, {
        version: ctx.version,
        shell: ctx.shell,
        storage: ctx.storage?.state ?? 'ok',
        ...(ctx.sync ? { syncState: ctx.sync.state } : {}),
        nowMs,
      })
      const stamp = new Date(nowMs).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
      return {
        fileName: `gasdesk-diagnostics-${stamp}.json`,
        json: `${JSON.stringify(diagnostics, null, 2)}\n`,
      }
    },
    'sync.now': (_input, { ctx }) => {
      ctx.sync?.syncNow()
      return readSyncStatus(ctx.db, ctx.sync?.state)
    },
    // The workstation's log (Electron main or browser-shell terminal), one block per failure, under a
    // reference the agent's screen shows; the renderer also logs it in its own console.
    'app.logError': (input, { ctx, session }) => {
      const ref = `R${ctx.clock.now().toString(36)}-${++counter}`
      const who = session ? session.agent.username : '-'
      log(`[gasdesk] ${ref} renderer error in ${input.section} (${input.info}) for ${who}: ${input.message}`)
      if (input.stack) log(input.stack)
      return { ref }
    },
    'settings.get': (_input, { ctx }) => readSettings(ctx.db),
    // Workstation settings are local (never synced), so no outbox row — but the change is on record.
    'settings.update': (input, call) => {
      const { db } = call.ctx
      return db.transaction(() => {
        const before = readSettings(db)
        const after = writeSettings(db, input)
        recordAccess(db, actorOf(call), { action: 'settings.update', entityType: 'settings', before, after })
        return after
      })()
    },
  }
}
