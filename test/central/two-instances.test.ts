import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import type { PushedMutation } from '../../src/contract/sync'
import type { Sql } from '../../src/central/db/sql'
import { engines } from './support/engines'
import { Desk, listen, world, type Running, type World } from './support/harness'

type Step = {
  desk: 0 | 1
  mutations: Omit<PushedMutation, 'seq' | 'agentId' | 'clientTime'>[]
  resend?: boolean
}

/** One fixed script of pushes from two desks: applies, merges, conflicts, rejections, a replayed batch. */
function script(w: World): Step[] {
  const [a, b, c] = w.customers.filter((x) => x.centre === 'C1')
  const m = (
    name: string,
    entityType: string,
    entityId: string,
    args: unknown,
    baseVersion: number | null = null,
  ) => ({
    mutationId: randomUUID(),
    name,
    argsVersion: 1,
    entityType,
    entityId,
    baseVersion,
    args,
  })
  const reading = (meterId: string, value: number) => {
    const readingId = randomUUID()
    return m('reading.record', 'reading', readingId, {
      readingId,
      meterId,
      value,
      channel: 'visit',
      confirmed: ['consumption-high', 'consumption-low'],
    })
  }
  const consentId = randomUUID()
  const first = [
    reading(a.meterId, a.lastValue + 120),
    m('customer.updateContact', 'customer', a.id, { email: 'desk-a@example.lv' }, 1),
  ]
  return [
    { desk: 0, mutations: first },
    {
      desk: 1,
      mutations: [
        m(
          'customer.updateContact',
          'customer',
          a.id,
          { email: 'desk-b@example.lv', phone: '+37129990000' },
          1,
        ),
      ],
    },
    { desk: 1, mutations: [reading(a.meterId, a.lastValue + 121), reading(a.meterId, a.lastValue + 120)] },
    { desk: 0, mutations: first, resend: true },
    {
      desk: 1,
      mutations: [
        m('consent.grant', 'consent', consentId, {
          id: consentId,
          customerId: b.id,
          channel: 'sms',
          granted: true,
          at: '2026-02-27T11:00:00.000Z',
          wordingVersion: 'marketing-2024-09',
        }),
        m('document.decide', 'document', 'no-such-document', {
          id: 'no-such-document',
          decision: 'accepted',
          reason: 'ok',
        }),
        reading(c.meterId, 12_345_678),
        m('customer.setLanguage', 'customer', c.id, { language: 'ru' }, 1),
      ],
    },
  ]
}

async function run(urls: string[], w: World, steps: Step[]): Promise<unknown[]> {
  const agent = w.agents.get('liga')!
  const desks = [
    await Desk.enrol(w.sql, urls[0], 'C1', 'T1', agent, w.clock),
    await Desk.enrol(w.sql, urls[0], 'C1', 'T2', agent, w.clock),
  ]
  const seqs = new Map<string, number>()
  const out: unknown[] = []
  let i = 0
  for (const step of steps) {
    const d = desks[step.desk]
    const batch = step.mutations.map((x) => {
      if (!seqs.has(x.mutationId)) seqs.set(x.mutationId, ++d.seq)
      return { ...x, seq: seqs.get(x.mutationId)!, agentId: agent, clientTime: w.clock.iso() }
    })
    // Alternate the instance for every request (a load balancer without affinity).
    const r = await d.push(batch, {}, urls[i++ % urls.length])
    expect(r.status).toBe(200)
    out.push({
      lastSeq: r.body.lastSeq,
      results: r.body.results.map(({ conflictId, ...x }: any) => ({ ...x, conflict: conflictId !== null })),
    })
  }
  return out
}

async function state(sql: Sql) {
  return sql.query(`SELECT 'c' AS t, id, concat_ws('|', email, phone, preferred_language, version) AS v FROM customers
    UNION ALL SELECT 'r', id, concat_ws('|', meter_id, value, status, period, version) FROM readings
    UNION ALL SELECT 'k', id, concat_ws('|', customer_id, channel, granted) FROM consents
    UNION ALL SELECT 'x', entity_id, code FROM sync_conflicts
    ORDER BY 1, 2`)
}

describe.runIf(engines.includes('postgres'))('two central instances on one PostgreSQL', () => {
  const cleanup: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f().catch(() => undefined)
  })

  it('give the same results as one instance, whichever instance each request reaches', async () => {
    const one = await world('postgres', 6)
    const two = await world('postgres', 6)
    cleanup.push(
      () => one.close(),
      () => two.close(),
    )
    const single = await listen(one.sql, `${one.db.dataDir}/blobs`, { now: one.clock.now })
    const sqlY = await two.db.open()
    const x = await listen(two.sql, `${two.db.dataDir}/blobs`, { now: two.clock.now })
    const y = await listen(sqlY, `${two.db.dataDir}/blobs`, { now: two.clock.now })
    cleanup.push(
      () => single.stop(),
      () => x.stop(),
      async () => {
        await y.stop()
        await sqlY.close()
      },
    )
    const steps = script(one)
    const alone = await run([single.url], one, steps)
    const pair = await run([x.url, y.url], two, steps)
    expect(pair).toEqual(alone)
    expect(await state(two.sql)).toEqual(await state(one.sql))
    const statuses = (alone as any[]).flatMap((s) => s.results.map((r: any) => r.status))
    expect(new Set(statuses)).toEqual(new Set(['applied', 'conflict', 'duplicate', 'rejected']))
  })

  it('apply a batch delivered to both at once exactly once, and wake a long poll on one for a commit on the other', async () => {
    const w = await world('postgres', 4)
    cleanup.push(() => w.close())
    const sqlY = await w.db.open()
    const x: Running = await listen(w.sql, `${w.db.dataDir}/blobs`, { now: w.clock.now })
    const y: Running = await listen(sqlY, `${w.db.dataDir}/blobs`, { now: w.clock.now })
    cleanup.push(
      () => x.stop(),
      async () => {
        await y.stop()
        await sqlY.close()
      },
    )
    const agent = w.agents.get('liga')!
    const writer = await Desk.enrol(w.sql, x.url, 'C1', 'D1', agent, w.clock)
    const reader = await Desk.enrol(w.sql, x.url, 'C1', 'D2', agent, w.clock)
    const [a, b] = w.customers.filter((c) => c.centre === 'C1')
    const batch = [writer.reading(a.meterId, a.lastValue + 70)]
    const [r1, r2] = await Promise.all([writer.push(batch, {}, x.url), writer.push(batch, {}, y.url)])
    expect([r1.body.results[0].status, r2.body.results[0].status].sort()).toEqual(['applied', 'duplicate'])
    const [{ n }] = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM readings WHERE id = $1',
      [batch[0].entityId],
    )
    expect(n).toBe(1)

    let cursor = ''
    for (;;) {
      const r = await reader.pull(cursor, '&limit=1000', x.url)
      cursor = r.body.cursor
      if (!r.body.hasMore) break
    }
    const started = Date.now()
    const waiting = reader.pull(cursor, '&wait=20', x.url)
    await new Promise((r) => setTimeout(r, 300))
    await writer.push([writer.reading(b.meterId, b.lastValue + 40)], {}, y.url)
    const woke = await waiting
    expect(woke.body.changes).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})
