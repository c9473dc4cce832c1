import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openDatabase } from '../../src/backend/db/open'
import { GENERATOR_VERSION, seedDatabase, seedSteps, type SeedOptions } from '../../src/backend/seed'

export interface TemplateOptions extends SeedOptions {
  /** Only these seed steps (by name), in the seeder's order; all when omitted. */
  steps?: string[]
}

const memo = new Map<string, string>()

/**
 * A seeded database built once per option set and kept in the temp folder (keyed by the options, the
 * generator version and the migrations), so test files share one seed instead of seeding per test.
 * Never open the template itself: take a private copy with `copyOfTemplate`.
 */
export async function seededTemplate(options: TemplateOptions): Promise<string> {
  const key = createHash('sha256')
    .update(JSON.stringify({ options, v: GENERATOR_VERSION, src: sourceStamp() }))
    .digest('hex')
    .slice(0, 16)
  const hit = memo.get(key)
  if (hit) return hit
  const dir = join(tmpdir(), 'gasdesk-test-templates')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, `${key}.sqlite`)
  if (!existsSync(file)) {
    // Built under a private name and renamed: parallel test files never see a half-seeded template.
    const building = `${file}.${process.pid}.${Date.now()}.tmp`
    const db = openDatabase(building)
    const steps = options.steps ? seedSteps.filter((s) => options.steps!.includes(s.name)) : seedSteps
    const { steps: _names, ...seedOptions } = options
    await seedDatabase(db, seedOptions, steps)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.pragma('journal_mode = DELETE')
    db.close()
    for (const s of ['-wal', '-shm']) rmSync(building + s, { force: true })
    renameSync(building, file)
  }
  memo.set(key, file)
  return file
}

/** A private copy of a template database at `target` (a fresh file each call). */
export async function copyOfTemplate(options: TemplateOptions, target: string): Promise<string> {
  copyFileSync(await seededTemplate(options), target)
  return target
}

const built = new Map<string, Promise<string>>()
let builtDir: string | undefined

/**
 * A database file that `build` makes once per test file (one process), for fixtures whose setup —
 * migrations, scrypt-hashed demo agents — costs more than the tests that use it. Each test then takes a
 * private copy with `copyOfBuilt`, so no test sees another's writes. `build` gets the path to create; the
 * file is checkpointed into one file afterwards.
 */
export function builtOnce(key: string, build: (file: string) => Promise<void>): Promise<string> {
  let hit = built.get(key)
  if (!hit) {
    if (!builtDir) {
      const dir = mkdtempSync(join(tmpdir(), 'gasdesk-test-built-'))
      builtDir = dir
      process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
    }
    const file = join(builtDir, `${key}.sqlite`)
    hit = build(file).then(() => {
      const db = openDatabase(file)
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.pragma('journal_mode = DELETE')
      db.close()
      for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true })
      return file
    })
    built.set(key, hit)
  }
  return hit
}

/** A private copy at `target` of a file `builtOnce` made. */
export async function copyOfBuilt(template: Promise<string>, target: string): Promise<string> {
  copyFileSync(await template, target)
  return target
}

let stamp: string | undefined
/** A hash of the code a seeded file depends on, so a changed seeder or migration never reuses a stale template. */
function sourceStamp(): string {
  if (stamp) return stamp
  const hash = createHash('sha256')
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) hash.update(path).update(readFileSync(path))
    }
  }
  const src = resolve(__dirname, '../../src')
  for (const dir of ['core', 'backend/seed', 'backend/db', 'backend/services']) walk(join(src, dir))
  stamp = hash.digest('hex')
  return stamp
}
