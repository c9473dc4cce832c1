import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema } from '../../src/contract/sync'
import { moveCustomer, purgeTombstones } from '../../src/central/admin/partitions'
import { fleetStatus } from '../../src/central/admin/status'
import { engines } from './support/engines'
import { call, Desk, listen, world, type Running, type World } from './support/harness'

describe.each(engines)('pull on %s (partitioned, commit-ordered, long poll)', (engine) => {
  let w: World
  let central: Running
  let agent: string
  let n = 0
  const desk = (centre = 'C1') => Desk.enrol(w.sql, central.url, centre, `P${++n}`, agent, w.clock)
  let taken = 0
  const fresh = (k: number, centre = 'C1') => {
    const mine = w.customers.filter((c) => c.centre === centre).slice(taken, taken + k)
    taken += k
    return mine
  }
  /** Pulls pages until hasMore is false; returns every change and the last cursor. */
  async function drain(d: Desk, cursor = '', limit = 1000) {
    const changes: any[] = []
    let pages = 0
    for (;;) {
      const r = await d.pull(cursor, `&limit=${limit}`)
      expect(r.status).toBe(200)
      const body = pullResponseSchema.parse(r.body)
      changes.push(...body.changes)
      cursor = body.cursor
      pages++
      if (!body.hasMore) return { changes, cursor, pages }
    }
  }

  beforeAll(async () => {
    w = await world(engine, 24)
    agent = w.agents.get('liga')!
    central = await listen(w.sql, `${w.db.dataDir}/blobs`, { now: w.clock.now })
  })
  afterAll(async () => {
    await central?.stop()
    await w?.close()
  })

  it("bootstraps a centre's partition: its own customers' rows, agents and centres, and nothing of other centres", async () => {
    const d = await desk('C1')
    const { changes, pages } = await drain(d, '', 100)
    expect(pages).toBeGreaterThan(3)
    const customers = changes.filter((c) => c.type === 'customers')
    expect(customers.map((c) => c.row.service_centre_id).every((x) => x === 'C1')).toBe(true)
    expect(customers).toHaveLength(w.customers.filter((c) => c.centre === 'C1').length)
    expect(changes.filter((c) => c.type === 'readings')).toHaveLength(customers.length * 24)
    expect(changes.some((c) => c.type === 'agents')).toBe(true)
    expect(
      changes
        .filter((c) => c.type === 'service_centres')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['C1', 'C2'])
    // Every change once, in commit-version order.
    const keys = changes.map((c) => `${c.type}:${c.id}`)
    expect(new Set(keys).size).toBe(keys.length)
    const versions = changes.map((c) => c.version)
    expect([...versions].sort((a, b) => a - b)).toEqual(versions)
  })

  it('continues from the cursor with only what changed, and tells the last consumed seq', async () => {
    const d = await desk('C1')
    const { cursor } = await drain(d)
    const [a] = fresh(1)
    const m = d.reading(a.meterId, a.lastValue + 100)
    await d.push([m])
    const r = await d.pull(cursor)
    expect(r.body.changes.map((c: any) => [c.type, c.id, c.op])).toEqual([['readings', m.entityId, 'put']])
    expect(r.body).toMatchObject({ lastSeq: 1, hasMore: false })
    const none = await d.pull(r.body.cursor)
    expect(none.body.changes).toEqual([])
  })

  it('wakes a long poll when another desk commits, well before the wait runs out', async () => {
    const reader = await desk('C1')
    const writer = await desk('C1')
    const { cursor } = await drain(reader)
    const [a] = fresh(1)
    const started = Date.now()
    const waiting = reader.pull(cursor, '&wait=20')
    await new Promise((r) => setTimeout(r, 300))
    await writer.push([writer.reading(a.meterId, a.lastValue + 80)])
    const r = await waiting
    expect(r.body.changes).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(15_000)
  })

  it('answers a long poll with no change empty when the wait runs out', async () => {
    const d = await desk('C2')
    const { cursor } = await drain(d)
    const r = await d.pull(cursor, '&wait=1')
    expect(r.body.changes).toEqual([])
    expect(r.body.cursor).toBe(cursor)
  })

  it('never skips a change of concurrently committing batches (commit order == version order)', async () => {
    const reader = await desk('C1')
    let { cursor } = await drain(reader)
    const writers = await Promise.all([desk('C1'), desk('C1'), desk('C1')])
    const mine = fresh(6)
    const seen = new Set<string>()
    const pushes = writers.map((wr, i) =>
      (async () => {
        for (const c of mine.slice(i * 2, i * 2 + 2)) await wr.push([wr.reading(c.meterId, c.lastValue + 60)])
      })(),
    )
    // Pull while the writers commit; every reading must turn up exactly once.
    let done = false
    void Promise.all(pushes).then(() => (done = true))
    while (!done) {
      const r = await reader.pull(cursor)
      for (const c of r.body.changes) {
        expect(seen.has(c.id)).toBe(false)
        seen.add(c.id)
      }
      cursor = r.body.cursor
    }
    await Promise.all(pushes)
    const rest = await drain(reader, cursor)
    for (const c of rest.changes) seen.add(c.id)
    expect([...seen].length).toBe(6)
  })

  it("moves a customer's rows to the new centre and leaves a delete for the old centre's desks", async () => {
    const c1desk = await desk('C1')
    const c2desk = await desk('C2')
    const a = await drain(c1desk)
    const b = await drain(c2desk)
    const [x] = fresh(1)
    await moveCustomer(w.sql, x.id, 'C2')
    const gone = await drain(c1desk, a.cursor)
    expect(gone.changes.filter((c) => c.id === x.id)).toEqual([
      expect.objectContaining({ type: 'customers', op: 'delete', row: null }),
    ])
    expect(gone.changes.filter((c) => c.type === 'readings' && c.op === 'delete')).toHaveLength(24)
    const arrived = await drain(c2desk, b.cursor)
    expect(arrived.changes.filter((c) => c.id === x.id)).toEqual([
      expect.objectContaining({
        type: 'customers',
        op: 'put',
        row: expect.objectContaining({ service_centre_id: 'C2' }),
      }),
    ])
    // A desk bootstrapping C1 now does not get the tombstones at all.
    const fresh1 = await drain(await desk('C1'))
    expect(fresh1.changes.some((c) => c.op === 'delete')).toBe(false)
  })

  it('answers 410 to a cursor older than the purge watermark; a new bootstrap still works', async () => {
    const d = await desk('C2')
    const old = await drain(d)
    const [x] = fresh(1, 'C2')
    await moveCustomer(w.sql, x.id, 'C1')
    const purged = await purgeTombstones(w.sql, new Date(Date.now() + 60_000))
    expect(purged.removed).toBeGreaterThan(0)
    const r = await d.pull(old.cursor)
    expect(r.status).toBe(410)
    expect(r.body).toMatchObject({
      code: 'purged',
      details: { purgeWatermark: String(purged.purgeWatermark) },
    })
    expect((await d.pull('')).status).toBe(200)
  })

  it('records acknowledgements: status shows each workstation lag', async () => {
    const d = await desk('C1')
    const { cursor } = await drain(d)
    const ack = await call(central.url, '/sync/v1/ack', {
      method: 'POST',
      token: d.token,
      body: JSON.stringify({ clientId: d.clientId, cursor }),
    })
    expect(ack.status).toBe(200)
    const s = await fleetStatus(w.sql)
    const mine = s.workstations.find((x) => x.id === d.workstationId)!
    expect(mine).toMatchObject({ enrolled: true, lag: 0 })
    expect((await d.pull('not-a-cursor')).status).toBe(400)
  })
})
