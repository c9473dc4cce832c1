import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { MAX_DOCUMENT_BYTES } from '../../backend/signatures/validate'
import { UsageError } from '../command'

/** Files a folder walk validates; anything else in a folder is counted as skipped. */
const SIGNED_TYPES = /\.(edoc|asice|sce|bdoc|asics|scs|ddoc|pdf|p7s|p7m|pkcs7)$/i
/** A folder tree bigger than this is a mistake (a home folder, a root), not a batch of documents. */
const MAX_FILES = 100_000

export interface Inputs {
  files: string[]
  /** Files inside walked folders that are not of a signed-document type. */
  skipped: number
  /** Whether any argument was a folder (the output is then one line per file). */
  walked: boolean
}

/** The named files in order; a folder contributes its signed-document files, sorted, recursively. */
export function collectInputs(paths: string[]): Inputs {
  const out: Inputs = { files: [], skipped: 0, walked: false }
  for (const p of paths) {
    let isDir = false
    try {
      isDir = statSync(p).isDirectory()
    } catch {
      // Missing or unreadable: reported per file when it is read.
    }
    if (!isDir) out.files.push(p)
    else {
      out.walked = true
      walk(p, out)
    }
  }
  return out
}

function walk(dir: string, out: Inputs): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    throw new UsageError(`cannot read folder ${dir}`)
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    const path = join(dir, e.name)
    // Symbolic links to folders are not followed (no loops); links to files are read like files.
    if (e.isDirectory()) walk(path, out)
    else if (!SIGNED_TYPES.test(e.name)) out.skipped++
    else out.files.push(path)
    if (out.files.length > MAX_FILES) throw new UsageError(`more than ${MAX_FILES} files under ${dir}`)
  }
}

/**
 * The bytes of one document: only a regular file (a FIFO would block, /dev/zero never ends), at most
 * the validator's size limit, read through one descriptor so the checks and the read see the same file.
 */
export function readDocument(file: string): Buffer {
  let fd: number
  try {
    // Non-blocking, so opening a FIFO returns at once (and is then refused) instead of waiting for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch {
    throw new UsageError(`cannot read ${file}`)
  }
  try {
    const st = fstatSync(fd)
    if (st.isDirectory()) throw new UsageError(`${file} is a folder`)
    if (!st.isFile()) throw new UsageError(`${file} is not a regular file`)
    if (st.size > MAX_DOCUMENT_BYTES)
      throw new UsageError(`${file} is larger than ${MAX_DOCUMENT_BYTES} bytes`)
    const bytes = Buffer.allocUnsafe(st.size)
    let at = 0
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at)
      if (n === 0) break
      at += n
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at)
  } finally {
    closeSync(fd)
  }
}
