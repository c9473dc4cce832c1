import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEnrolCode, setAgentActive } from '../../src/central/admin/accounts'
import { openDatabase, type Db } from '../../src/backend/db/open'
import { ensureWorkstation } from '../../src/backend/db/workstation'
import { fileSecretStore, ownerOnlyCodec } from '../../src/backend/host/secret-file'
import { recordReading } from '../../src/backend/services/readings/record'
import { setConsent, updateContacts } from '../../src/backend/services/customers/contacts'
import { createLogin } from '../../src/backend/services/customers/portal'
import { addUser } from '../../src/backend/services/customers/users'
import { completeFollowUp, logInteraction } from '../../src/backend/services/interactions/log'
import { verifyPassword } from '../../src/backend/services/passwords'
import type { Transport } from '../../src/backend/sync/api'
import { enrolDesk, SyncClient } from '../../src/backend/sync/client'
import { readSyncStatus } from '../../src/backend/services/sync-status'
import { HANDLERS } from '../../src/central/sync/handlers'
import { blocked } from '../../src/core/sync/decide/types'
import { engines } from './support/engines'
import { listen, world, type Running, type World } from './support/harness'

const CONFIRMED = ['consumption-high', 'consumption-low', 'zero-consumption'] as never

/** A real desk: its own SQLite file, a secrets file beside it, a sync client over Node's fetch. */
interface TestDesk {
  file: string
  db: Db
  client: SyncClient
  /** Swappable: tests put faults between the desk and the central. */
  transport: { current: Transport }
  reopen(): TestDesk
}

