import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { DbCorruptError, DbUnavailableError, isCorruptionCode, isDiskFullCode, sqliteCode } from './errors'

/** Below this much free space a failing write is put down to a full disk. */
export const LOW_SPACE_BYTES = 256 * 1024

/** Free bytes for this process on the file system holding `path`; null when it cannot be asked. */
export function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(path)
    return s.bavail * s.bsize
  } catch {
    return null
  }
}

export function isDiskFull(path: string): boolean {
  const free = freeBytes(path)
  return free !== null && free < LOW_SPACE_BYTES
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/**
 * What can be said about the path before anything opens it: a folder or a device is never a database,
 * and where the caller may not create one, a missing or 0-byte file is refused.
 */
export function checkPath(file: string, create: boolean): void {
  if (file === ':memory:') return
  let st
  try {
    st = statSync(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new DbUnavailableError(file, 'cannotOpen', errno(e))
    if (!create) throw new DbUnavailableError(file, 'missing')
    return
  }
  if (st.isDirectory()) throw new DbUnavailableError(file, 'folder')
  if (!st.isFile()) throw new DbUnavailableError(file, 'notFile')
  if (st.size === 0 && !create) throw new DbUnavailableError(file, 'empty')
}

/**
 * Names the reason SQLite could not open or set up a file: a full disk and a read-only file or folder
 * are said as such (they used to be reported as a damaged database), damage as damage.
 */
export function classifyOpenError(file: string, e: unknown): Error {
  if (e instanceof DbUnavailableError || e instanceof DbCorruptError) return e
  const code = sqliteCode(e)
  if (isCorruptionCode(code)) return new DbCorruptError(file, code!)
  const dir = dirname(file)
  const cause = code ?? errno(e)
  if (!existsSync(dir)) return new DbUnavailableError(file, 'missing', 'folder')
  if (isDiskFullCode(code) || isDiskFull(dir)) return new DbUnavailableError(file, 'diskFull', cause)
  if (!writable(dir) || (existsSync(file) && !writable(file)) || code?.startsWith('SQLITE_READONLY'))
    return new DbUnavailableError(file, 'readOnly', cause)
  return new DbUnavailableError(file, 'cannotOpen', cause)
}

function errno(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e).slice(0, 120)
}
