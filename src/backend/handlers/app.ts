import type { appMethods } from '../../contract/methods/app'
import { actorOf, type Handlers } from '../context'
import { recordAccess } from '../db/mutations'
import { schemaVersion } from '../db/open'
import { readSettings, writeSettings } from '../services/settings'
import { readSyncStatus } from '../services/sync-status'

export function appHandlers(): Handlers<typeof appMethods> {
  return {
    'app.info': (_input, { ctx }) => ({
      version: ctx.version,
      schemaVersion: schemaVersion(ctx.db),
      workstationId: ctx.workstation.clientId,
      shell: ctx.shell,
      storage: ctx.storage?.state ?? 'ok',
    }),
    'sync.status': (_input, { ctx }) => readSyncStatus(ctx.db, false),
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
