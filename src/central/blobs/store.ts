import { createHash } from 'node:crypto'
import { createReadStream, mkdirSync, openSync, closeSync, fsyncSync } from 'node:fs'
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { BLOB_CHUNK_BYTES, MAX_BLOB_BYTES } from '../../contract/sync'
import type { Sql } from '../db/sql'
import { SyncHttpError } from '../sync/http-error'

export interface BlobState {
  offset: number
  length: number | null
  complete: boolean
}

export class HashMismatchError extends Error {
  constructor() {
    super('the bytes do not hash to the blob name')
    this.name = 'HashMismatchError'
  }
}

const exists = async (p: string) => (await stat(p).catch(() => null)) !== null

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Blob bytes in files under `dir` (shared by every instance on one database): `partial/<sha>` grows by
 * PATCHes, fsynced every 1 MiB, so its size is the upload offset even after a crash; at the declared length
 * the bytes are hashed and, if they match the name, moved to `complete/<sha>` and recorded in `blobs`.
 */
export class BlobStore {
  private readonly partial: string
  private readonly complete: string
  private readonly busy = new Map<string, Promise<unknown>>()

  constructor(
    private readonly sql: Sql,
    dir: string,
  ) {
    this.partial = join(dir, 'partial')
    this.complete = join(dir, 'complete')
    mkdirSync(this.partial, { recursive: true })
    mkdirSync(this.complete, { recursive: true })
  }

  completePath(sha: string): string {
    return join(this.complete, sha)
  }

  async state(sha: string): Promise<BlobState | null> {
    const done = await stat(this.completePath(sha)).catch(() => null)
    if (done) return { offset: done.size, length: done.size, complete: true }
    const part = await stat(join(this.partial, sha)).catch(() => null)
    const length = await this.declaredLength(sha)
    if (!part && length === null) return null
    return { offset: part?.size ?? 0, length, complete: false }
  }

  private async declaredLength(sha: string): Promise<number | null> {
    const s = await readFile(join(this.partial, `${sha}.length`), 'utf8').catch(() => null)
    return s === null ? null : Number(s)
  }

  /** One PATCH at a time per blob on this instance (a second waits, then finds the new offset). */
  private exclusive<T>(sha: string, job: () => Promise<T>): Promise<T> {
    const prev = this.busy.get(sha) ?? Promise.resolve()
    const run = prev.then(job, job)
    const tail = run.catch(() => undefined)
    this.busy.set(sha, tail)
    void tail.then(() => {
      if (this.busy.get(sha) === tail) this.busy.delete(sha)
    })
    return run
  }

  /** Appends `body` at `offset` (tus PATCH). Returns the new state; throws SyncHttpError or HashMismatchError. */
  append(sha: string, offset: number, length: number | null, body: Readable): Promise<BlobState> {
    return this.exclusive(sha, async () => {
      const before = await this.state(sha)
      if (before?.complete) {
        body.resume()
        await this.record(sha, before.offset)
        return before
      }
      const current = before?.offset ?? 0
      if (offset !== current) {
        body.resume()
        throw new SyncHttpError('upload-offset', { offset: current })
      }
      const declared = before?.length ?? length
      if (declared === null) {
        body.resume()
        throw new SyncHttpError('invalid-request', {
          issues: [{ path: 'upload-length', message: 'needed on the first PATCH' }],
        })
      }
      if (length !== null && before?.length != null && length !== before.length) {
        body.resume()
        throw new SyncHttpError('invalid-request', {
          issues: [{ path: 'upload-length', message: 'differs from the first PATCH' }],
        })
      }
      if (declared > MAX_BLOB_BYTES || declared < 1) {
        body.resume()
        throw new SyncHttpError('too-large', { limitBytes: MAX_BLOB_BYTES })
      }
      if (before?.length == null) await writeFile(join(this.partial, `${sha}.length`), String(declared))
      const path = join(this.partial, sha)
      const fh = await open(path, 'a')
      let size = current
      let unsynced = 0
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          if (size + chunk.length > declared) throw new SyncHttpError('too-large', { limitBytes: declared })
          await fh.write(chunk)
          size += chunk.length
          unsynced += chunk.length
          if (unsynced >= BLOB_CHUNK_BYTES) {
            await fh.sync()
            unsynced = 0
          }
        }
      } finally {
        // Whatever arrived before a dropped connection stays (and is made durable): the desk resumes there.
        await fh.sync().catch(() => undefined)
        await fh.close()
      }
      if (size < declared) return { offset: size, length: declared, complete: false }
      return this.finish(sha, path, declared)
    })
  }

  private async finish(sha: string, path: string, size: number): Promise<BlobState> {
    const hash = createHash('sha256')
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
    if (hash.digest('hex') !== sha) {
      await rm(path, { force: true })
      await rm(join(this.partial, `${sha}.length`), { force: true })
      throw new HashMismatchError()
    }
    await rename(path, this.completePath(sha))
    fsyncDir(this.complete)
    await rm(join(this.partial, `${sha}.length`), { force: true })
    await this.record(sha, size)
    return { offset: size, length: size, complete: true }
  }

  /** Makes a complete file visible to the apply transaction (again, after a crash between rename and insert). */
  async record(sha: string, size: number): Promise<void> {
    await this.sql.query('INSERT INTO blobs (sha256, size_bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      sha,
      size,
    ])
  }

  /** A complete blob's bytes, or a range of them (inclusive end). */
  async read(sha: string, range?: { start: number; end: number }): Promise<Readable | null> {
    if (!(await exists(this.completePath(sha)))) return null
    return createReadStream(
      this.completePath(sha),
      range ? { start: range.start, end: range.end } : undefined,
    )
  }
}
