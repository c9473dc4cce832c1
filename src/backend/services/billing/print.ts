import { DocumentNotFound } from './not-found'
import { join } from 'node:path'
import type { Writable } from 'node:stream'
import type { Db } from '../../db/open'
import { recordAccess, type AccessActor } from '../../db/mutations'
import { openOutput, toOutputError, writeOutput } from '../../files/atomic'
import {
  drawInvoice,
  drawStatement,
  invoiceChrome,
  loadFonts,
  loadSeller,
  PdfLayout,
  statementChrome,
  writeInvoicePdf,
  writeStatementPdf,
  type DocumentEnv,
} from '../../documents'
import { invoicePrintData, statementPrintData } from './print-data'

export type PrintKind = 'invoice' | 'statement'

export interface PrintTarget {
  kind: PrintKind
  id?: string
  number?: string
}

/** Who printed: a signed-in agent, or the command line (no agent; the workstation is on record). */
export type PrintActor = AccessActor

export { DocumentNotFound }

export function documentEnv(db: Db, resourcesDir: string): DocumentEnv {
  return { fonts: loadFonts(resourcesDir), seller: loadSeller(resourcesDir, db) }
}

/** Every print is on record: who printed whose document (it carries personal data). */
export function auditPrint(
  db: Db,
  actor: PrintActor,
  kind: PrintKind,
  id: string,
  customerId: string,
  how: string,
): void {
  recordAccess(db, actor, {
    action: `print.${kind}`,
    customerId,
    entityType: kind,
    entityId: id,
    reason: how,
  })
}

export function resolveDocument(db: Db, t: PrintTarget): { id: string; customerId: string; number: string } {
  const table = t.kind === 'invoice' ? 'invoices' : 'statements'
  const row = (
    t.id
      ? db.prepare(`SELECT id, customer_id, number FROM ${table} WHERE id = ?`).get(t.id)
      : db.prepare(`SELECT id, customer_id, number FROM ${table} WHERE number = ?`).get(t.number)
  ) as { id: string; customer_id: string; number: string } | undefined
  if (!row) throw new DocumentNotFound(`${t.kind} ${t.id ?? t.number} not found`)
  return { id: row.id, customerId: row.customer_id, number: row.number }
}

/**
 * Writes one stored invoice or statement as PDF to `out` without an audit row: for callers that audit
 * only once they know the outcome (a print dialog the agent may cancel).
 */
export async function renderDocument(
  db: Db,
  env: DocumentEnv,
  target: PrintTarget,
  out: Writable,
): Promise<{ id: string; customerId: string; number: string }> {
  const doc = resolveDocument(db, target)
  if (target.kind === 'invoice') await writeInvoicePdf(invoicePrintData(db, { id: doc.id })!, env, out)
  else await writeStatementPdf(statementPrintData(db, { id: doc.id })!, env, out)
  return doc
}

/** Writes one stored invoice or statement as PDF to `out`, and audits it as `how` (preview, print, save, cli). */
export async function printDocument(
  db: Db,
  env: DocumentEnv,
  target: PrintTarget,
  out: Writable,
  actor: PrintActor,
  how: string,
): Promise<{ id: string; customerId: string; number: string }> {
  const doc = await renderDocument(db, env, target, out)
  auditPrint(db, actor, target.kind, doc.id, doc.customerId, how)
  return doc
}

export interface BatchSelection {
  kind: PrintKind
  /** Supply month (invoices) or the month a statement period ends (statements), 'YYYY-MM'. */
  month: string
  /** Only premises on this street (and city), e.g. a round of deliveries. */
  street?: string
  city?: string
}

/** Ids of the selection, in print order (by premise address so a street prints in house order). */
export function batchIds(db: Db, sel: BatchSelection): string[] {
  const table = sel.kind === 'invoice' ? 'invoices' : 'statements'
  const where = [`substr(d.period_end, 1, 7) = ?`]
  const params: unknown[] = [sel.month]
  if (sel.street) {
    where.push('p.street = ?')
    params.push(sel.street)
  }
  if (sel.city) {
    where.push('p.city = ?')
    params.push(sel.city)
  }
  const rows = db
    .prepare(
      `SELECT d.id FROM ${table} d JOIN premises p ON p.id = d.premise_id WHERE ${where.join(' AND ')}
       ORDER BY p.city, p.street, CAST(p.house AS INTEGER), p.house, CAST(p.apartment AS INTEGER), d.number`,
    )
    .all(...params) as Array<{ id: string }>
  return rows.map((r) => r.id)
}

