import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { MemoryTrustStore, type TrustService } from '../pki/trust'
import { buildTrustStore, type ListFile, type ListStatus, type LoadedTrust } from './store'

/**
 * Trusted lists are parsed and their XML signatures verified once; the outcome (the services of the
 * verified lists and each list's status) is kept as compact JSON keyed by the SHA-256 of every input
 * file. Changing, adding or removing a list changes the key, so a stale entry is never read. An entry
 * carries the digest of its own body: a damaged or edited entry is ignored and rebuilt from the XML.
 * (The digest catches damage and casual edits, not someone who can write the user's own folder — they
 * could replace the lists themselves.) The cache is an optimisation: any failure to read or write it
 * only means the lists are verified again.
 */
const FORMAT = 'gasdesk-trust-cache/1'

interface CompactService extends Omit<TrustService, 'certificates'> {
  certificates: string[]
}
interface CompactTrust {
  lists: ListStatus[]
  services: CompactService[]
}
interface Entry {
  format: string
  key: string
  digest: string
  body: CompactTrust
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

/** Entries kept per folder: the current set and a few before it (an import or an upgrade adds one). */
const KEEP = 8

/**
 * The cache key: the format and every file's base name, source and content hash (not its folder, so a
 * copy of the same lists elsewhere is the same entry).
 */
export function cacheKey(files: ListFile[]): string {
  const parts = files
    .map((f) => `${f.source ?? 'shipped'}:${basename(f.name)}:${sha256(f.bytes)}`)
    .sort()
    .join('\n')
  return sha256(`${FORMAT}\n${parts}`)
}

function toCompact(loaded: LoadedTrust): CompactTrust {
  return {
    lists: loaded.lists,
    services: loaded.store.services.map((s) => ({
      ...s,
      certificates: s.certificates.map((c) => c.toString('base64')),
    })),
  }
}

function fromCompact(c: CompactTrust, testAnchors: Buffer[], files: ListFile[]): LoadedTrust {
  // The entry may have been written for the same lists in another folder: report this folder's paths.
  const here = new Map(files.map((f) => [`${f.source ?? 'shipped'}:${basename(f.name)}`, f.name]))
  const lists = c.lists.map((l) => ({ ...l, file: here.get(`${l.source}:${basename(l.file)}`) ?? l.file }))
  const services: TrustService[] = c.services.map((s) => ({
    ...s,
    certificates: s.certificates.map((b) => Buffer.from(b, 'base64')),
  }))
  return { store: new MemoryTrustStore(services, testAnchors), lists }
}

/** A per-user folder in the temp directory, used when the workstation has no trust folder yet. */
export function defaultCacheDir(): string {
  const user = typeof process.getuid === 'function' ? String(process.getuid()) : 'user'
  return join(tmpdir(), `gasdesk-trust-cache-${user}`)
}

/** Only a folder of our own that nobody else can write is trusted to hold verified results. */
function usableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    const st = statSync(dir)
    if (!st.isDirectory()) return false
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return false
    return process.platform === 'win32' || (st.mode & 0o022) === 0
  } catch {
    return false
  }
}

function readEntry(file: string, key: string): CompactTrust | null {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Entry
    if (entry.format !== FORMAT || entry.key !== key) return null
    if (sha256(JSON.stringify(entry.body)) !== entry.digest) return null
    if (!Array.isArray(entry.body.lists) || !Array.isArray(entry.body.services)) return null
    return entry.body
  } catch {
    return null
  }
}

function writeEntry(file: string, key: string, body: CompactTrust): void {
  const entry: Entry = { format: FORMAT, key, digest: sha256(JSON.stringify(body)), body }
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  try {
    writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 })
    renameSync(temp, file)
  } catch {
    rmSync(temp, { force: true })
  }
  prune(file)
}

/** Drops all but the KEEP most recently written entries beside `file`. */
function prune(file: string): void {
  const dir = join(file, '..')
  try {
    const entries = readdirSync(dir)
      .filter((f) => /^[0-9a-f]{64}\.json$/.test(f))
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at)
    for (const e of entries.slice(KEEP)) rmSync(join(dir, e.f), { force: true })
  } catch {
    // Another process pruned at the same time: nothing to do.
  }
}

export interface CachedLoad extends LoadedTrust {
  /** 'memory' and 'disk' are cache hits; 'built' means the XML was parsed and verified now. */
  from: 'memory' | 'disk' | 'built'
}

const memory = new Map<string, CompactTrust>()

/**
 * The trust store for these list files: from this process's memory, else the cache folder, else built
 * from the XML (and then written to the cache). Test anchors are never cached: they are added on top.
 */
export function loadTrustCached(
  files: ListFile[],
  testAnchors: Buffer[] = [],
  cacheDir: string = defaultCacheDir(),
): CachedLoad {
  const key = cacheKey(files)
  const hot = memory.get(key)
  if (hot) return { ...fromCompact(hot, testAnchors, files), from: 'memory' }
  const dirOk = usableDir(cacheDir)
  const file = join(cacheDir, `${key}.json`)
  const stored = dirOk ? readEntry(file, key) : null
  if (stored) {
    memory.set(key, stored)
    return { ...fromCompact(stored, testAnchors, files), from: 'disk' }
  }
  const built = toCompact(buildTrustStore(files))
  memory.set(key, built)
  if (dirOk) writeEntry(file, key, built)
  return { ...fromCompact(built, testAnchors, files), from: 'built' }
}

/** Forgets what this process holds in memory (tests, and after an import in the same process). */
export function forgetMemoryCache(): void {
  memory.clear()
}
