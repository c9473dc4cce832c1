import { cpSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createBackend, type Backend } from '../../../../src/backend'
import type { PoolOptions } from '../../../../src/backend/validation/pool'
import { manualClock } from '../../../../src/backend/clock'
import { tempDir } from '../../../helpers/tmp'

export const FIXTURES = '/work/shared/fixtures/signatures'
export const REPO_RESOURCES = resolve(__dirname, '../../../../resources')
/** Validation time of these tests: after every fixture was signed, inside the 2023 lists' history. */
export const NOW = Date.parse('2026-01-15T10:00:00Z')

export const fixture = (rel: string): Buffer => readFileSync(join(FIXTURES, rel))
export const b64 = (rel: string): string => fixture(rel).toString('base64')

type Result<T> = {
  ok: boolean
  value?: T
  error?: { code: string; messageKey: string; details?: Record<string, unknown> }
}

export interface DocsFixture {
  backend: Backend
  /** As the agent Līga (session k1). */
  call<T = unknown>(method: string, input: unknown): Promise<Result<T>>
  /** As the supervisor Jānis (session k2). */
  supervisor<T = unknown>(method: string, input: unknown): Promise<Result<T>>
  customerId: string
  otherCustomerId: string
  resources: string
  count(sql: string, ...args: unknown[]): number
  cleanup(): Promise<void>
}

/**
 * A real SQLite file, the real backend with the demo agents, two customers, and a private copy of
 * resources/ (so tests may replace trusted lists without touching the repository).
 */
export async function docsFixture(
  opts: { lists?: string[]; validation?: PoolOptions } = {},
): Promise<DocsFixture> {
  const tmp = tempDir('gasdesk-docs-')
  const resources = tmp.file('resources')
  cpSync(join(REPO_RESOURCES, 'trust'), join(resources, 'trust'), {
    recursive: true,
    filter: (src) => !opts.lists || !src.endsWith('.xml') || opts.lists.some((l) => src.endsWith(l)),
  })
  const backend = await createBackend({
    dbFile: tmp.file('desk.sqlite'),
    shell: 'test',
    clock: manualClock(NOW),
    demoAgents: true,
    resourcesDir: resources,
    ...(opts.validation ? { validation: opts.validation } : {}),
  })
  const at = '2020-01-01T00:00:00.000Z'
  const insert = backend.ctx.db.prepare(
    `INSERT INTO customers (id, customer_number, kind, first_name, last_name, created_at, updated_at)
     VALUES (?, ?, 'person', ?, ?, ?, ?)`,
  )
  insert.run('cust-1', '100001', 'Anna', 'Kalniņa', at, at)
  insert.run('cust-2', '100002', 'Pēteris', 'Liepa', at, at)
  for (const [u, p, k] of [
    ['liga', 'liga-demo', 'k1'],
    ['janis', 'janis-demo', 'k2'],
  ]) {
    const r = await backend.dispatch('session.signIn', { username: u, password: p }, k)
    if (!r.ok) throw new Error(`sign-in failed for ${u}`)
  }
  return {
    backend,
    call: (m, i) => backend.dispatch(m, i, 'k1') as never,
    supervisor: (m, i) => backend.dispatch(m, i, 'k2') as never,
    customerId: 'cust-1',
    otherCustomerId: 'cust-2',
    resources,
    count: (sql, ...args) =>
      (backend.ctx.db
        .prepare(sql)
        .pluck()
        .get(...args) as number) ?? 0,
    async cleanup() {
      backend.close()
      tmp.cleanup()
    },
  }
}
