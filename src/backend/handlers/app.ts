import type { appMethods } from '../../contract/methods/app'
import type { Handlers } from '../context'
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
    }),
    'sync.status': (_input, { ctx }) => readSyncStatus(ctx.db, false),
    'settings.get': (_input, { ctx }) => readSettings(ctx.db),
    'settings.update': (input, { ctx }) => writeSettings(ctx.db, input),
  }
}
