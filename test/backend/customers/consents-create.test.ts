import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import {
  CONSENT_UNDO_MS,
  type CustomerDraft,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../src/contract'
import { tempDir } from '../../helpers/tmp'

/*
 * Issue 10, "Forms" and "Consents" on a real SQLite file: what a new customer is created with (an
 * installation reading, a gas zone, consents with how they were given, a normalised address, the right
 * message under the surname), and a consent that is never recorded silently and can be undone — the
 * undo being its own mutation with outbox and audit rows.
 */
const tmp = tempDir('gasdesk-consents-')
const clock = manualClock(Date.parse('2026-11-26T10:00:00Z'))
let backend: Backend

type Result<M extends MethodName> =
  | { ok: true; value: MethodOutput<M> }
  | { ok: false; error: { code: string; messageKey: string; details?: Record<string, unknown> } }
const as = async <M extends MethodName>(key: string, method: M, input: MethodInput<M>) =>
  (await backend.dispatch(method, input, key)) as Result<M>
async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  key = 'liga',
): Promise<MethodOutput<M>> {
  const r = await as(key, method, input)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}
const rows = (sql: string, ...args: unknown[]) =>
  backend.ctx.db.prepare(sql).all(...args) as Record<string, unknown>[]

const draft = (over: Partial<CustomerDraft> = {}): CustomerDraft => ({
  kind: 'person',
  firstName: 'Ilze',
  lastName: 'Zaļā',
  personalCode: '120768-18764',
  language: 'lv',
  address: { street: 'maskavas iela.', house: '39', apartment: 'dz. 38', town: 'Riga', postalCode: 'lv1003' },
  premises: [
    {
      address: {
        street: 'Skolas iela',
        house: '3k2',
        town: 'ogre',
        municipality: 'Ogres nov.',
        postalCode: '5001',
      },
      billingType: 'invoice',
      meter: {
        meteringPointId: 'A000000901',
        serial: 'CC-901',
        digits: 5,
        maxFlowM3h: 6,
        installationReading: 4711,
      },
    },
  ],
  consents: [{ channel: 'sms', via: 'visit' }],
  ...over,
})

beforeAll(async () => {
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
  for (const user of ['liga', 'janis'])
    expect(
      (await backend.dispatch('session.signIn', { username: user, password: `${user}-demo` }, user)).ok,
    ).toBe(true)
})
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

