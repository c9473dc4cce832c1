import { randomUUID } from 'node:crypto'
import type { PushedMutation, PushRequest } from '../../../src/contract/sync'
import { createCentral, type Central, type CentralOptions } from '../../../src/central'
import { createEnrolCode, ensureAgents, ensureCentres } from '../../../src/central/admin/accounts'
import { seedCentral } from '../../../src/central/admin/seed'
import type { Engine, Sql } from '../../../src/central/db/sql'
import { freshDatabase, type TestDatabase } from './engines'

/** The central's clock in tests: starts in the February 2026 reading window and can be moved. */
export class TestClock {
  ms = Date.parse('2026-02-27T12:00:00.000Z')
  now = (): number => this.ms
  iso(): string {
    return new Date(this.ms).toISOString()
  }
}

export interface Running {
  central: Central
  sql: Sql
  url: string
  stop(): Promise<void>
}

/** A central listening on a spare loopback port over `sql`. */
export async function listen(
  sql: Sql,
  blobDir: string,
  options: Partial<CentralOptions> = {},
): Promise<Running> {
  const central = await createCentral({ sql, blobDir, ...options })
  const url = await central.app.listen({ port: 0, host: '127.0.0.1' })
  return { central, sql, url, stop: () => central.close() }
}

export interface World {
  db: TestDatabase
  sql: Sql
  clock: TestClock
  /** Seeded customers with their premise and meter, per centre. */
  customers: { id: string; centre: string; meterId: string; premiseId: string; lastValue: number }[]
  agents: Map<string, string>
  close(): Promise<void>
}

/**
 * A fresh migrated database with centres C1 and C2, two agents and `customers` seeded customers (24 monthly
 * readings each, up to January 2026).
 */
export async function world(engine: Engine, customers = 6): Promise<World> {
  const db = await freshDatabase(engine)
  const sql = await db.open()
  const clock = new TestClock()
  await ensureCentres(sql, ['C1', 'C2'])
  const agents = await ensureAgents(sql, [
    { username: 'liga', displayName: 'Līga', role: 'agent', language: 'lv', password: 'liga-demo' },
    { username: 'janis', displayName: 'Jānis', role: 'supervisor', language: 'lv', password: 'janis-demo' },
  ])
  await seedCentral(sql, { customers, centres: 2, today: '2026-02-27' })
  const rows = await sql.query<{
    id: string
    centre: string
    meter_id: string
    premise_id: string
    last: number
  }>(
    `SELECT c.id, c.service_centre_id AS centre, m.id AS meter_id, p.id AS premise_id,
       (SELECT max(value) FROM readings r WHERE r.meter_id = m.id AND r.period = '2026-01') AS last
     FROM customers c JOIN premises p ON p.customer_id = c.id JOIN meters m ON m.premise_id = p.id
     ORDER BY c.customer_number`,
  )
  return {
    db,
    sql,
    clock,
    agents,
    customers: rows.map((r) => ({
      id: r.id,
      centre: r.centre,
      meterId: r.meter_id,
      premiseId: r.premise_id,
      lastValue: r.last,
    })),
    async close() {
      await sql.close()
      await db.drop()
    },
  }
}

export interface Reply<T = any> {
  status: number
  body: T
  headers: Headers
}

export async function call<T = any>(
  url: string,
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<Reply<T>> {
  const headers = new Headers(init.headers)
  if (init.token) headers.set('authorization', `Bearer ${init.token}`)
  if (init.body && typeof init.body === 'string') headers.set('content-type', 'application/json')
  const res = await fetch(`${url}${path}`, { ...init, headers })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as T, headers: res.headers }
}

/** A desk as the central sees it: enrolled once, a client id, a gapless seq, and a token. */
export class Desk {
  clientId = randomUUID()
  seq = 0
  token = ''
  refreshToken = ''
  workstationId = ''
  clientNow: () => string

  constructor(
    public url: string,
    public agentId: string,
    clock: TestClock,
  ) {
    this.clientNow = () => clock.iso()
  }

  static async enrol(
    sql: Sql,
    url: string,
    centre: string,
    name: string,
    agentId: string,
    clock: TestClock,
  ): Promise<Desk> {
    const { code } = await createEnrolCode(sql, centre, name, clock.ms)
    const d = new Desk(url, agentId, clock)
    const r = await call(url, '/sync/v1/enrol', { method: 'POST', body: JSON.stringify({ code }) })
    if (r.status !== 200) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`)
    d.token = r.body.accessToken
    d.refreshToken = r.body.refreshToken
    d.workstationId = r.body.workstationId
    return d
  }

  mutation(
    name: string,
    entityType: string,
    entityId: string,
    args: unknown,
    over: Partial<PushedMutation> = {},
  ): PushedMutation {
    return {
      seq: ++this.seq,
      mutationId: randomUUID(),
      name,
      argsVersion: 1,
      entityType,
      entityId,
      baseVersion: null,
      agentId: this.agentId,
      clientTime: this.clientNow(),
      args,
      ...over,
    }
  }

  reading(meterId: string, value: number, over: Record<string, unknown> = {}): PushedMutation {
    const readingId = randomUUID()
    return this.mutation('reading.record', 'reading', readingId, {
      readingId,
      meterId,
      value,
      channel: 'visit',
      confirmed: ['consumption-high', 'consumption-low', 'zero-consumption'],
      ...over,
    })
  }

  request(mutations: PushedMutation[], over: Partial<PushRequest> = {}): PushRequest {
    return {
      protocolVersion: 1,
      clientId: this.clientId,
      schemaVersion: 3,
      clientNow: this.clientNow(),
      mutations,
      ...over,
    }
  }

  push(mutations: PushedMutation[], over: Partial<PushRequest> = {}, url = this.url): Promise<Reply> {
    return call(url, '/sync/v1/push', {
      method: 'POST',
      token: this.token,
      body: JSON.stringify(this.request(mutations, over)),
    })
  }

  pull(cursor = '', extra = '', url = this.url): Promise<Reply> {
    return call(url, `/sync/v1/pull?clientId=${this.clientId}&cursor=${encodeURIComponent(cursor)}${extra}`, {
      token: this.token,
    })
  }
}
