import type { auditMethods } from '../../contract/methods/audit'
import { ApiError } from '../../contract'
import { actorOf, type CallContext, type Handlers } from '../context'
import { rigaToday } from '../../core/calendar'
import { exportFilename, exportSlice, exportToFile } from '../services/audit/export'
import { auditOptions, auditPage } from '../services/audit/log'

const PAGE = 50
const language = (call: CallContext) => call.session!.agent.language

/** The supervisor's audit log: pages, filter choices and the CSV export (itself on record). */
export function auditHandlers(): Handlers<typeof auditMethods> {
  return {
    'audit.list': (input, call) => auditPage(call.ctx.db, input.filters, input.after, input.limit ?? PAGE),
    'audit.options': (_input, call) => auditOptions(call.ctx.db),
    'audit.export': (input, call) =>
      exportSlice(
        call.ctx.db,
        actorOf(call),
        input.filters,
        input.after,
        language(call),
        rigaToday(call.ctx.clock.now()),
        input.limit,
      ),
    'audit.saveAs': async (input, call) => {
      const desktop = call.ctx.desktop
      if (!desktop) throw new ApiError('UNAVAILABLE', 'invoices.error.desktopOnly')
      const lang = language(call)
      const file = await desktop.chooseSaveFile(exportFilename(lang, rigaToday(call.ctx.clock.now())), {
        name: 'CSV',
        extensions: ['csv'],
      })
      if (!file) return { file: null, rows: 0 }
      const rows = await exportToFile(call.ctx.db, actorOf(call), input.filters, file, lang)
      return { file, rows }
    },
  }
}
