import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { defaultCacheDir, loadTrustCached, type CachedLoad } from './cache'
import { readListFiles, type ListFile } from './store'

/**
 * The workstation's trust store: trusted lists installed after the application was shipped (by
 * `gasdesk trust import` now, by the central's reference dataset later). Layout under the trust folder
 * (`<user data>/trust`, beside the database):
 *
 *   CURRENT        the name of the generation in use (replaced by rename: the switch is atomic)
 *   gen-<time>-<r>/ one complete set of installed list files
 *   cache/         verified compact forms (cache.ts)
 *
 * An import writes a whole new generation, syncs it, then renames a new CURRENT over the old one, so a
 * reader sees either the old set or the new one, never a mix; generations before the previous one are removed afterwards.
 */
const CURRENT = 'CURRENT'
const GEN = /^gen-[0-9a-z-]+$/

/** The generation folder in use, or null when nothing was ever installed. */
export function currentGeneration(home: string): string | null {
  try {
    const name = readFileSync(join(home, CURRENT), 'utf8').trim()
    return GEN.test(name) && existsSync(join(home, name)) ? join(home, name) : null
  } catch {
    return null
  }
}

/** The installed list files (source 'installed'); none when the store is empty or missing. */
export function installedListFiles(home: string | null | undefined): ListFile[] {
  const gen = home ? currentGeneration(home) : null
  if (!gen) return []
  try {
    return readListFiles(gen, 'installed')
  } catch {
    return []
  }
}

/** Shipped snapshots plus installed lists, verified top-down, through the cache. */
export function loadWorkstationTrust(o: {
  shippedDir: string
  home?: string | null
  testAnchors?: Buffer[]
}): CachedLoad {
  const shipped = existsSync(o.shippedDir) ? readListFiles(o.shippedDir) : []
  const installed = installedListFiles(o.home)
  // The cache lives in the trust folder once it exists; before the first import, in the temp folder.
  const cacheDir = o.home && existsSync(o.home) ? join(o.home, 'cache') : defaultCacheDir()
  return loadTrustCached([...shipped, ...installed], o.testAnchors ?? [], cacheDir)
}

function writeSynced(file: string, data: Buffer | string): void {
  writeFileSync(file, data, { mode: 0o644 })
  const fd = openSync(file, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Makes `files` (name → bytes) the installed set: a new generation, then CURRENT renamed over. Returns the
 * new generation folder. Generations older than the
 * previous one are removed once the switch is made (best effort).
 */
export function installGeneration(home: string, files: { name: string; bytes: Buffer }[]): string {
  mkdirSync(home, { recursive: true })
  // The generation a reader may be reading right now is kept until the next import.
  const previous = currentGeneration(home)
  const name = `gen-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
  const dir = join(home, name)
  mkdirSync(dir)
  try {
    for (const f of files) writeSynced(join(dir, f.name), f.bytes)
    const temp = join(home, `${CURRENT}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
    writeSynced(temp, `${name}\n`)
    renameSync(temp, join(home, CURRENT))
  } catch (e) {
    rmSync(dir, { recursive: true, force: true })
    throw e
  }
  for (const old of readdirSync(home)) {
    if (GEN.test(old) && old !== name && join(home, old) !== previous)
      rmSync(join(home, old), { recursive: true, force: true })
    if (old.startsWith(`${CURRENT}.`) && old.endsWith('.tmp')) rmSync(join(home, old), { force: true })
  }
  return dir
}
