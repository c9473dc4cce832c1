import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../../src/central/db/migrate'
import { openPglite } from '../../../src/central/db/pglite'
import { openPostgres } from '../../../src/central/db/pg'
import { startCluster, type Cluster } from './postgres-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data folder to copy per test (initdb in WebAssembly takes seconds). */
    pgliteTemplate: string
    /** Admin URL of the test PostgreSQL 15 (a migrated template database `gasdesk_tpl` exists), or ''. */
    postgresUrl: string
  }
}

let cluster: Cluster | null = null
let templateDir = ''

/**
 * Once per run of the central suites: a migrated PGlite template and, where PostgreSQL 15 is installed (or
 * GASDESK_TEST_DATABASE_URL names a server), a throwaway cluster with a migrated template database.
 */
export async function setup(project: TestProject): Promise<void> {
  const [pgUrl] = await Promise.all([startPostgres(), buildPgliteTemplate()])
  project.provide('pgliteTemplate', templateDir)
  project.provide('postgresUrl', pgUrl)
  if (!pgUrl) {
    if (process.env.CI === 'true' || process.env.CI === '1')
      throw new Error('central tests: PostgreSQL 15 not found and CI=true (install postgresql-15)')
    console.log('central tests: PostgreSQL 15 not found — ran on PGlite only')
  }
}

export async function teardown(): Promise<void> {
  cluster?.stop()
  if (templateDir) rmSync(templateDir, { recursive: true, force: true })
}

async function buildPgliteTemplate(): Promise<void> {
  templateDir = mkdtempSync(join(tmpdir(), 'gasdesk-central-tpl-'))
  const sql = await openPglite(templateDir)
  try {
    await migrate(sql)
  } finally {
    await sql.close()
  }
}

async function startPostgres(): Promise<string> {
  let admin = process.env.GASDESK_TEST_DATABASE_URL ?? ''
  if (!admin) {
    cluster = await startCluster()
    if (!cluster) return ''
    admin = cluster.url
  }
  const c = new pg.Client({ connectionString: admin })
  await c.connect()
  await c.query('DROP DATABASE IF EXISTS gasdesk_tpl')
  await c.query('CREATE DATABASE gasdesk_tpl')
  await c.end()
  const sql = await openPostgres(withDatabase(admin, 'gasdesk_tpl'))
  try {
    await migrate(sql)
  } finally {
    await sql.close()
  }
  return admin
}

export function withDatabase(url: string, db: string): string {
  const u = new URL(url)
  u.pathname = `/${db}`
  return u.toString()
}
