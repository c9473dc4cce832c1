import type { Db } from '../db/open'
import { createSeedContext, type SeedOptions, type SeedStep } from './context'
import { seedSteps } from './steps'

export type { SeedContext, SeedOptions, SeedStep } from './context'
export { seedSteps } from './steps'
export { todayInRiga } from './dates'

/** Bump when the generator's output changes, so cached demo databases (benchmarks) are rebuilt. */
export const GENERATOR_VERSION = 2

/** Settings key recording what generated this database. */
export const SEED_INFO_KEY = 'demo.seed'

export interface SeedInfo {
  generatorVersion: number
  seed: string
  customers: number
  today: string
}

export interface SeedReport extends SeedInfo {
  counts: Record<string, number>
  steps: { name: string; ms: number }[]
}

const COUNTED = ['customers', 'consents', 'premises', 'meters', 'readings', 'portal_accounts', 'agents']

/**
 * Fills an empty workstation database with demo data, straight into the tables (no outbox or audit
 * rows: this is not agent work). On a database with no local work yet (empty outbox and audit log)
 * the journal is off during the load for speed — if seeding fails, delete the file and start again.
 * Foreign keys are checked by the tests rather than per row.
 */
export async function seedDatabase(
  db: Db,
  options: SeedOptions,
  steps: readonly SeedStep[] = seedSteps,
): Promise<SeedReport> {
  const { n } = db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }
  if (n > 0) throw new Error('the database already has customers; seed a new file')
  const ctx = createSeedContext(db, options)
  const fresh =
    (
      db.prepare('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM audit_log) AS n').get() as {
        n: number
      }
    ).n === 0
  const journal = db.pragma('journal_mode', { simple: true }) as string
  const synchronous = db.pragma('synchronous', { simple: true }) as number
  const cache = db.pragma('cache_size', { simple: true }) as number
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  db.pragma('cache_size = -262144')
  if (fresh) {
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
  }
  const timings: SeedReport['steps'] = []
  try {
    for (const step of steps) {
      const start = performance.now()
      await step.run(ctx)
      timings.push({ name: step.name, ms: Math.round(performance.now() - start) })
    }
    const info: SeedInfo = {
      generatorVersion: GENERATOR_VERSION,
      seed: options.seed,
      customers: options.customers,
      today: options.today,
    }
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(SEED_INFO_KEY, JSON.stringify(info))
    // Fresh statistics so the planner picks the indexes on a large database.
    db.pragma('analysis_limit = 1000')
    db.exec('ANALYZE')
    const counts: Record<string, number> = {}
    for (const t of COUNTED)
      counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    return { ...info, counts, steps: timings }
  } finally {
    if (fresh) {
      db.pragma(`journal_mode = ${journal}`)
      db.pragma(`synchronous = ${synchronous}`)
    }
    db.pragma(`cache_size = ${cache}`)
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`)
  }
}

/** What generated this database, if it was seeded. */
export function readSeedInfo(db: Db): SeedInfo | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SEED_INFO_KEY) as
    { value: string } | undefined
  return row ? (JSON.parse(row.value) as SeedInfo) : null
}
