import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { DbUnavailableError, isSqliteError } from '../db/errors'
import { openDatabase } from '../db/open'
import { classifyOpenError } from '../db/path'
import { removeOrphans } from '../files/stale'
import { seedDatabase, type SeedReport } from './index'
import type { SeedOptions, SeedStep } from './context'

const SIDECARS = ['-wal', '-shm', '-journal']

/** `gasdesk.sqlite.seeding-<pid>-<random>`: a seed in progress (or left by a killed one). */
const tempName = (target: string): string =>
  `${target}.seeding-${process.pid}-${randomBytes(4).toString('hex')}`

/**
 * Creates a new demo database at `target` so that a crash at any moment leaves either no file or the
 * complete one: it is seeded under a temporary name beside the target (fast, unjournalled loading is
 * only safe there) and renamed into place once everything is written and synced. A target that exists
 * with content is refused (`exists`); a 0-byte one is replaced.
 */
export async function seedNewDatabase(
  target: string,
  options: SeedOptions,
  steps?: readonly SeedStep[],
): Promise<SeedReport> {
  try {
    const st = statSync(target)
    if (st.isDirectory()) throw new DbUnavailableError(target, 'folder')
    if (!st.isFile()) throw new DbUnavailableError(target, 'notFile')
    if (st.size > 0) throw new DbUnavailableError(target, 'exists')
  } catch (e) {
    if (e instanceof DbUnavailableError) throw e
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw classifyOpenError(target, e)
  }
  removeStaleSeedFiles(target)
  const temp = tempName(target)
  try {
    const db = openDatabase(temp, { create: true })
    let report: SeedReport
    try {
      report = await seedDatabase(db, options, steps)
      db.pragma('wal_checkpoint(TRUNCATE)')
    } finally {
      db.close()
    }
    const fd = openSync(temp, 'r+')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, target)
    return report
  } catch (e) {
    // Reported against the file the caller named, not the temporary one.
    if (e instanceof DbUnavailableError)
      throw new DbUnavailableError(target, e.problem, e.details?.cause as string)
    throw isSqliteError(e) ? classifyOpenError(target, e) : e
  } finally {
    for (const f of [temp, ...SIDECARS.map((s) => temp + s)]) rmSync(f, { force: true })
  }
}

/** Removes what seeds killed half-way left beside `target` (their process no longer runs). */
export function removeStaleSeedFiles(target: string): string[] {
  const prefix = `${basename(target)}.seeding-`
  return removeOrphans(dirname(target), (name) => {
    if (!name.startsWith(prefix)) return null
    return Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1] ?? 0)
  })
}
