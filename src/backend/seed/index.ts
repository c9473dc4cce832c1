import type { Db } from '../db/open'
import { dropSecondaryIndexes } from './bulk'
import { createSeedContext, type SeedOptions, type SeedStep } from './context'
import { seedSteps } from './steps'

export type { SeedContext, SeedOptions, SeedStep } from './context'
export { DEFAULT_BILLING_MONTHS } from './context'
export { seedSteps } from './steps'

/** Bump when the generator's output changes, so cached demo databases (benchmarks) are rebuilt. */
export const GENERATOR_VERSION = 5

/** Settings key recording what generated this database. */
export const SEED_INFO_KEY = 'demo.seed'

export interface SeedInfo {
  generatorVersion: number
  seed: string
  customers: number
  today: string
  billingMonths: number
}

export interface SeedReport extends SeedInfo {
  counts: Record<string, number>
  /** Wall-clock and this process's CPU time per step ('indexes' = rebuilding the dropped indexes). */
  steps: { name: string; ms: number; cpuMs: number }[]
}

const COUNTED = [
  'customers',
  'consents',
  'premises',
  'meters',
  'readings',
  'invoices',
  'payments',
  'statements',
  'portal_accounts',
  'agents',
  'interactions',
  'follow_ups',
]

/**
 * Tables whose secondary indexes are dropped during the load of a fresh database and rebuilt after it.
 * No step looks rows up by them (billing reads readings in rowid order), except the two in
 * BULK_KEEP, which the customer search build joins on (and whose keys arrive in order anyway).
 * readings_corrects stays too: the seed writes no corrections, so it stays empty, and rebuilding it
 * would only scan millions of readings. (Keeping in-order indexes like readings_meter_period was
 * measured: maintaining them row by row costs more than one build afterwards.)
 */
const BULK_TABLES = [
  'customers',
  'consents',
  'premises',
  'meters',
  'readings',
  'invoices',
  'invoice_lines',
  'payments',
  'statements',
  'statement_lines',
]
const BULK_KEEP = ['premises_customer', 'meters_premise', 'readings_corrects']

/**
 * Fills an empty workstation database with demo data, straight into the tables (no outbox or audit
 * rows: this is not agent work). On a database with no local work yet (empty outbox and audit log)
 * the journal is off and the big tables' secondary indexes are dropped during the load for speed — if
 * seeding fails, delete the file and start again. Foreign keys are checked by the tests rather than per row.
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
  // Up to 1 GiB of page cache (allocated as used): the big tables' B-tree edges and the rebuilt indexes stay hot.
  db.pragma('cache_size = -1048576')
  const ignoreChecks = db.pragma('ignore_check_constraints', { simple: true }) as number
  if (fresh) {
    db.pragma('journal_mode = OFF')
    db.pragma('synchronous = OFF')
    // CHECK constraints cost about a third of the load; the tests run integrity_check, which checks them.
    db.pragma('ignore_check_constraints = ON')
  }
  const timings: SeedReport['steps'] = []
  const timed = async (name: string, fn: () => void | Promise<void>) => {
    const start = performance.now()
    const cpu = process.cpuUsage()
    await fn()
    const used = process.cpuUsage(cpu)
    timings.push({
      name,
      ms: Math.round(performance.now() - start),
      cpuMs: Math.round((used.user + used.system) / 1000),
    })
  }
  const restoreIndexes = fresh ? dropSecondaryIndexes(db, BULK_TABLES, BULK_KEEP) : () => {}
  let loaded = false
  try {
    for (const step of steps) await timed(step.name, () => step.run(ctx))
    await timed('indexes', restoreIndexes)
    loaded = true
    const info: SeedInfo = {
      generatorVersion: GENERATOR_VERSION,
      seed: options.seed,
      customers: options.customers,
      today: options.today,
      billingMonths: ctx.options.billingMonths,
    }
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(SEED_INFO_KEY, JSON.stringify(info))
    const counts: Record<string, number> = {}
    await timed('analyze', () => {
      // Fresh statistics so the planner picks the indexes on a large database.
      db.pragma('analysis_limit = 1000')
      db.exec('ANALYZE')
      for (const t of COUNTED)
        counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    })
    return { ...info, counts, steps: timings }
  } finally {
    // A failed load still gets its indexes back where possible; the failure itself is what is reported.
    if (!loaded)
      try {
        restoreIndexes()
      } catch {
        /* the step's error is thrown */
      }
    if (fresh) {
      db.pragma(`ignore_check_constraints = ${ignoreChecks ? 'ON' : 'OFF'}`)
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
