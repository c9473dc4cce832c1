import { randomUUID } from 'node:crypto'
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ApiError } from '../../../contract/errors'
import { removeOrphans } from '../../files/stale'
import { message, type DocLanguage } from '../../documents/labels'
import type { BatchProgress } from '../../../contract/methods/billing'
import type { BackendContext } from '../../context'
import { batchIds, documentEnv, printBatch, type BatchSelection, type PrintActor } from './print'

export type BatchDestination = 'download' | 'file' | 'folder'

interface Job {
  id: string
  sessionKey: string
  destination: BatchDestination
  filename: string
  /** The combined PDF ('download', 'file') or the folder ('folder'). */
  target: string
  state: BatchProgress['state']
  done: number
  total: number
  abort: AbortController
  finishedAt: number
}

/** A finished download is kept this long for the renderer to fetch, then its temp file goes. */
const KEEP_MS = 60 * 60 * 1000
/** Slice of a combined PDF per `billing.batchRead` (base64 in a JSON envelope: ~1.4 MB). */
export const READ_SLICE = 1024 * 1024

const notFound = (jobId: string) =>
  new ApiError('NOT_FOUND', 'errors.NOT_FOUND', { what: 'batch', id: jobId })

/** The batch's file name in the agent's language: `rēķini-2026-11-Brīvības_iela.pdf`, `счета-2026-11.pdf`. */
export function batchFilename(sel: BatchSelection, language: DocLanguage): string {
  const street = sel.street ? `-${sel.street.replace(/[^\p{L}\p{N}]+/gu, '_')}` : ''
  return `${message(language, `invoices.batch.fileName.${sel.kind}`)}-${sel.month}${street}.pdf`
}

/**
 * Background batch print jobs of one backend. Each job belongs to the session that started it: only
 * that session gets its progress events and may cancel or read it. Documents are streamed to disk
 * one at a time (printBatch), so memory does not grow with the batch.
 */
export class BatchJobs {
  private jobs = new Map<string, Job>()

  async start(
    ctx: BackendContext,
    sessionKey: string,
    actor: PrintActor,
    sel: BatchSelection,
    destination: BatchDestination,
    language: DocLanguage,
  ): Promise<{ jobId: string | null; total: number }> {
    this.sweep(ctx.clock.now())
    const total = batchIds(ctx.db, sel).length
    if (total === 0) return { jobId: null, total }
    const filename = batchFilename(sel, language)
    let target: string | null
    if (destination === 'download') {
      target = join(newBatchDir(), filename)
    } else {
      if (!ctx.desktop) throw new ApiError('UNAVAILABLE', 'invoices.error.desktopOnly')
      target =
        destination === 'file' ? await ctx.desktop.chooseSaveFile(filename) : await ctx.desktop.chooseFolder()
    }
    if (!target) return { jobId: null, total }
    const job: Job = {
      id: randomUUID(),
      sessionKey,
      destination,
      filename,
      target,
      state: 'running',
      done: 0,
      total,
      abort: new AbortController(),
      finishedAt: 0,
    }
    this.jobs.set(job.id, job)
    this.emit(ctx, job)
    void this.run(ctx, job, sel, actor)
    return { jobId: job.id, total }
  }

  private async run(ctx: BackendContext, job: Job, sel: BatchSelection, actor: PrintActor): Promise<void> {
    // About a hundred progress events whatever the size: enough for a smooth bar, cheap over SSE/IPC.
    const step = Math.max(1, Math.floor(job.total / 100))
    try {
      const r = await printBatch(
        ctx.db,
        documentEnv(ctx.db, ctx.resourcesDir),
        sel,
        {
          mode: job.destination === 'folder' ? 'files' : 'single',
          ...(job.destination === 'folder' ? { outDir: job.target } : { outFile: job.target }),
          // Temp downloads hold customers' data in a shared folder: owner-only.
          ...(job.destination === 'download' ? { fileMode: 0o600 } : {}),
          signal: job.abort.signal,
          onProgress: (done) => {
            job.done = done
            if (done % step === 0 && done < job.total) this.emit(ctx, job)
          },
        },
        actor,
      )
      job.state = r.cancelled ? 'cancelled' : 'done'
      job.total = r.total
    } catch (e) {
      job.state = 'failed'
      if (!ctx.storage?.noteError(e)) console.error(`[gasdesk] batch ${job.id} failed`, e)
    }
    job.finishedAt = ctx.clock.now()
    // A partial combined PDF would pass for the whole selection: remove it. One-file-each keeps the
    // complete files already written.
    if (job.state !== 'done' && job.destination !== 'folder') this.removeOutput(job)
    if (job.state !== 'done' || job.destination !== 'download') this.jobs.delete(job.id)
    this.emit(ctx, job)
  }

  cancel(sessionKey: string, jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job || job.sessionKey !== sessionKey) throw notFound(jobId)
    if (job.state !== 'running') return false
    job.abort.abort()
    return true
  }

  /** One slice of a finished download; the temp file is removed after the last slice. */
  read(
    sessionKey: string,
    jobId: string,
    offset: number,
  ): { filename: string; size: number; base64: string; nextOffset: number | null } {
    const job = this.jobs.get(jobId)
    if (!job || job.sessionKey !== sessionKey || job.destination !== 'download' || job.state !== 'done')
      throw notFound(jobId)
    const size = statSync(job.target).size
    const length = Math.max(0, Math.min(READ_SLICE, size - offset))
    const buf = Buffer.alloc(length)
    const fd = openSync(job.target, 'r')
    try {
      readSync(fd, buf, 0, length, offset)
    } finally {
      closeSync(fd)
    }
    const end = offset + length
    const last = end >= size
    if (last) {
      this.removeOutput(job)
      this.jobs.delete(job.id)
    }
    return { filename: job.filename, size, base64: buf.toString('base64'), nextOffset: last ? null : end }
  }

  /**
   * Stops running jobs and removes every temp download, fetched or not, finished or still being written
   * (backend shutdown). A running job then fails on its own; its temp folder is already gone.
   */
  closeAll(): void {
    for (const job of this.jobs.values()) {
      job.abort.abort()
      if (job.destination === 'download') this.removeOutput(job)
    }
    this.jobs.clear()
  }

  private sweep(now: number): void {
    for (const job of this.jobs.values()) {
      if (job.state === 'done' && now - job.finishedAt > KEEP_MS) {
        this.removeOutput(job)
        this.jobs.delete(job.id)
      }
    }
  }

  private removeOutput(job: Job): void {
    rmSync(job.destination === 'download' ? dirname(job.target) : job.target, {
      recursive: true,
      force: true,
    })
  }

  private emit(ctx: BackendContext, job: Job): void {
    const { id: jobId, done, total, state } = job
    ctx.events.emit('billing.batch', { jobId, done, total, state }, job.sessionKey)
  }
}

const BATCH_PREFIX = 'gasdesk-batch-'

/** A private temp folder (0700) for one download, named after this process so a later start knows whose it is. */
function newBatchDir(): string {
  return mkdtempSync(join(tmpdir(), `${BATCH_PREFIX}${process.pid}-`))
}

/**
 * Removes batch temp folders that no running GasDesk owns: left by a crash, or by versions that did not
 * clean up (no process id in the name). Folders of a live process (another shell on this machine) and
 * of other users stay.
 */
export function removeStaleBatchDirs(dir: string = tmpdir()): string[] {
  return removeOrphans(dir, (name) => {
    if (!name.startsWith(BATCH_PREFIX)) return null
    return Number(/^gasdesk-batch-(\d+)-/.exec(name)?.[1] ?? 0)
  })
}
