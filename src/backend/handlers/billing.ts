import { ApiError } from '../../contract/errors'
import type { billingMethods } from '../../contract/methods/billing'
import { actorOf, type CallContext, type Handlers } from '../context'
import { todayInRiga } from '../seed/dates'
import {
  billingDocuments,
  consumptionSeries,
  invoiceDetail,
  premiseBilling,
  statementDetail,
} from '../services/billing/account'
import { batchIds, DocumentNotFound, documentEnv, printDocument } from '../services/billing/print'
import { estimateCost } from '../services/billing/estimate'
import { billingOutputHandlers, pdfBytes } from './billing-output'
import { BatchJobs } from '../services/billing/batch-jobs'

const today = (call: CallContext) => todayInRiga(call.ctx.clock.now())

const notFound = (what: string, id: string) => new ApiError('NOT_FOUND', 'errors.NOT_FOUND', { what, id })

/** `jobs`: the backend's batch print jobs (it stops them and removes their temp files on close). */
export function billingHandlers(jobs: BatchJobs = new BatchJobs()): Handlers<typeof billingMethods> {
  return {
    ...billingOutputHandlers(jobs),
    'billing.account': (input, call) => ({
      today: today(call),
      premises: premiseBilling(call.ctx.db, input.customerId, today(call), input.premiseId),
    }),
    'billing.documents': (input, call) =>
      billingDocuments(call.ctx.db, input.customerId, today(call), input.premiseId),
    'billing.invoice': (input, call) => {
      const d = invoiceDetail(call.ctx.db, input.id, today(call))
      if (!d) throw notFound('invoice', input.id)
      return d
    },
    'billing.statement': (input, call) => {
      const d = statementDetail(call.ctx.db, input.id)
      if (!d) throw notFound('statement', input.id)
      return d
    },
    'billing.series': (input, call) => ({ points: consumptionSeries(call.ctx.db, input.premiseId) }),
    'billing.print': async (input, call) => {
      const { db, resourcesDir } = call.ctx
      try {
        let number = ''
        const bytes = await pdfBytes(async (out) => {
          const doc = await printDocument(
            db,
            documentEnv(db, resourcesDir),
            { kind: input.kind, id: input.id },
            out,
            actorOf(call),
            input.purpose,
          )
          number = doc.number
        })
        return {
          filename: `${number}.pdf`,
          number,
          mime: 'application/pdf' as const,
          base64: bytes.toString('base64'),
        }
      } catch (e) {
        if (e instanceof DocumentNotFound) throw notFound(input.kind, input.id)
        throw e
      }
    },
    'billing.find': (input, call) => {
      const db = call.ctx.db
      const number = input.number.toUpperCase()
      for (const kind of ['invoice', 'statement'] as const) {
        const row = db
          .prepare(
            `SELECT id, customer_id FROM ${kind === 'invoice' ? 'invoices' : 'statements'} WHERE number = ?`,
          )
          .get(number) as { id: string; customer_id: string } | undefined
        if (row) return { match: { kind, id: row.id, customerId: row.customer_id } }
      }
      return { match: null }
    },
    'billing.batchList': (input, call) => ({ ids: batchIds(call.ctx.db, input) }),
    'billing.estimate': (input, call) => ({
      estimate: estimateCost(call.ctx.db, input.meterId, input.kWh, input.date),
    }),
  }
}
