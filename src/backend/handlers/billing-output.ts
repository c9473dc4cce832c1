import { PassThrough } from 'node:stream'
import { ApiError } from '../../contract/errors'
import type { billingMethods } from '../../contract/methods/billing'
import { actorOf, type CallContext, type Handlers } from '../context'
import type { DesktopPort } from '../desktop'
import { OutputError, writeOutput } from '../files/atomic'
import { BatchJobs } from '../services/billing/batch-jobs'
import {
  auditPrint,
  DocumentNotFound,
  documentEnv,
  renderDocument,
  resolveDocument,
  type PrintTarget,
} from '../services/billing/print'

type OutputMethods = Pick<
  typeof billingMethods,
  | 'billing.printDialog'
  | 'billing.saveAs'
  | 'billing.batchStart'
  | 'billing.batchCancel'
  | 'billing.batchRead'
>

/** Collects a PDF written to a stream; a single document is a few tens of kB, fine to hold whole. */
export async function pdfBytes(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await write(out)
  return Buffer.concat(chunks)
}

const notFound = (what: string, id: string) => new ApiError('NOT_FOUND', 'errors.NOT_FOUND', { what, id })

/** The chosen file could not be written (no space, read-only folder); whatever was there is unchanged. */
const saveFailed = (e: OutputError) =>
  new ApiError('UNAVAILABLE', `errors.file.${e.problem}`, { file: e.target, problem: e.problem })

function desktopOf(call: CallContext): DesktopPort {
  if (!call.ctx.desktop) throw new ApiError('UNAVAILABLE', 'invoices.error.desktopOnly')
  return call.ctx.desktop
}

function resolveOrNotFound(call: CallContext, target: PrintTarget & { id: string }) {
  try {
    return resolveDocument(call.ctx.db, target)
  } catch (e) {
    if (e instanceof DocumentNotFound) throw notFound(target.kind, target.id)
    throw e
  }
}

/**
 * The print dialog, save-as and batch printing. Dialogs belong to the shell (DesktopPort); the PDF,
 * the files and the audit rows stay here, so the Electron main process only talks to the OS.
 */
export function billingOutputHandlers(jobs: BatchJobs = new BatchJobs()): Handlers<OutputMethods> {
  return {
    'billing.printDialog': async (input, call) => {
      const desktop = desktopOf(call)
      const { db, resourcesDir } = call.ctx
      resolveOrNotFound(call, input)
      let doc = { id: '', customerId: '', number: '' }
      const bytes = await pdfBytes(async (out) => {
        doc = await renderDocument(db, documentEnv(db, resourcesDir), input, out)
      })
      const outcome = await desktop.printPdf(bytes, doc.number)
      // Only a document handed to a printer left the screen; a cancelled dialog printed nothing.
      if (outcome === 'printed') auditPrint(db, actorOf(call), input.kind, doc.id, doc.customerId, 'print')
      return { outcome }
    },
    'billing.saveAs': async (input, call) => {
      const desktop = desktopOf(call)
      const { db, resourcesDir } = call.ctx
      const doc = resolveOrNotFound(call, input)
      const file = await desktop.chooseSaveFile(`${doc.number}.pdf`)
      if (!file) return { file: null }
      try {
        await writeOutput(file, (out) => renderDocument(db, documentEnv(db, resourcesDir), input, out))
      } catch (e) {
        if (e instanceof OutputError) throw saveFailed(e)
        throw e
      }
      auditPrint(db, actorOf(call), input.kind, doc.id, doc.customerId, 'save')
      return { file }
    },
    'billing.batchStart': async (input, call) => {
      const { destination, ...sel } = input
      // Named in the agent's language, as everything else the agent sees.
      const language = call.session?.agent.language ?? 'lv'
      return jobs.start(call.ctx, call.sessionKey, actorOf(call), sel, destination, language)
    },
    'billing.batchCancel': (input, call) => ({ cancelled: jobs.cancel(call.sessionKey, input.jobId) }),
    'billing.batchRead': (input, call) => jobs.read(call.sessionKey, input.jobId, input.offset),
  }
}
