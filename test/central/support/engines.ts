import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { openPglite } from '../../../src/central/db/pglite'
import { openPostgres } from '../../../src/central/db/pg'
import type { Engine, Sql } from '../../../src/central/db/sql'

/** The engines every central suite runs on: PGlite always, PostgreSQL 15 when the setup found it. */
export const engines: Engine[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite']

export interface TestDatabase {
  engine: Engine
  /** Set for PostgreSQL: a second central instance can open the same database. */
  databaseUrl: string | null
  /** Set for PGlite: the data folder. */
  dataDir: string | null
  open(): Promise<Sql>
  drop(): Promise<void>
}

let counter = 0

/** A fresh migrated database: a copy of the PGlite template, or a PostgreSQL database made from the template. */
export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'gasdesk-central-'))
    cpSync(join(inject('pgliteTemplate'), 'pgdata'), join(dir, 'pgdata'), { recursive: true })
    return {
      engine,
      databaseUrl: null,
      dataDir: dir,
      open: () => openPglite(dir),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const admin = inject('postgresUrl')
  const name = `gd_${process.pid}_${++counter}_${Date.now() % 100000}`
  await adminQuery(admin, `CREATE DATABASE ${name} TEMPLATE gasdesk_tpl`)
  const u = new URL(admin)
  u.pathname = `/${name}`
  const url = u.toString()
  const dir = mkdtempSync(join(tmpdir(), 'gasdesk-central-'))
  return {
    engine,
    databaseUrl: url,
    dataDir: dir,
    open: () => openPostgres(url),
    drop: async () => {
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}
