import { spawn } from 'node:child_process'
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { seedOnFirstRun } from '../../../src/backend/host/first-run'
import { readSeedInfo } from '../../../src/backend/seed'
import { createRng } from '../../../src/backend/seed/prng'
import { tempDir } from '../../helpers/tmp'

const tmp = tempDir('gasdesk-first-run-crash-')
afterAll(() => tmp.cleanup())
const CUSTOMERS = 30
const ROUNDS = 8
// Bundled once (as in mutation-crash.test.ts) so each run is a plain, quickly starting `node child.cjs`.
const CHILD = join(__dirname, '../../../node_modules/.cache/gasdesk-test/first-run-child.cjs')
beforeAll(() => {
  buildSync({
    entryPoints: [join(__dirname, 'first-run-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'error',
  })
})

/** Runs a first run; SIGKILLs it `killAfterMs` after seeding began (or lets it finish when null). */
function firstRun(file: string, killAfterMs: number | null): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, String(CUSTOMERS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let startedAt = 0
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (!startedAt && out.includes('start\n')) {
        startedAt = performance.now()
        if (killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs)
      }
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal !== 'SIGKILL') return reject(new Error(`first run failed (${code}): ${err}`))
      resolve({ finished: out.includes('done\n'), ms: performance.now() - startedAt })
    })
  })
}

/** What the next start sees: a complete demo database, never a partial one, and no leftovers. */
async function nextStartIsComplete(file: string): Promise<void> {
  await seedOnFirstRun(file, CUSTOMERS)
  const db = openDatabase(file, { create: false })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(CUSTOMERS)
    expect(db.prepare('SELECT count(*) FROM invoices').pluck().get()).toBeGreaterThan(0)
    expect(db.prepare('SELECT count(*) FROM agents').pluck().get()).toBeGreaterThan(0)
    expect(readSeedInfo(db)).toMatchObject({ customers: CUSTOMERS, seed: 'gasdesk-demo' })
  } finally {
    db.close()
  }
  expect(readdirSync(tmp.dir).filter((n) => n.includes('.seeding-'))).toEqual([])
}

describe('first-run seeding under SIGKILL', () => {
  it(`never leaves a partial database: over ${ROUNDS} kills the next start finds a whole one`, async () => {
    const file = tmp.file('gasdesk.sqlite')
    // How long one first run takes here, so the kills land while it seeds.
    const full = await firstRun(file, null)
    expect(full.finished).toBe(true)
    await nextStartIsComplete(file)
    const rng = createRng('first-run-crash')
    let interrupted = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const f of readdirSync(tmp.dir)) rmSync(join(tmp.dir, f), { force: true })
      const { finished } = await firstRun(file, rng.int(0, Math.round(full.ms * 1.1)))
      if (!finished) interrupted++
      // A kill before the rename leaves no database at all, so the next start seeds again.
      if (!finished) expect(existsSync(file)).toBe(false)
      await nextStartIsComplete(file)
    }
    expect(interrupted).toBeGreaterThanOrEqual(ROUNDS / 2)
  }, 240_000)
})