export interface BatchOptions {
  /** 'files': one PDF per document in `outDir`; 'single': all of them in one PDF at `outFile`. */
  mode: 'files' | 'single'
  outDir?: string
  outFile?: string
  /** Permissions of the files written (0o600 for temp files). */
  fileMode?: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

/** Resolves when `out` wants more, or when it failed or closed (then nothing more will drain). */
const waitDrain = (out: Writable): Promise<void> =>
  out.writableNeedDrain && !out.destroyed
    ? new Promise((resolve) => {
        const done = (): void => {
          out.off('drain', done)
          out.off('error', done)
          out.off('close', done)
          resolve()
        }
        out.once('drain', done)
        out.once('error', done)
        out.once('close', done)
      })
    : Promise.resolve()

/** Drawing is synchronous: give other calls (a cancel, the next screen) a turn between documents. */
const yieldTurn = (): Promise<void> => new Promise((r) => setImmediate(r))

/**
 * Prints a selection one document at a time, each streamed straight to disk, so memory stays flat
 * whatever the batch size. Stops between documents when `signal` is aborted. Returns what was written.
 * Every file goes through a temporary file and appears only when complete (files/atomic.ts); a
 * combined PDF that was cancelled or failed is not left behind, and only what was written is audited.
 */
export async function printBatch(
  db: Db,
  env: DocumentEnv,
  sel: BatchSelection,
  opts: BatchOptions,
  actor: PrintActor,
): Promise<{ total: number; done: number; cancelled: boolean; files: string[] }> {
  const ids = batchIds(db, sel)
  const files: string[] = []
  const fileOptions = opts.fileMode === undefined ? {} : { mode: opts.fileMode }
  let done = 0
  if (opts.mode === 'files') {
    if (!opts.outDir) throw new Error('outDir is required for one file per document')
    for (const id of ids) {
      if (opts.signal?.aborted) break
      const target = { kind: sel.kind, id }
      const number = resolveDocument(db, target).number
      const file = join(opts.outDir, `${number}.pdf`)
      const doc = await writeOutput(file, (out) => renderDocument(db, env, target, out), fileOptions)
      auditPrint(db, actor, sel.kind, doc.id, doc.customerId, 'batch')
      files.push(file)
      done++
      opts.onProgress?.(done, ids.length)
      await yieldTurn()
    }
    return { total: ids.length, done, cancelled: done < ids.length, files }
  }
  if (!opts.outFile) throw new Error('outFile is required for one combined PDF')
  if (ids.length === 0) return { total: 0, done: 0, cancelled: false, files }
  const output = openOutput(opts.outFile, fileOptions)
  const out = output.stream
  const printed: { id: string; customerId: string }[] = []
  try {
    // One layout for the whole file; each document restarts it with its own running header.
    const pdf: { layout: PdfLayout | null } = { layout: null }
    const layoutFor = (chrome: ReturnType<typeof invoiceChrome>): PdfLayout => {
      if (pdf.layout) pdf.layout.restart(chrome)
      else
        pdf.layout = new PdfLayout({
          fonts: env.fonts,
          out,
          info: { Title: `${sel.kind} ${sel.month}` },
          ...chrome,
        })
      return pdf.layout
    }
    for (const id of ids) {
      if (opts.signal?.aborted) break
      // A failed write (no space left) ends the batch now rather than after drawing the rest.
      if (output.error) throw output.error
      if (sel.kind === 'invoice') {
        const inv = invoicePrintData(db, { id })!
        drawInvoice(layoutFor(invoiceChrome(inv, env)), inv, env)
      } else {
        const st = statementPrintData(db, { id })!
        drawStatement(layoutFor(statementChrome(st, env)), st)
      }
      printed.push({ id, customerId: resolveDocument(db, { kind: sel.kind, id }).customerId })
      done++
      opts.onProgress?.(done, ids.length)
      // Let the file catch up before drawing more, so pages never pile up in memory.
      await waitDrain(out)
      await yieldTurn()
    }
    if (done < ids.length) {
      // Cancelled: a partial combined PDF would pass for the whole selection.
      output.discard()
      return { total: ids.length, done, cancelled: true, files }
    }
    await pdf.layout!.finish()
    await output.commit()
  } catch (e) {
    output.discard()
    throw output.error ? toOutputError(opts.outFile, output.error) : e
  }
  db.transaction(() => {
    for (const p of printed) auditPrint(db, actor, sel.kind, p.id, p.customerId, 'batch')
  })()
  files.push(opts.outFile)
  return { total: ids.length, done, cancelled: false, files }
}
