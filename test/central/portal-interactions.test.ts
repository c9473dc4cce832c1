import { randomUUID } from 'node:crypto'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullResponseSchema } from '../../src/contract/sync'
import { setAgentActive } from '../../src/central/admin/accounts'
import { hashPassword, verifyPassword } from '../../src/backend/services/passwords'
import { engines } from './support/engines'
import { Desk, listen, world, type Running, type World } from './support/harness'

/** Central handlers for portal logins and users, interactions and follow-ups (issue 9: no upgrade-required). */
describe.each(engines)('portal and interaction mutations on %s', (engine) => {
  let w: World
  let central: Running
  let liga: string
  let janis: string
  let n = 0
  const logs: string[] = []
  const desk = (centre = 'C1', agent = liga) =>
    Desk.enrol(w.sql, central.url, centre, `PI${++n}`, agent, w.clock)
  let taken = 0
  const fresh = (centre = 'C1') => {
    const c = w.customers.filter((x) => x.centre === centre)[taken++]
    if (!c) throw new Error('out of seeded customers')
    return c
  }
  const email = () => `u-${randomUUID().slice(0, 8)}@example.lv`
  const results = (r: { body: any }) => r.body.results.map((x: any) => [x.status, x.error?.code ?? null])

  /** Every change of a desk's partition from the start. */
  async function drain(d: Desk) {
    let cursor = ''
    const changes: any[] = []
    const bodies: string[] = []
    for (;;) {
      const r = await d.pull(cursor, '&limit=1000')
      expect(r.status).toBe(200)
      bodies.push(JSON.stringify(r.body))
      const body = pullResponseSchema.parse(r.body)
      changes.push(...body.changes)
      cursor = body.cursor
      if (!body.hasMore) return { changes, text: bodies.join('\n') }
    }
  }

  const createLogin = (
    d: Desk,
    customerId: string,
    verifier: string | null,
    id = randomUUID(),
    mail = email(),
  ) =>
    d.mutation(
      'portal.createLogin',
      'portal_account',
      id,
      { id, customerId, email: mail, passwordVerifier: verifier },
      { argsVersion: 2 },
    )
  const addUser = (d: Desk, accountId: string, rights: unknown[], mail = email(), id = randomUUID()) =>
    d.mutation('portalUser.add', 'portal_user', id, {
      id,
      accountId,
      email: mail,
      firstName: 'Anna',
      lastName: 'Bērziņa',
      rights,
    })
  const logInteraction = (d: Desk, customerId: string, over: Record<string, unknown> = {}) => {
    const id = randomUUID()
    return d.mutation('interaction.log', 'interaction', id, {
      id,
      customerId,
      channel: 'phone',
      direction: 'inbound',
      topic: 'invoice',
      outcome: 'follow-up',
      summary: 'Asks why the January invoice is higher.',
      occurredAt: '2026-02-27T10:00:00.000Z',
      followUp: { id: randomUUID(), agentId: liga, teamId: null, dueDate: '2026-03-03', note: 'Call back' },
      ...over,
    })
  }

  beforeAll(async () => {
    w = await world(engine, 40)
    liga = w.agents.get('liga')!
    janis = w.agents.get('janis')!
    // Every log line the central writes, at the most verbose level, to check that no secret reaches them.
    const logger = pino({ level: 'trace' }, { write: (s: string) => void logs.push(s) })
    central = await listen(w.sql, `${w.db.dataDir}/blobs`, { now: w.clock.now, logger })
  })
  afterAll(async () => {
    await central?.stop()
    await w?.close()
  })

  it('portal.createLogin applies once with the temporary password verifier; a replay is a duplicate', async () => {
    const d = await desk()
    const c = fresh()
    const verifier = await hashPassword('Temp0rary-pw')
    const m = createLogin(d, c.id, verifier)
    const first = await d.push([m])
    expect(first.body).toMatchObject({ lastSeq: 1, results: [{ status: 'applied', serverVersion: 1 }] })
    const again = await d.push([m])
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', outcome: 'applied' })
    const rows = await w.sql.query<{ status: string; password_hash: string; must_change_password: boolean }>(
      'SELECT status, password_hash, must_change_password FROM portal_accounts WHERE customer_id = $1',
      [c.id],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'invited', must_change_password: true })
    // The printed password works centrally.
    expect(await verifyPassword('Temp0rary-pw', rows[0].password_hash)).toBe(true)
  })

  it('a second login for the same customer, or the same e-mail, goes to a person; an unknown customer is rejected', async () => {
    const a = await desk()
    const b = await desk()
    const c = fresh()
    const other = fresh()
    const mail = email()
    expect(results(await a.push([createLogin(a, c.id, null, randomUUID(), mail)]))).toEqual([
      ['applied', null],
    ])
    const verifier = await hashPassword('Another-pw-1')
    const r = await b.push([
      createLogin(b, c.id, verifier),
      createLogin(b, other.id, null, randomUUID(), mail.toUpperCase()),
      createLogin(b, randomUUID(), null),
    ])
    expect(results(r)).toEqual([
      ['conflict', 'portal-exists'],
      ['conflict', 'portal-email-taken'],
      ['rejected', 'not-found'],
    ])
    expect(r.body.lastSeq).toBe(3)
    // The desk's optimistic login has no central row: the verdict tells it to remove it.
    expect(r.body.results[0].rows[0]).toMatchObject({ type: 'portal_accounts', op: 'delete' })
    // The conflicts queue keeps the args for a person, without the secret.
    const queued = await w.sql.query<{ details: unknown }>(
      "SELECT details FROM sync_conflicts WHERE name = 'portal.createLogin'",
    )
    expect(queued.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(queued)).not.toContain(verifier)
    expect(JSON.stringify(queued)).toContain('[redacted]')
  })

  it('portal.resetPassword replaces the verifier; a locked login refuses it; lock and unlock are idempotent', async () => {
    const d = await desk()
    const c = fresh()
    const id = randomUUID()
    await d.push([createLogin(d, c.id, null, id)])
    const v2 = await hashPassword('Reset-pw-22')
    const reset = d.mutation(
      'portal.resetPassword',
      'portal_account',
      id,
      { id, passwordVerifier: v2 },
      { argsVersion: 2, baseVersion: 1 },
    )
    const lock = d.mutation('portal.lock', 'portal_account', id, { id })
    const lockAgain = d.mutation('portal.lock', 'portal_account', id, { id })
    const resetLocked = d.mutation(
      'portal.resetPassword',
      'portal_account',
      id,
      { id, passwordVerifier: null },
      { argsVersion: 2 },
    )
    const unlock = d.mutation('portal.unlock', 'portal_account', id, { id })
    const unknown = d.mutation('portal.lock', 'portal_account', 'nope', { id: 'nope' })
    const r = await d.push([reset, lock, lockAgain, resetLocked, unlock, unknown])
    expect(results(r)).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
      ['rejected', 'portal-locked'],
      ['applied', null],
      ['rejected', 'not-found'],
    ])
    const [row] = await w.sql.query<{ status: string; password_hash: string; version: number }>(
      'SELECT status, password_hash, version FROM portal_accounts WHERE id = $1',
      [id],
    )
    // Reset, lock and unlock each bumped the version; the repeated lock and the refused reset did not.
    expect(row).toMatchObject({ status: 'invited', version: 4, password_hash: v2 })
    // A rejection carries the authoritative row, without the verifier.
    expect(r.body.results[3].rows[0]).toMatchObject({ type: 'portal_accounts', op: 'put' })
    expect(r.body.results[3].rows[0].row).not.toHaveProperty('password_hash')
    // It is the central's row as this batch left it (unlocked again by the last mutation).
    expect(r.body.results[3].rows[0].row).toMatchObject({ status: 'invited', version: 4 })
  })

  it('portalUser.add requests rights on the holder’s own premises only; holder e-mail, foreign premises and a duplicate user are refused', async () => {
    const d = await desk()
    const c = fresh()
    const stranger = fresh()
    const accountId = randomUUID()
    const holderMail = email()
    await d.push([createLogin(d, c.id, null, accountId, holderMail)])
    const userMail = email()
    const add = addUser(d, accountId, [{ premiseId: c.premiseId, right: 'view_invoices' }], userMail)
    const r = await d.push([
      add,
      addUser(d, accountId, [], holderMail.toUpperCase()),
      addUser(d, accountId, [{ premiseId: stranger.premiseId, right: 'pay' }]),
      addUser(d, accountId, [], userMail),
      addUser(d, randomUUID(), []),
    ])
    expect(results(r)).toEqual([
      ['applied', null],
      ['rejected', 'user-is-holder'],
      ['rejected', 'right-beyond-holder'],
      ['conflict', 'user-exists'],
      ['rejected', 'not-found'],
    ])
    expect(r.body.results[2].error.details).toEqual({ premises: [stranger.premiseId] })
    const [user] = await w.sql.query<{ status: string; rights: any[] }>(
      'SELECT status, rights FROM portal_users WHERE id = $1',
      [add.entityId],
    )
    expect(user.status).toBe('requested')
    // A grant waits for approval (SYNC.md): the right is requested, not granted.
    expect(user.rights).toEqual([
      expect.objectContaining({
        premise_id: c.premiseId,
        right: 'view_invoices',
        status: 'requested',
        agent_id: liga,
      }),
    ])
    expect((await d.push([add])).body.results[0]).toMatchObject({ status: 'duplicate', outcome: 'applied' })
    const count = await w.sql.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM portal_users WHERE account_id = $1',
      [accountId],
    )
    expect(count[0].n).toBe(1)
  })

  it('portalUser.setRights revokes what is no longer wanted and requests the new; revoke beats a later grant', async () => {
    const d = await desk()
    const c = fresh()
    const accountId = randomUUID()
    await d.push([createLogin(d, c.id, null, accountId)])
    const add = addUser(d, accountId, [{ premiseId: c.premiseId, right: 'view_invoices' }])
    const id = add.entityId
    const set = d.mutation('portalUser.setRights', 'portal_user', id, {
      id,
      rights: [{ premiseId: c.premiseId, right: 'pay' }],
    })
    const revoke = d.mutation('portalUser.revoke', 'portal_user', id, { id })
    const regrant = d.mutation('portalUser.setRights', 'portal_user', id, {
      id,
      rights: [{ premiseId: c.premiseId, right: 'pay' }],
    })
    const r = await d.push([add, set, revoke, regrant])
    expect(results(r)).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
      ['rejected', 'user-revoked'],
    ])
    const [user] = await w.sql.query<{ status: string; rights: any[]; version: number }>(
      'SELECT status, rights, version FROM portal_users WHERE id = $1',
      [id],
    )
    expect(user.status).toBe('revoked')
    expect(user.version).toBe(3)
    expect(user.rights.map((x) => [x.right, x.status])).toEqual([
      ['pay', 'revoked'],
      ['view_invoices', 'revoked'],
    ])
  })

  it('checks rights when applying: a deactivated agent’s portal login is rejected as forbidden', async () => {
    const d = await desk('C1', janis)
    const c = fresh()
    await setAgentActive(w.sql, janis, false)
    try {
      const r = await d.push([createLogin(d, c.id, await hashPassword('Forbidden-1'))])
      expect(r.body.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'forbidden', details: { reason: 'agent-inactive' } },
      })
      expect(r.body.lastSeq).toBe(1)
    } finally {
      await setAgentActive(w.sql, janis, true)
    }
  })

  it('interaction.log applies the interaction and its follow-up once; invalid values and unknown customers are rejected', async () => {
    const d = await desk()
    const c = fresh()
    const log = logInteraction(d, c.id)
    const r = await d.push([
      log,
      // Only an outgoing call can go unanswered (the core's rule the desk applied too).
      logInteraction(d, c.id, { channel: 'visit', outcome: 'no-answer', followUp: null }),
      logInteraction(d, c.id, { outcome: 'follow-up', followUp: null }),
      logInteraction(d, randomUUID(), { followUp: null, outcome: 'resolved' }),
    ])
    expect(results(r)).toEqual([
      ['applied', null],
      ['rejected', 'invalid-interaction'],
      ['rejected', 'invalid-interaction'],
      ['rejected', 'not-found'],
    ])
    expect(r.body.results[1].error.details.problems).toEqual([
      { field: 'outcome', code: 'outcome-not-for-channel' },
    ])
    expect((await d.push([log])).body.results[0]).toMatchObject({ status: 'duplicate', outcome: 'applied' })
    const counts = await w.sql.query<{ i: number; f: number }>(
      `SELECT (SELECT count(*)::int FROM interactions WHERE customer_id = $1) AS i,
              (SELECT count(*)::int FROM follow_ups WHERE customer_id = $1) AS f`,
      [c.id],
    )
    expect(counts[0]).toEqual({ i: 1, f: 1 })
  })

  it('an interaction logged offline weeks ago is judged as of when it happened, not refused for its age', async () => {
    const d = await desk()
    const c = fresh()
    const old = logInteraction(d, c.id, {
      occurredAt: '2026-01-05T09:00:00.000Z',
      followUp: { id: randomUUID(), agentId: null, teamId: 'team-billing', dueDate: '2026-01-08', note: '' },
    })
    expect(results(await d.push([old]))).toEqual([['applied', null]])
  })

  it('followUp.complete: the first completion wins, a second by someone else goes to a person', async () => {
    const a = await desk()
    const b = await desk('C1', janis)
    const c = fresh()
    const log = logInteraction(a, c.id)
    const followUpId = (log.args as any).followUp.id as string
    await a.push([log])
    const done = a.mutation('followUp.complete', 'follow_up', followUpId, {
      id: followUpId,
      doneAt: '2026-02-27T12:00:00.000Z',
    })
    const ra = await a.push([
      done,
      a.mutation('followUp.complete', 'follow_up', 'nope', {
        id: 'nope',
        doneAt: '2026-02-27T12:00:00.000Z',
      }),
    ])
    expect(results(ra)).toEqual([
      ['applied', null],
      ['rejected', 'not-found'],
    ])
    const rb = await b.push([
      b.mutation('followUp.complete', 'follow_up', followUpId, {
        id: followUpId,
        doneAt: '2026-02-27T12:01:00.000Z',
      }),
    ])
    expect(rb.body.results[0]).toMatchObject({
      status: 'conflict',
      error: { code: 'follow-up-closed', details: { status: 'done', doneBy: liga } },
    })
    expect(rb.body.results[0].rows[0]).toMatchObject({
      type: 'follow_ups',
      op: 'put',
      row: { status: 'done' },
    })
  })

  it('desks of the same centre pull logins, users, interactions and follow-ups; other centres do not; no verifier anywhere', async () => {
    const writer = await desk()
    const c = fresh()
    const verifier = await hashPassword('Pulled-pw-9')
    const accountId = randomUUID()
    const login = createLogin(writer, c.id, verifier, accountId)
    const add = addUser(writer, accountId, [{ premiseId: c.premiseId, right: 'submit_readings' }])
    const log = logInteraction(writer, c.id)
    const r = await writer.push([login, add, log])
    expect(results(r)).toEqual([
      ['applied', null],
      ['applied', null],
      ['applied', null],
    ])
    const same = await drain(await desk('C1'))
    const ids = (type: string) => same.changes.filter((x) => x.type === type).map((x) => x.id)
    expect(ids('portal_accounts')).toContain(accountId)
    expect(ids('portal_users')).toContain(add.entityId)
    expect(ids('interactions')).toContain(log.entityId)
    expect(ids('follow_ups')).toContain((log.args as any).followUp.id)
    const account = same.changes.find((x) => x.id === accountId)
    expect(account.row).toMatchObject({ customer_id: c.id, status: 'invited' })
    expect(account.row).not.toHaveProperty('password_hash')
    expect(same.text).not.toContain(verifier)

    const other = await drain(await desk('C2'))
    const mine = new Set([accountId, add.entityId, log.entityId])
    expect(other.changes.filter((x) => mine.has(x.id))).toEqual([])

    // Nothing the central logged or stored outside portal_accounts holds a verifier (agents' rows carry their
    // own sign-in verifiers by design: desks cache them for offline sign-in).
    expect(logs.join('\n')).not.toContain('scrypt$')
    const elsewhere = await w.sql.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM sync_mutations WHERE result::text LIKE '%scrypt$%')
            + (SELECT count(*) FROM sync_conflicts WHERE details::text LIKE '%scrypt$%')
            + (SELECT count(*) FROM sync_dead_letters WHERE args::text LIKE '%scrypt$%')
            + (SELECT count(*) FROM sync_entities WHERE entity_type <> 'agents' AND row_data::text LIKE '%scrypt$%') AS n`,
    )
    expect(Number(elsewhere[0].n)).toBe(0)
    expect(logs.length).toBeGreaterThan(0)
  })
})