describe('a new customer', () => {
  it('says "enter the surname" under the surname, not "enter the name"', async () => {
    const r = await as('liga', 'customers.create', { draft: draft({ lastName: ' ' }) })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.details?.fields).toEqual(
      expect.arrayContaining([{ path: 'lastName', messageKey: 'validation.lastName.empty' }]),
    )
    expect(r.error.details?.fields).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ messageKey: 'validation.name.empty' })]),
    )
  })

  it('needs the installation reading, and one that fits the register', async () => {
    const base = draft().premises[0]
    for (const [reading, key] of [
      [null, 'customers.errors.installationReadingRequired'],
      [100000, 'customers.errors.installationReadingDigits'],
    ] as const) {
      const r = await as('liga', 'customers.create', {
        draft: draft({ premises: [{ ...base, meter: { ...base.meter, installationReading: reading } }] }),
      })
      expect(!r.ok && r.error.details?.fields).toEqual([
        { path: 'premises.0.meter.installationReading', messageKey: key },
      ])
    }
  })

  let id = ''
  it('is stored with the installation reading, the zone, its consents and a normalised address', async () => {
    id = (await call('customers.create', { draft: draft() })).customerId
    const view = await call('customers.get', { customerId: id })
    expect(view.address).toBe('Maskavas iela 39-38, Rīga, LV-1003')
    expect(view.premises[0].address).toBe('Skolas iela 3 k-2, Ogre, Ogres novads, LV-5001')
    expect(view.premises[0].meters[0].lastReading).toMatchObject({
      value: 4711,
      date: '2026-11-26',
      status: 'actual',
    })
    // Zone suggested from the postal code: Ogre (LV-50..) lies in Vidzeme.
    expect(rows('SELECT zone FROM premises WHERE customer_id = ?', id)).toEqual([{ zone: 'vidzeme' }])
    expect(view.consents.find((c) => c.channel === 'sms')).toMatchObject({
      granted: true,
      source: 'agent',
      via: 'visit',
      agentName: 'Līga Ozoliņa',
    })
    expect(view.consents.filter((c) => c.granted).map((c) => c.channel)).toEqual(['sms'])
    const reading = rows(
      'SELECT flags, source, agent_id FROM readings WHERE meter_id IN (SELECT m.id FROM meters m JOIN premises p ON p.id = m.premise_id WHERE p.customer_id = ?)',
      id,
    )
    expect(reading).toHaveLength(1)
    expect(JSON.parse(String(reading[0].flags))).toEqual({ installation: true })
    // One mutation for all of it.
    expect(rows("SELECT count(*) AS n FROM outbox WHERE name = 'customer.create'")).toEqual([{ n: 1 }])
  })

  it('takes the zone the agent chose over the suggestion', async () => {
    const d = draft({ personalCode: '161175-19997', consents: [] })
    d.premises[0] = {
      ...d.premises[0],
      zone: 'riga',
      meter: { ...d.premises[0].meter, meteringPointId: 'A000000902', serial: 'CC-902' },
    }
    const r = await call('customers.create', { draft: d, ignoreDuplicates: true })
    expect(rows('SELECT zone FROM premises WHERE customer_id = ?', r.customerId)).toEqual([{ zone: 'riga' }])
  })

  describe('consents', () => {
    const outboxOf = (name: string) => rows('SELECT args FROM outbox WHERE name = ? ORDER BY seq', name)
    const auditOf = (action: string) =>
      rows(
        'SELECT before_json, after_json FROM audit_log WHERE action = ? AND customer_id = ? ORDER BY id',
        action,
        id,
      )

    it('are never recorded without saying how the customer gave them', async () => {
      const r = await as('liga', 'customers.setConsent', {
        customerId: id,
        channel: 'email',
        granted: true,
      } as never)
      expect(!r.ok && r.error.code).toBe('VALIDATION')
      expect(rows("SELECT count(*) AS n FROM consents WHERE channel = 'email'")).toEqual([{ n: 0 }])
    })

    let grantId = ''
    it('are recorded with the channel, how they were given, agent, time and wording', async () => {
      clock.advance(60_000)
      const view = await call('customers.setConsent', {
        customerId: id,
        channel: 'email',
        granted: true,
        via: 'phone',
      })
      const email = view.consents.find((c) => c.channel === 'email')!
      expect(email).toMatchObject({
        granted: true,
        via: 'phone',
        source: 'agent',
        wordingVersion: 'marketing-2024-09',
      })
      expect(email.undoUntil).toBe(new Date(clock.now() + CONSENT_UNDO_MS).toISOString())
      grantId = email.id!
      expect(JSON.parse(String(outboxOf('consent.grant').at(-1)!.args))).toMatchObject({
        channel: 'email',
        via: 'phone',
      })
    })

    it('only the agent who recorded a choice may undo it', async () => {
      const view = await call('customers.get', { customerId: id }, 'janis')
      expect(view.consents.find((c) => c.channel === 'email')!.undoUntil).toBeNull()
      const r = await as('janis', 'customers.undoConsent', { customerId: id, consentId: grantId })
      expect(!r.ok && r.error).toMatchObject({
        code: 'CONFLICT',
        messageKey: 'customers.errors.consentUndoExpired',
      })
    })

    it('an undo restores the previous state and is itself a mutation with outbox and audit rows', async () => {
      clock.advance(30_000)
      const outboxBefore = rows('SELECT count(*) AS n FROM outbox')[0].n as number
      const view = await call('customers.undoConsent', { customerId: id, consentId: grantId })
      const email = view.consents.find((c) => c.channel === 'email')!
      expect(email).toMatchObject({ granted: false, undoesId: grantId, via: 'phone', undoUntil: null })
      expect(rows('SELECT count(*) AS n FROM outbox')[0].n).toBe(outboxBefore + 1)
      expect(JSON.parse(String(outboxOf('consent.undo')[0].args))).toMatchObject({
        channel: 'email',
        granted: false,
        undoes: grantId,
      })
      expect(
        auditOf('consent.undo').map((a) => [
          JSON.parse(String(a.before_json)),
          JSON.parse(String(a.after_json)),
        ]),
      ).toEqual([
        [
          { channel: 'email', granted: true },
          { channel: 'email', granted: false },
        ],
      ])
      // The history keeps both, newest first; an undo cannot be undone again.
      const history = await call('customers.consentHistory', { customerId: id })
      expect(
        history.entries.filter((e) => e.channel === 'email').map((e) => [e.granted, e.undoesId]),
      ).toEqual([
        [false, grantId],
        [true, null],
      ])
      const again = await as('liga', 'customers.undoConsent', { customerId: id, consentId: email.id! })
      expect(again.ok).toBe(false)
    })

    it('undoing a withdrawal gives the consent back', async () => {
      const withdrawn = await call('customers.setConsent', {
        customerId: id,
        channel: 'sms',
        granted: false,
        via: 'letter',
      })
      const sms = withdrawn.consents.find((c) => c.channel === 'sms')!
      const back = await call('customers.undoConsent', { customerId: id, consentId: sms.id! })
      expect(back.consents.find((c) => c.channel === 'sms')).toMatchObject({
        granted: true,
        undoesId: sms.id,
      })
    })

    it(`cannot be undone after ${CONSENT_UNDO_MS / 60_000} minutes: then it is a new choice like any other`, async () => {
      const view = await call('customers.setConsent', {
        customerId: id,
        channel: 'post',
        granted: true,
        via: 'letter',
      })
      const post = view.consents.find((c) => c.channel === 'post')!
      clock.advance(CONSENT_UNDO_MS + 1)
      await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'liga')
      const r = await as('liga', 'customers.undoConsent', { customerId: id, consentId: post.id! })
      expect(!r.ok && r.error.messageKey).toBe('customers.errors.consentUndoExpired')
      expect(
        (await call('customers.get', { customerId: id })).consents.find((c) => c.channel === 'post'),
      ).toMatchObject({
        granted: true,
        undoUntil: null,
      })
    })
  })
})