describe.each(engines)('desk sync client against a central on %s', (engine) => {
  let w: World
  let central: Running
  let dir: string
  let liga: string
  let names = 0
  // Each test takes seeded customers nobody else touched.
  let taken = 0
  const fresh = () => w.customers.filter((c) => c.centre === 'C1')[taken++]

  const opened: Db[] = []
  let holdContacts = false
  const open = (file: string, transport: { current: Transport }): TestDesk => {
    const db = openDatabase(file)
    opened.push(db)
    ensureWorkstation(db, 'test desk')
    const secrets = fileSecretStore(`${file}.secrets.json`, ownerOnlyCodec)
    const client = new SyncClient({
      db,
      secrets,
      transport: (url, init) => transport.current(url, init),
      now: w.clock.now,
    })
    const desk: TestDesk = {
      file,
      db,
      client,
      transport,
      reopen: () => {
        db.close()
        return open(file, transport)
      },
    }
    return desk
  }

  /** A new workstation in C1: empty database, enrolled with a one-time code, bootstrapped by one cycle. */
  const desk = async (): Promise<TestDesk> => {
    const file = join(dir, `desk-${++names}.db`)
    const d = open(file, { current: fetch })
    const { code } = await createEnrolCode(w.sql, 'C1', `W${names}`, w.clock.ms)
    await enrolDesk(d.db, fileSecretStore(`${file}.secrets.json`, ownerOnlyCodec), fetch, central.url, code)
    await d.client.cycle()
    return d
  }
  const actor = () => ({ agentId: liga, workstation: 'test desk', nowMs: w.clock.ms })
  const record = (d: TestDesk, meterId: string, value: number) =>
    recordReading(d.db, actor(), { meterId, value, channel: 'visit', confirmed: CONFIRMED }).readingId
  const centralReadings = async (id: string) =>
    (await w.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM readings WHERE id = $1', [id]))[0].n
  const outbox = (d: TestDesk) =>
    d.db.prepare('SELECT seq, status, last_error FROM outbox ORDER BY seq').all() as {
      seq: number
      status: string
      last_error: string | null
    }[]

  beforeAll(async () => {
    w = await world(engine, 40)
    liga = w.agents.get('liga')!
    const contact = HANDLERS['customer.updateContact']!
    central = await listen(w.sql, `${w.db.dataDir}/blobs`, {
      now: w.clock.now,
      handlers: {
        'customer.updateContact': {
          ...contact,
          decide: (s, a, ctx) => (holdContacts ? blocked('retry-later') : contact.decide(s, a, ctx)),
        },
      },
    })
    dir = mkdtempSync(join(tmpdir(), 'gasdesk-desk-sync-'))
  })
  afterAll(async () => {
    for (const d of opened) if (d.open) d.close()
    await central?.stop()
    await w?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('bootstraps an enrolled desk with its centre and the agents, token kept out of the database', async () => {
    const d = await desk()
    const c1 = w.customers.filter((c) => c.centre === 'C1').map((c) => c.id)
    const local = d.db.prepare('SELECT id FROM customers ORDER BY id').pluck().all()
    expect(local).toEqual([...c1].sort())
    expect(
      d.db
        .prepare('SELECT count(*) FROM customers WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .get(JSON.stringify(w.customers.filter((c) => c.centre === 'C2').map((c) => c.id))),
    ).toBe(0)
    expect(d.db.prepare('SELECT id FROM agents WHERE username = ?').pluck().get('liga')).toBe(liga)
    const dump = JSON.stringify(d.db.prepare('SELECT * FROM sync_state').all())
    expect(dump).not.toMatch(/accessToken|refreshToken/u)
    expect(readSyncStatus(d.db)).toMatchObject({
      online: true,
      state: 'online',
      pending: 0,
      rejected: 0,
      conflicts: 0,
      centre: 'C1',
      central: central.url,
      lastError: null,
    })
  })

  it('a reading entered offline on desk A reaches desk B of the same centre', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    const id = record(a, c.meterId, c.lastValue + 60)
    expect(readSyncStatus(a.db).pending).toBe(1)
    const report = await a.client.cycle()
    expect(report.pushed).toBe(1)
    expect(outbox(a)).toEqual([]) // applied, and trimmed by the pull in the same cycle
    await b.client.cycle()
    expect(b.db.prepare('SELECT value, meter_id FROM readings WHERE id = ?').get(id)).toEqual({
      value: c.lastValue + 60,
      meter_id: c.meterId,
    })
  })

  it('a consent given by phone on desk A reaches desk B with how it was given', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    setConsent(a.db, actor(), { customerId: c.id, channel: 'sms', granted: true, via: 'phone' })
    const id = a.db.prepare('SELECT id FROM consents WHERE customer_id = ?').pluck().get(c.id) as string
    await a.client.cycle()
    await b.client.cycle()
    expect(
      b.db.prepare('SELECT channel, granted, obtained_via, source FROM consents WHERE id = ?').get(id),
    ).toEqual({
      channel: 'sms',
      granted: 1,
      obtained_via: 'phone',
      source: 'agent',
    })
  })

  it('a portal login, a portal user, an interaction and its completed follow-up from desk A sync cleanly and reach desk B', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    const login = await createLogin(a.db, actor(), c.id, `portal-${c.id.slice(0, 8)}@example.lv`)
    const today = new Date(w.clock.ms).toISOString().slice(0, 10)
    addUser(
      a.db,
      actor(),
      {
        customerId: c.id,
        email: `user-${c.id.slice(0, 8)}@example.lv`,
        firstName: 'Anna',
        lastName: 'Bērziņa',
        rights: [{ premiseId: c.premiseId, right: 'view_invoices' }],
      },
      today,
    )
    const item = logInteraction(a.db, actor(), {
      customerId: c.id,
      channel: 'phone',
      direction: 'inbound',
      topic: 'invoice',
      outcome: 'follow-up',
      summary: 'Asks about the portal letter.',
      followUp: { assignee: { kind: 'self' } },
    })
    const followUpId = a.db
      .prepare('SELECT id FROM follow_ups WHERE interaction_id = ?')
      .pluck()
      .get(item.id) as string
    completeFollowUp(a.db, actor(), { id: liga, role: 'agent' } as never, followUpId)
    expect(readSyncStatus(a.db).pending).toBe(4)

    const report = await a.client.cycle()
    expect(report).toMatchObject({ pushed: 4, rejected: 0, conflicts: 0 })
    expect(outbox(a)).toEqual([])
    expect(readSyncStatus(a.db)).toMatchObject({ pending: 0, rejected: 0, conflicts: 0 })
    // The temporary password on the printed letter works centrally.
    const [account] = await w.sql.query<{ id: string; password_hash: string }>(
      'SELECT id, password_hash FROM portal_accounts WHERE customer_id = $1',
      [c.id],
    )
    expect(await verifyPassword(login.temporaryPassword, account.password_hash)).toBe(true)

    await b.client.cycle()
    expect(
      b.db.prepare('SELECT status, password_hash FROM portal_accounts WHERE id = ?').get(account.id),
    ).toEqual({
      status: 'invited',
      password_hash: null,
    })
    expect(
      b.db
        .prepare(
          `SELECT r.premise_id, r."right", r.status FROM portal_rights r JOIN portal_users u ON u.id = r.portal_user_id
           WHERE u.account_id = ?`,
        )
        .all(account.id),
    ).toEqual([{ premise_id: c.premiseId, right: 'view_invoices', status: 'requested' }])
    expect(b.db.prepare('SELECT topic FROM interactions WHERE id = ?').pluck().get(item.id)).toBe('invoice')
    expect(b.db.prepare('SELECT status, done_by FROM follow_ups WHERE id = ?').get(followUpId)).toEqual({
      status: 'done',
      done_by: liga,
    })
  })

  it('lost response after the central committed: the retry is a duplicate, applied once', async () => {
    const a = await desk()
    const c = fresh()
    const id = record(a, c.meterId, c.lastValue + 55)
    let dropped = 0
    a.transport.current = async (url, init) => {
      const res = await fetch(url, init)
      if (url.includes('/sync/v1/push') && dropped++ === 0) throw new Error('connection reset')
      return res
    }
    await expect(a.client.cycle()).rejects.toThrow(/connection reset/u)
    expect(await centralReadings(id)).toBe(1)
    expect(outbox(a)).toMatchObject([{ status: 'pending' }])
    expect(readSyncStatus(a.db)).toMatchObject({
      online: false,
      state: 'offline',
      pending: 1,
      lastError: { code: 'network', messageKey: 'sync.client.errors.network' },
    })
    expect(a.client.nextRetryAt).not.toBeNull()
    const report = await a.client.cycle()
    expect(report.pushed).toBe(1)
    expect(await centralReadings(id)).toBe(1)
    const [m] = await w.sql.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sync_mutations WHERE name = 'reading.record' AND entity_id = $1",
      [id],
    )
    expect(m.n).toBe(1)
    expect(outbox(a)).toEqual([])
  })

  it('desk killed with a batch inflight after the central committed: restart sends it again, applied once', async () => {
    const a = await desk()
    const c = fresh()
    const id = record(a, c.meterId, c.lastValue + 40)
    // The central commits, then the desk dies before it reads the answer.
    a.transport.current = async (url, init) => {
      const res = await fetch(url, init)
      if (url.includes('/sync/v1/push')) throw new Error('killed')
      return res
    }
    const resetOnFail = a.db.prepare('SELECT status FROM outbox WHERE seq = 1')
    await expect(a.client.cycle()).rejects.toThrow(/killed/u)
    // What a crash leaves (the client resets on a handled failure; a killed process cannot).
    a.db.prepare("UPDATE outbox SET status = 'inflight' WHERE seq = 1").run()
    expect(resetOnFail.pluck().get()).toBe('inflight')
    a.transport.current = fetch
    const restarted = a.reopen()
    expect(outbox(restarted)).toMatchObject([{ seq: 1, status: 'pending' }])
    await restarted.client.cycle()
    expect(await centralReadings(id)).toBe(1)
    expect(outbox(restarted)).toEqual([])
    restarted.db.close()
  })

  it('gap: a central that lost the tail of a desk’s seqs gets it resent from expectedSeq, nothing twice', async () => {
    const a = await desk()
    const [c1, c2, c3] = [fresh(), fresh(), fresh()]
    // Pulls fail, so the applied rows stay in the outbox (not trimmed yet).
    a.transport.current = async (url, init) =>
      url.includes('/sync/v1/pull') ? new Response('busy', { status: 503 }) : fetch(url, init)
    const r1 = record(a, c1.meterId, c1.lastValue + 30)
    const r2 = record(a, c2.meterId, c2.lastValue + 30)
    await expect(a.client.cycle()).rejects.toThrow(/503/u)
    expect(outbox(a).map((r) => r.status)).toEqual(['applied', 'applied'])
    // The central is restored from a backup that knew seq 1 only.
    const clientId = a.client.config!.clientId
    await w.sql.query('DELETE FROM sync_client_seqs WHERE client_id = $1 AND seq = 2', [clientId])
    await w.sql.query('UPDATE sync_clients SET last_seq = 1 WHERE client_id = $1', [clientId])
    a.transport.current = fetch
    const r3 = record(a, c3.meterId, c3.lastValue + 30)
    await a.client.cycle()
    const [client] = await w.sql.query<{ last_seq: number }>(
      'SELECT last_seq FROM sync_clients WHERE client_id = $1',
      [clientId],
    )
    expect(client.last_seq).toBe(3)
    for (const id of [r1, r2, r3]) expect(await centralReadings(id)).toBe(1)
    expect(outbox(a)).toEqual([])
  })

  it('replay: a desk restored from an older copy (same client id, other history) rotates its id, applied once', async () => {
    const a = await desk()
    const copy = join(dir, `restored-${names}.db`)
    a.db.pragma('wal_checkpoint(TRUNCATE)')
    copyFileSync(a.file, copy)
    copyFileSync(`${a.file}.secrets.json`, `${copy}.secrets.json`)
    const [c1, c2] = [fresh(), fresh()]
    record(a, c1.meterId, c1.lastValue + 25)
    await a.client.cycle()
    const restored = open(copy, { current: fetch })
    const before = restored.client.config!.clientId
    expect(before).toBe(a.client.config!.clientId)
    const mine = record(restored, c2.meterId, c2.lastValue + 25)
    await restored.client.cycle()
    expect(restored.client.config!.clientId).not.toBe(before)
    expect(await centralReadings(mine)).toBe(1)
    expect(outbox(restored)).toEqual([])
    restored.db.close()
  })

  it('rejection undoes the optimistic change in the same transaction that records the verdict', async () => {
    const a = await desk()
    const c = fresh()
    const id = record(a, c.meterId, c.lastValue + 70)
    expect(a.db.prepare('SELECT count(*) FROM readings WHERE id = ?').pluck().get(id)).toBe(1)
    await setAgentActive(w.sql, liga, false)
    try {
      const report = await a.client.cycle()
      expect(report.rejected).toBe(1)
    } finally {
      await setAgentActive(w.sql, liga, true)
    }
    expect(a.db.prepare('SELECT count(*) FROM readings WHERE id = ?').pluck().get(id)).toBe(0)
    const [row] = outbox(a)
    expect(row.status).toBe('rejected')
    expect(JSON.parse(row.last_error!)).toMatchObject({ code: 'forbidden' })
    expect(readSyncStatus(a.db)).toMatchObject({ pending: 0, rejected: 1 })
    expect(await centralReadings(id)).toBe(0)
  })

  it('same contact field changed on two desks: the second gets a conflict and shows the central’s value', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    const base = (d: TestDesk) =>
      (d.db.prepare('SELECT version FROM customers WHERE id = ?').get(c.id) as { version: number }).version
    const phone = a.db.prepare('SELECT phone FROM customers WHERE id = ?').pluck().get(c.id) as string | null
    updateContacts(a.db, actor(), {
      customerId: c.id,
      baseVersion: base(a),
      email: 'a-desk@example.lv',
      phone,
    })
    updateContacts(b.db, actor(), {
      customerId: c.id,
      baseVersion: base(b),
      email: 'b-desk@example.lv',
      phone,
    })
    await a.client.cycle()
    const report = await b.client.cycle()
    expect(report.conflicts).toBe(1)
    expect(b.db.prepare('SELECT email FROM customers WHERE id = ?').pluck().get(c.id)).toBe(
      'a-desk@example.lv',
    )
    expect(outbox(b)).toMatchObject([{ status: 'conflict' }])
  })

  it('a pulled row waits while its entity has an unsent edit, so the agent never sees it reverted', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    const base = (d: TestDesk) =>
      (d.db.prepare('SELECT version FROM customers WHERE id = ?').get(c.id) as { version: number }).version
    const shown = () =>
      b.db.prepare('SELECT email, phone FROM customers WHERE id = ?').get(c.id) as {
        email: string
        phone: string
      }
    const before = shown()
    updateContacts(a.db, actor(), {
      customerId: c.id,
      baseVersion: base(a),
      email: before.email,
      phone: '+37120000001',
    })
    await a.client.cycle()
    // B's edit is held back by the central for now (a precondition), while B's pull goes through.
    updateContacts(b.db, actor(), {
      customerId: c.id,
      baseVersion: base(b),
      email: 'waits@example.lv',
      phone: before.phone,
    })
    holdContacts = true
    try {
      const report = await b.client.cycle()
      expect(report.blocked).toBe('retry-later')
      expect(report.deferred).toBeGreaterThanOrEqual(1)
    } finally {
      holdContacts = false
    }
    expect(shown()).toEqual({ email: 'waits@example.lv', phone: before.phone })
    expect(outbox(b)).toMatchObject([{ status: 'pending' }])
    await b.client.cycle()
    expect(shown()).toEqual({ email: 'waits@example.lv', phone: '+37120000001' })
    expect(b.db.prepare('SELECT count(*) FROM sync_deferred').pluck().get()).toBe(0)
  })
})
