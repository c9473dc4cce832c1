import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushResponseSchema, syncErrorSchema } from '../../src/contract/sync'
import { setAgentActive } from '../../src/central/admin/accounts'
import { HANDLERS } from '../../src/central/sync/handlers'
import { engines } from './support/engines'
import { Desk, listen, world, type Running, type World } from './support/harness'

describe.each(engines)('push on %s (SYNC.md wire protocol)', (engine) => {
  let w: World
  let central: Running
  let agent: string
  let desks = 0
  const desk = async (centre = 'C1') => Desk.enrol(w.sql, central.url, centre, `W${++desks}`, agent, w.clock)
  // Every test takes customers nobody else touched (readings and contacts of one test never meet another's).
  let taken = 0
  const fresh = (n: number, centre = 'C1') => {
    const mine = w.customers.filter((c) => c.centre === centre).slice(taken, taken + n)
    taken += n
    return mine
  }
  const readingsOf = async (meterId: string) =>
    (
      await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM readings WHERE meter_id = $1', [
        meterId,
      ])
    )[0].n

  beforeAll(async () => {
    w = await world(engine, 80)
    agent = w.agents.get('liga')!
    // A poison mutation: setLanguage to 'en' fails inside the central (an internal error, not a business one).
    const poison = {
      ...HANDLERS['customer.setLanguage']!,
      decide: (s: any, a: any, ctx: any) => {
        if (a.language === 'en') throw new Error('poison: decide failed')
        return HANDLERS['customer.setLanguage']!.decide(s, a, ctx)
      },
    }
    central = await listen(w.sql, `${w.db.dataDir}/blobs`, {
      now: w.clock.now,
      handlers: { 'customer.setLanguage': poison },
    })
  })
  afterAll(async () => {
    await central?.stop()
    await w?.close()
  })

  it('applies a batch once; the same batch again answers the stored results as duplicates', async () => {
    const d = await desk()
    const [a, b] = fresh(2)
    const batch = [d.reading(a.meterId, a.lastValue + 100), d.reading(b.meterId, b.lastValue + 90)]
    const first = await d.push(batch)
    expect(first.status).toBe(200)
    expect(pushResponseSchema.parse(first.body)).toMatchObject({ lastSeq: 2, clockSuspect: false })
    expect(first.body.results.map((r: any) => [r.seq, r.status, r.serverVersion])).toEqual([
      [1, 'applied', 1],
      [2, 'applied', 1],
    ])
    const again = await d.push(batch)
    expect(again.body.results.map((r: any) => [r.status, r.outcome, r.serverVersion])).toEqual([
      ['duplicate', 'applied', 1],
      ['duplicate', 'applied', 1],
    ])
    expect(await readingsOf(a.meterId)).toBe(25)
  })

  it('answers a gap with 409 and the expected seq, applying nothing', async () => {
    const d = await desk()
    const [a] = fresh(1)
    d.seq = 4
    const r = await d.push([d.reading(a.meterId, a.lastValue + 1)])
    expect(r.status).toBe(409)
    expect(syncErrorSchema.parse(r.body)).toMatchObject({ code: 'expected-seq', details: { expectedSeq: 1 } })
  })

  it('answers a known seq with another mutation id as 409 client-diverged, and applies nothing of the batch', async () => {
    const d = await desk()
    const [, , x] = fresh(3)
    const m1 = d.mutation('customer.setLanguage', 'customer', x.id, { language: 'ru' }, { baseVersion: 1 })
    expect((await d.push([m1])).status).toBe(200)
    d.seq = 0
    const other = d.mutation('customer.setLanguage', 'customer', x.id, { language: 'lv' }, { baseVersion: 1 })
    const next = d.reading(x.meterId, x.lastValue + 5)
    const r = await d.push([other, next])
    expect(r.status).toBe(409)
    expect(r.body).toMatchObject({
      code: 'client-diverged',
      details: { seq: 1, storedMutationId: m1.mutationId, sentMutationId: other.mutationId },
    })
    expect(await readingsOf(x.meterId)).toBe(24)
  })

  it('after the desk rotates its client id, a replayed mutation id is a duplicate that consumes the new seq', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const m = d.mutation(
      'customer.updateContact',
      'customer',
      a.id,
      { phone: '+37129999001' },
      { baseVersion: 1 },
    )
    expect((await d.push([m])).body.results[0].status).toBe('applied')
    d.clientId = randomUUID()
    d.seq = 0
    const replay = { ...m, seq: ++d.seq }
    const r = await d.push([replay, d.reading(a.meterId, a.lastValue + 1)])
    expect(r.body.lastSeq).toBe(2)
    expect(r.body.results[0]).toMatchObject({ status: 'duplicate', outcome: 'applied' })
  })

  it('lets a business rejection consume its seq so the next mutation applies in the same batch', async () => {
    const d = await desk()
    const [a, b] = fresh(2)
    const bad = d.reading(a.meterId, 1234567) // more digits than the meter has
    const good = d.reading(b.meterId, b.lastValue + 77)
    const r = await d.push([bad, good])
    expect(r.body.lastSeq).toBe(2)
    expect(r.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid-reading' } })
    // The rejected reading comes back as a delete: the central has no such row, the desk undoes its own.
    expect(r.body.results[0].rows).toEqual([{ type: 'readings', id: bad.entityId, op: 'delete', row: null }])
    expect(r.body.results[1].status).toBe('applied')
  })

  it('rejects args that fail their schema (consuming the seq) and blocks an unknown args version without consuming it', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const invalid = d.mutation('customer.setLanguage', 'customer', a.id, { language: 'de' })
    const newer = d.mutation('customer.setLanguage', 'customer', a.id, { language: 'ru' }, { argsVersion: 7 })
    const after = d.reading(a.meterId, a.lastValue + 3)
    const r = await d.push([invalid, newer, after])
    expect(r.body.lastSeq).toBe(1)
    expect(r.body.results.map((x: any) => [x.status, x.error?.code])).toEqual([
      ['rejected', 'invalid-args'],
      ['blocked', 'upgrade-required'],
    ])
  })

  it('blocks a mutation this central cannot apply yet (a newer desk’s name) as upgrade-required, without consuming it', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const m = d.mutation('invoice.dispute', 'invoice', randomUUID(), { customerId: a.id })
    const r = await d.push([m])
    expect(r.body).toMatchObject({
      lastSeq: 0,
      results: [{ status: 'blocked', error: { code: 'upgrade-required', details: { side: 'central' } } }],
    })
  })

  it('blocks document.add until its blob is complete (blob-missing does not consume the seq)', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const bytes = Buffer.from(`signed document ${randomUUID()}`)
    const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex')
    const id = randomUUID()
    const add = d.mutation('document.add', 'document', id, {
      id,
      customerId: a.id,
      fileName: 'a.edoc',
      mediaType: 'application/vnd.etsi.asic-e+zip',
      size: bytes.length,
      sha256: sha,
    })
    const blockedReply = await d.push([add])
    expect(blockedReply.body).toMatchObject({
      lastSeq: 0,
      results: [{ status: 'blocked', error: { code: 'blob-missing' } }],
    })
    const up = await fetch(`${central.url}/sync/v1/blobs/${sha}`, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${d.token}`,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': '0',
        'upload-length': String(bytes.length),
        'tus-resumable': '1.0.0',
      },
      body: bytes,
    })
    expect(up.status).toBe(204)
    const r = await d.push([add])
    expect(r.body).toMatchObject({ lastSeq: 1, results: [{ status: 'applied', serverVersion: 1 }] })
  })

  it('checks rights when it applies: a deactivated agent is rejected as forbidden and the seq is consumed', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const janis = w.agents.get('janis')!
    await setAgentActive(w.sql, janis, false)
    try {
      const m = d.mutation(
        'customer.updateContact',
        'customer',
        a.id,
        { email: 'forbidden@example.lv' },
        { agentId: janis, baseVersion: 1 },
      )
      const r = await d.push([m, d.reading(a.meterId, a.lastValue + 4)])
      expect(r.body.lastSeq).toBe(2)
      expect(r.body.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'forbidden', details: { reason: 'agent-inactive' } },
      })
      expect(r.body.results[0].rows[0]).toMatchObject({ type: 'customers', op: 'put' })
      expect(r.body.results[0].rows[0].row.email).not.toBe('forbidden@example.lv')
    } finally {
      await setAgentActive(w.sql, janis, true)
    }
  })

  it('retries an internal failure, then rejects it as server-error with a dead letter: the queue never wedges', async () => {
    const d = await desk()
    const [, b] = fresh(2)
    const ok = d.reading(b.meterId, b.lastValue + 11)
    const poison = d.mutation(
      'customer.setLanguage',
      'customer',
      b.id,
      { language: 'en' },
      { baseVersion: 1 },
    )
    const later = d.mutation(
      'customer.updateContact',
      'customer',
      b.id,
      { email: 'later@example.lv' },
      { baseVersion: 1 },
    )
    const statuses: string[][] = []
    for (let i = 0; i < 3; i++) {
      const r = await d.push([ok, poison, later])
      statuses.push(r.body.results.map((x: any) => `${x.status}${x.error ? `:${x.error.code}` : ''}`))
    }
    expect(statuses).toEqual([
      ['applied', 'blocked:retry-later'],
      ['duplicate', 'blocked:retry-later'],
      ['duplicate', 'rejected:server-error', 'applied'],
    ])
    const dead = await w.sql.query(
      'SELECT name, attempts, error FROM sync_dead_letters WHERE mutation_id = $1',
      [poison.mutationId],
    )
    expect(dead).toEqual([{ name: 'customer.setLanguage', attempts: 3, error: 'poison: decide failed' }])
  })

  it('sends a contact field changed differently since the base to the conflicts queue with the central row', async () => {
    const d1 = await desk()
    const d2 = await desk()
    const [, , , x] = fresh(4)
    await d1.push([
      d1.mutation(
        'customer.updateContact',
        'customer',
        x.id,
        { email: 'one@example.lv' },
        { baseVersion: 1 },
      ),
    ])
    const r = await d2.push([
      d2.mutation(
        'customer.updateContact',
        'customer',
        x.id,
        { email: 'two@example.lv', phone: '+37129999002' },
        { baseVersion: 1 },
      ),
    ])
    const res = r.body.results[0]
    expect(res).toMatchObject({ status: 'conflict', error: { code: 'field-changed' } })
    expect(res.rows[0].row).toMatchObject({ email: 'one@example.lv', phone: '+37129999002' })
    const queued = await w.sql.query('SELECT code, entity_id FROM sync_conflicts WHERE id = $1', [
      res.conflictId,
    ])
    expect(queued).toEqual([{ code: 'field-changed', entity_id: x.id }])
  })

  it('applies the same batch delivered twice at once exactly once', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const batch = [d.reading(a.meterId, a.lastValue + 130)]
    const before = await readingsOf(a.meterId)
    const [r1, r2] = await Promise.all([d.push(batch), d.push(batch)])
    const statuses = [r1.body.results[0].status, r2.body.results[0].status].sort()
    expect(statuses).toEqual(['applied', 'duplicate'])
    expect(await readingsOf(a.meterId)).toBe(before + 1)
  })

  it('marks a desk clock more than 5 minutes off and sends time-dependent outcomes to a person', async () => {
    const d = await desk()
    const [a] = fresh(1)
    d.clientNow = () => new Date(w.clock.ms + 10 * 60_000).toISOString()
    const r = await d.push([d.reading(a.meterId, a.lastValue + 9)])
    expect(r.body.clockSuspect).toBe(true)
    expect(r.body.results[0]).toMatchObject({ status: 'conflict', error: { code: 'clock-suspect' } })
  })

  it('writes a batch in one transaction with one commit version', async () => {
    const d = await desk('C2')
    const mine = w.customers.filter((c) => c.centre === 'C2').slice(0, 30)
    const [{ version: before }] = await w.sql.query<{ version: number }>('SELECT version FROM sync_clock')
    const r = await d.push(mine.map((c) => d.reading(c.meterId, c.lastValue + 50)))
    expect(r.body.results.every((x: any) => x.status === 'applied')).toBe(true)
    const [{ version: after }] = await w.sql.query<{ version: number }>('SELECT version FROM sync_clock')
    expect(after).toBe(before + 1)
    const versions = await w.sql.query<{ version: number }>(
      "SELECT DISTINCT version FROM sync_entities WHERE entity_type = 'readings' AND entity_id = ANY($1)",
      [r.body.results.map((x: any) => x.result.readingId)],
    )
    expect(versions).toEqual([{ version: after }])
  })

  it('property: whatever the delivery (replays, overlaps, gaps, lost responses), each mutation is decided exactly once in seq order', async () => {
    const [c] = fresh(1)
    let runs = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            shift: fc.integer({ min: -3, max: 2 }),
            len: fc.integer({ min: 1, max: 4 }),
            lost: fc.boolean(),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 2, max: 8 }),
        async (deliveries, total) => {
          runs++
          const d = await desk()
          const all = Array.from({ length: total }, (_, i) =>
            i % 2 === 0
              ? d.mutation('customer.updateContact', 'customer', c.id, {
                  phone: `+3712${1_000_000 + runs * 10 + i}`,
                })
              : d.mutation('customer.setLanguage', 'customer', c.id, { language: i % 4 === 1 ? 'ru' : 'lv' }),
          )
          // What the desk knows: only responses that reached it move its acknowledged seq.
          let acked = 0
          for (const x of deliveries) {
            const from = Math.min(total, Math.max(1, acked + 1 + x.shift))
            const r = await d.push(all.slice(from - 1, from - 1 + x.len))
            if (r.status === 409) {
              // A gap: the central says where to resume (past anything a lost response hid from the desk).
              expect(r.body.code).toBe('expected-seq')
              expect(r.body.details.expectedSeq).toBeGreaterThan(acked)
              acked = r.body.details.expectedSeq - 1
            } else expect(r.status).toBe(200)
            if (r.status === 200 && !x.lost) acked = Math.max(acked, r.body.lastSeq)
            // A lost response: the central committed, the desk does not know. The next push finds out.
          }
          while (acked < total) {
            const r = await d.push(all.slice(acked, acked + 4))
            expect(r.status).toBe(200)
            acked = r.body.lastSeq
          }
          const seqs = await w.sql.query<{ seq: number; mutation_id: string }>(
            'SELECT seq, mutation_id FROM sync_client_seqs WHERE client_id = $1 ORDER BY seq',
            [d.clientId],
          )
          expect(seqs).toEqual(all.map((m) => ({ seq: m.seq, mutation_id: m.mutationId })))
          const [{ n }] = await w.sql.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM sync_mutations WHERE mutation_id = ANY($1)',
            [all.map((m) => m.mutationId)],
          )
          expect(n).toBe(total)
        },
      ),
      { numRuns: 10, seed: Number(process.env.GASDESK_FC_SEED ?? 9) },
    )
  }, 300_000)

  it('refuses a body over 1 MiB with 413 and more than 500 mutations as invalid, applying nothing', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const huge = d.mutation('customer.updateContact', 'customer', a.id, { email: 'x'.repeat(1_100_000) })
    const r = await d.push([huge])
    expect(r.status).toBe(413)
    expect(r.body).toMatchObject({ code: 'too-large' })
    d.seq = 0
    const many = Array.from({ length: 501 }, () =>
      d.mutation('customer.setLanguage', 'customer', a.id, { language: 'ru' }),
    )
    const tooMany = await d.push(many)
    expect(tooMany.status).toBe(400)
    expect(tooMany.body).toMatchObject({ code: 'invalid-request' })
    expect((await w.sql.query('SELECT 1 FROM sync_clients WHERE client_id = $1', [d.clientId])).length).toBe(
      0,
    )
  })

  it('refuses a newer protocol with 426, a client id of another workstation with 403, and no token with 401', async () => {
    const d = await desk()
    const [a] = fresh(1)
    const newer = await d.push([d.mutation('customer.setLanguage', 'customer', a.id, { language: 'ru' })], {
      protocolVersion: 2,
    })
    expect(newer.status).toBe(426)
    expect(newer.body).toMatchObject({ code: 'upgrade-required', details: { side: 'central' } })
    d.seq = 0
    expect((await d.push([d.reading(a.meterId, a.lastValue + 2)])).status).toBe(200)
    const other = await desk()
    other.clientId = d.clientId
    other.seq = 1
    const stolen = await other.push([other.reading(a.meterId, a.lastValue + 2)])
    expect(stolen.status).toBe(403)
    other.token = ''
    expect((await other.push([other.reading(a.meterId, 1)])).status).toBe(401)
  })
})
