import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/backend/db/open'
import { createRng } from '../../../src/backend/seed/prng'
import { tempDir } from './helpers'

const tmp = tempDir('gasdesk-crash-')
afterAll(() => tmp.cleanup())
const ROUNDS = 15
// The child is bundled once (esbuild, which tsx already brings) so each of the many restarts is a plain
// `node child.cjs`; it lives under node_modules/.cache so `require('better-sqlite3')` resolves.
const CHILD = join(__dirname, '../../../node_modules/.cache/gasdesk-test/crash-child.cjs')
beforeAll(() => {
  buildSync({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'error',
  })
})

/** Starts the child, waits until it is committing, lets it run a random while, then SIGKILLs it. */
function runAndKill(file: string, runMs: number): Promise<{ acked: number; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), runMs)
    })
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (code ${code}): ${err}`))
      // Only whole lines count as acknowledged: a seq is printed after its transaction committed.
      const lines = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => /^\d+$/.test(l))
      resolve({ acked: lines.length ? Number(lines[lines.length - 1]) : 0, signal })
    })
  })
}

describe('commitMutation under SIGKILL', () => {
  it(`leaves every mutation whole or absent, and the outbox gapless, over ${ROUNDS} kills`, async () => {
    const file = tmp.file('crash.db')
    const rng = createRng('crash-test')
    let lastAcked = 0
    let previousN = 0
    for (let round = 0; round < ROUNDS; round++) {
      const { acked } = await runAndKill(file, rng.int(20, 400))
      lastAcked = Math.max(lastAcked, acked)

      const db = openDatabase(file)
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const seqs = db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all() as number[]
        const n = seqs.length
        // Gapless 1..N, and the counter continues right after it.
        expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1))
        expect(db.prepare('SELECT next_seq FROM sync_state').pluck().get()).toBe(n + 1)
        // Everything the child saw committed survived the kill; nothing was lost from earlier rounds.
        expect(n).toBeGreaterThanOrEqual(lastAcked)
        expect(n).toBeGreaterThanOrEqual(previousN)
        previousN = n

        // All or nothing: each outbox row has its customer, both consents and exactly one audit row ...
        const broken = db
          .prepare(
            `SELECT o.seq FROM outbox o
             WHERE (SELECT count(*) FROM customers c WHERE c.id = o.entity_id) <> 1
                OR (SELECT count(*) FROM consents k WHERE k.customer_id = o.entity_id) <> 2
                OR (SELECT count(*) FROM audit_log a WHERE a.mutation_id = o.mutation_id AND a.entity_id = o.entity_id) <> 1`,
          )
          .all()
        expect(broken).toEqual([])
        // ... and no domain or audit row exists without its outbox row.
        expect(
          db
            .prepare('SELECT count(*) FROM customers WHERE id NOT IN (SELECT entity_id FROM outbox)')
            .pluck()
            .get(),
        ).toBe(0)
        expect(
          db
            .prepare('SELECT count(*) FROM consents WHERE customer_id NOT IN (SELECT entity_id FROM outbox)')
            .pluck()
            .get(),
        ).toBe(0)
        expect(
          db
            .prepare(
              'SELECT count(*) FROM audit_log WHERE mutation_id NOT IN (SELECT mutation_id FROM outbox)',
            )
            .pluck()
            .get(),
        ).toBe(0)
      } finally {
        db.close()
      }
    }
    // The kills landed while mutations were flowing, not before the first one.
    expect(previousN).toBeGreaterThan(ROUNDS)
  }, 60_000)
})
