import { randomBytes } from 'node:crypto'
import { closeSync, createWriteStream, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Writable } from 'node:stream'

/** Why an output file could not be written; the target is left exactly as it was. */
export type OutputProblem = 'folder' | 'notFolder' | 'missingFolder' | 'noSpace' | 'denied' | 'io'

export class OutputError extends Error {
  constructor(
    readonly target: string,
    readonly problem: OutputProblem,
    readonly cause?: unknown,
  ) {
    super(`${target}: ${describe(problem, cause)}`)
    this.name = 'OutputError'
  }
}

export interface Output {
  /** Where to write. Errors are caught and reported by `commit`; they never go unhandled. */
  readonly stream: Writable
  /** The first write error so far, so long loops can stop early. */
  readonly error: Error | null
  /** Waits until everything is on disk, then puts the file in place of the target. */
  commit(): Promise<void>
  /** Throws away what was written; the target stays as it was. */
  discard(): void
}

export interface OutputOptions {
  /** Permissions of a new file (default 0o666 less the umask; 0o600 for temp files with personal data). */
  mode?: number
}

/**
 * Opens an output file the safe way: everything is written to a temporary file beside the target and
 * renamed over it only when complete, so a failed look-up, a full disk or a crash never leaves a
 * truncated or half-written target (a mistyped `--out` used to empty whatever file it named).
 * An existing device or pipe (/dev/stdout, a FIFO) is written directly: it cannot be replaced.
 * A folder is refused. Problems opening the file are thrown at once, before anything is rendered.
 */
export function openOutput(target: string, options: OutputOptions = {}): Output {
  const mode = options.mode ?? 0o666
  let direct = false
  try {
    const st = statSync(target)
    if (st.isDirectory()) throw new OutputError(target, 'folder')
    direct = !st.isFile()
  } catch (e) {
    if (e instanceof OutputError) throw e
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw toOutputError(target, e)
  }
  const temp = direct
    ? target
    : join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  let fd: number
  try {
    fd = openSync(temp, direct ? 'w' : 'wx', mode)
  } catch (e) {
    throw toOutputError(target, e)
  }
  const stream = createWriteStream('', { fd, autoClose: false })
  let error: Error | null = null
  let closed = false
  stream.on('error', (e) => {
    error ??= e
  })
  const closeFd = (): void => {
    if (closed) return
    closed = true
    closeSync(fd)
  }
  const discard = (): void => {
    stream.destroy()
    try {
      closeFd()
    } catch {
      // Already failing; the temp file goes below either way.
    }
    if (!direct) rmSync(temp, { force: true })
  }
  return {
    stream,
    get error() {
      return error
    },
    async commit() {
      try {
        if (!error && !stream.writableFinished) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              stream.off('finish', done)
              stream.off('error', done)
              resolve()
            }
            stream.once('finish', done)
            stream.once('error', done)
            if (!stream.writableEnded) stream.end()
          })
        }
        if (error) throw error
        if (!direct) fsyncSync(fd)
        closeFd()
        if (!direct) renameSync(temp, target)
      } catch (e) {
        discard()
        throw toOutputError(target, e)
      }
    },
    discard,
  }
}

/** Runs `write` against a fresh output for `target` and commits it; on any failure nothing is left. */
export async function writeOutput<T>(
  target: string,
  write: (out: Writable) => Promise<T>,
  options: OutputOptions = {},
): Promise<T> {
  const output = openOutput(target, options)
  let result: T
  try {
    result = await write(output.stream)
  } catch (e) {
    output.discard()
    // A stream failure (no space) is the more useful report than what the writer saw after it.
    throw output.error ? toOutputError(target, output.error) : e
  }
  await output.commit()
  return result
}

/** Writes bytes already in memory to `target` the same safe way. */
export function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: OutputOptions = {},
): Promise<void> {
  return writeOutput(
    target,
    (out) =>
      new Promise<void>((resolve, reject) => {
        out.once('error', reject)
        out.end(data, () => resolve())
      }),
    options,
  )
}

const PROBLEMS: Record<string, OutputProblem> = {
  ENOSPC: 'noSpace',
  EDQUOT: 'noSpace',
  EISDIR: 'folder',
  EEXIST: 'notFolder',
  ENOENT: 'missingFolder',
  ENOTDIR: 'missingFolder',
  EACCES: 'denied',
  EPERM: 'denied',
  EROFS: 'denied',
}

/** Names why writing `target` failed (no space, a folder, no permission...). */
export function toOutputError(target: string, e: unknown): OutputError {
  if (e instanceof OutputError) return e
  const code = (e as NodeJS.ErrnoException)?.code ?? ''
  const problem: OutputProblem = PROBLEMS[code] ?? 'io'
  return new OutputError(target, problem, e)
}

function describe(problem: OutputProblem, cause: unknown): string {
  switch (problem) {
    case 'folder':
      return 'is a folder, not a file'
    case 'notFolder':
      return 'is a file, not a folder'
    case 'missingFolder':
      return 'its folder does not exist'
    case 'noSpace':
      return 'no space left on the disk; nothing was written'
    case 'denied':
      return 'no permission to write there (read-only folder or file)'
    default:
      return `could not be written (${(cause as Error)?.message ?? String(cause)})`
  }
}
