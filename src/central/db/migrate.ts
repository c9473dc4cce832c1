import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Sql } from './sql'

export interface MigrationFile {
  version: number
  name: string
  sql: string
}

/** Arbitrary but fixed: every central instance serialises its migrations on this advisory lock. */
const MIGRATION_LOCK = 4_717_001

/** The .sql files beside this module (source) or, in the bundled CLI, in the source tree it was built from. */
export function migrationsDir(): string {
  const candidates = [join(__dirname, 'migrations'), resolve(__dirname, '../../src/central/db/migrations')]
  const found = candidates.find((d) => existsSync(join(d, '0001-foundation.sql')))
  if (!found) throw new Error(`central migrations not found (looked in ${candidates.join(', ')})`)
  return found
}

export function loadMigrations(dir = migrationsDir()): MigrationFile[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/u.test(f))
    .sort()
  const out = files.map((f) => ({
    version: Number(f.slice(0, 4)),
    name: f.slice(5, -4),
    sql: readFileSync(join(dir, f), 'utf8'),
  }))
  out.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`central migrations must be numbered 1..n without gaps (found ${m.version})`)
  })
  return out
}

export class CentralDbTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was migrated by a newer GasDesk central (version ${found}; this one knows ${supported}).`,
    )
    this.name = 'CentralDbTooNewError'
  }
}

/**
 * Forward-only: each file runs once, in its own transaction holding the advisory lock, and is recorded in
 * central_migrations. Two instances starting together apply each file exactly once.
 */
export async function migrate(
  sql: Sql,
  migrations = loadMigrations(),
): Promise<{ applied: number[]; version: number }> {
  // Under the lock too: two instances creating the table at once would race in the catalogue.
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.exec(`CREATE TABLE IF NOT EXISTS central_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
  })
  const applied: number[] = []
  for (const m of migrations) {
    const done = await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      const [{ max }] = await tx.query<{ max: number | null }>(
        'SELECT max(version) AS max FROM central_migrations',
      )
      if ((max ?? 0) > migrations.length) throw new CentralDbTooNewError(max ?? 0, migrations.length)
      const seen = await tx.query('SELECT 1 FROM central_migrations WHERE version = $1', [m.version])
      if (seen.length > 0) return false
      await tx.exec(m.sql)
      await tx.query('INSERT INTO central_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      return true
    })
    if (done) applied.push(m.version)
  }
  if (migrations.length === 0) {
    const [{ max }] = await sql.query<{ max: number | null }>(
      'SELECT max(version) AS max FROM central_migrations',
    )
    if ((max ?? 0) > 0) throw new CentralDbTooNewError(max ?? 0, 0)
  }
  return { applied, version: migrations.length }
}
