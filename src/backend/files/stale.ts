import { lstatSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** Whether a process with this id runs (ours counts; one of another user's counts too). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes entries of `dir` that `ownerPid` (parsed from the name) says were left by a process that no
 * longer runs: temp files and folders a crash left behind. Entries of a live process and of other
 * users stay; entries without a process id (older versions named none) go once they are an hour old,
 * so one still in use by an older GasDesk is not pulled away. Returns the paths removed.
 */
export function removeOrphans(
  dir: string,
  ownerPid: (name: string) => number | null,
  /** Entries that name no process (0) are removed only when untouched for this long. */
  unownedAfterMs = 60 * 60_000,
): string[] {
  const removed: string[] = []
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return removed
  }
  const uid = process.getuid?.()
  for (const name of names) {
    const pid = ownerPid(name)
    if (pid === null) continue
    const path = join(dir, name)
    try {
      const st = lstatSync(path)
      if (uid !== undefined && st.uid !== uid) continue
      if (pid > 0 && isAlive(pid)) continue
      if (pid <= 0 && Date.now() - st.mtimeMs < unownedAfterMs) continue
      rmSync(path, { recursive: true, force: true })
      removed.push(path)
    } catch {
      // Gone meanwhile or not ours to remove: leave it.
    }
  }
  return removed
}
