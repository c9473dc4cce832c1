import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'

export class DataFolderLockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
  ) {
    super(`The data folder is in use by process ${pid} (${path}). Stop that central first.`)
    this.name = 'DataFolderLockedError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A pid file that keeps a second process off a PGlite data folder (PGlite has no multi-process locking:
 * two writers would corrupt it). A file left by a dead process is taken over.
 */
export function acquireLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(path, { force: true })
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid))
        throw new DataFolderLockedError(path, pid)
      if (pid === process.pid) throw new DataFolderLockedError(path, pid)
      rmSync(path, { force: true })
    }
  }
  throw new Error(`could not take the lock ${path}`)
}
