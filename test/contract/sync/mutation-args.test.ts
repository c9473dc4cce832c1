import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  mutationNames,
  mutationSpecs,
  parseMutationArgs,
  pushRequestSchema,
  redactArgs,
  syncErrorBody,
  syncErrorCodes,
  syncErrorSchema,
} from '../../../src/contract/sync'

const env = { entityId: 'c1', clientTime: '2026-03-10T08:15:00.000Z' }

describe('sync mutation args: versioned schemas with upcasters', () => {
  it('has a spec for every mutation name the desk services commit (the commitMutation call sites)', () => {
    const committed = new Set<string>()
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name)
        if (e.isDirectory()) walk(path)
        else if (path.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8')
          if (!text.includes('commitMutation(')) continue
          for (const line of text.split('\n').filter((l) => /\bname:/u.test(l)))
            for (const m of line.matchAll(/'([a-z][A-Za-z]*\.[a-z][A-Za-z]*)'/gu)) committed.add(m[1])
        }
      }
    }
    walk('src/backend/services')
    expect(committed.size).toBeGreaterThan(10)
    expect([...committed].sort()).toEqual([...mutationNames].sort())
  })

  it('upcasts a v1 consent (before desks asked how it was given) to v2 with via: null; v2 keeps via', () => {
    const v1 = {
      id: 'k1',
      customerId: 'c1',
      channel: 'sms',
      granted: true,
      at: env.clientTime,
      wordingVersion: 'w1',
    }
    expect(parseMutationArgs('consent.grant', 1, v1, env)).toMatchObject({ ok: true, args: { via: null } })
    expect(parseMutationArgs('consent.grant', 2, { ...v1, via: 'phone' }, env)).toMatchObject({
      ok: true,
      args: { via: 'phone' },
    })
    expect(parseMutationArgs('consent.withdraw', 2, { ...v1, via: 'phone' }, env).ok).toBe(false)
    expect(parseMutationArgs('consent.grant', 2, { ...v1, via: 'pigeon' }, env).ok).toBe(false)
  })

  it('an interaction log carries its follow-up with exactly one assignee, person or team', () => {
    const log = {
      id: 'i1',
      customerId: 'c1',
      channel: 'phone',
      direction: 'inbound',
      topic: 'invoice',
      outcome: 'follow-up',
      summary: 'Zvans par rēķinu | {@} Звонок',
      occurredAt: env.clientTime,
      followUp: { id: 'f1', agentId: null, teamId: 'team-billing', dueDate: '2026-03-12', note: '' },
    }
    expect(parseMutationArgs('interaction.log', 1, log, env).ok).toBe(true)
    expect(parseMutationArgs('interaction.log', 1, { ...log, followUp: null }, env).ok).toBe(true)
    const both = { ...log, followUp: { ...log.followUp, agentId: 'a1' } }
    expect(parseMutationArgs('interaction.log', 1, both, env).ok).toBe(false)
    expect(parseMutationArgs('followUp.complete', 1, { id: 'f1', doneAt: env.clientTime }, env).ok).toBe(true)
  })

  it('upcasts a v1 reading of today to v2 with the outbox row time as takenAt', () => {
    const r = parseMutationArgs(
      'reading.record',
      1,
      { readingId: 'r1', meterId: 'm1', value: 1234, channel: 'visit' },
      env,
    )
    expect(r).toMatchObject({ ok: true, fromVersion: 1, args: { takenAt: '2026-03-10T08:15:00.000Z' } })
  })

  it('upcasts a v1 reading of an earlier date to noon Riga time of that date', () => {
    const r = parseMutationArgs(
      'reading.record',
      1,
      { readingId: 'r1', meterId: 'm1', value: 1234, channel: 'letter', date: '2026-02-27' },
      env,
    )
    // 27 Feb is winter time (UTC+2): noon in Riga is 10:00 UTC.
    expect(r).toMatchObject({ ok: true, args: { takenAt: '2026-02-27T10:00:00.000Z' } })
  })

  it('takes v2 as it is and refuses v2 without takenAt', () => {
    const v2 = { readingId: 'r1', meterId: 'm1', value: 1, channel: 'visit', takenAt: '2026-03-10T08:00:00Z' }
    expect(parseMutationArgs('reading.record', 2, v2, env)).toMatchObject({ ok: true, fromVersion: 2 })
    const { takenAt: _, ...noTime } = v2
    expect(parseMutationArgs('reading.record', 2, noTime, env)).toMatchObject({
      ok: false,
      reason: 'invalid',
    })
  })

  it('says version-too-new for a version the central does not know, and unknown-name for a new name', () => {
    expect(parseMutationArgs('reading.record', 99, {}, env)).toMatchObject({
      ok: false,
      reason: 'version-too-new',
    })
    expect(parseMutationArgs('meter.replace', 1, {}, env)).toMatchObject({
      ok: false,
      reason: 'unknown-name',
    })
  })

  it('upcasts a v1 customer.create with deterministic premise and meter ids (a replay is idempotent)', () => {
    const draft = {
      kind: 'person',
      firstName: 'Anna',
      lastName: 'Kalna',
      companyName: null,
      personalCode: '32345678901',
      registrationNo: null,
      vatNo: null,
      email: null,
      phone: null,
      language: 'lv',
      address: {
        street: 'Brīvības iela',
        house: '1',
        apartment: null,
        town: 'Rīga',
        parish: null,
        municipality: null,
        postalCode: 'LV-1010',
      },
      premises: [
        {
          address: {
            street: 'Brīvības iela',
            house: '1',
            apartment: null,
            town: 'Rīga',
            parish: null,
            municipality: null,
            postalCode: 'LV-1010',
          },
          billingType: 'invoice',
          monthlyInstalmentCents: null,
          meter: { meteringPointId: 'A123456789', serial: 'SN-1', model: 'G4', digits: 5, maxFlowM3h: 6 },
        },
      ],
    }
    const a = parseMutationArgs('customer.create', 1, { id: 'cust-1', draft }, env)
    const b = parseMutationArgs('customer.create', 1, { id: 'cust-1', draft }, env)
    expect(a).toEqual(b)
    expect(a).toMatchObject({
      ok: true,
      args: { rows: [{ premiseId: 'cust-1-p1', meterId: 'cust-1-m1' }], numbers: null },
    })
  })

  it('refuses a consent.grant whose args say withdrawn', () => {
    const args = {
      id: 'x',
      customerId: 'c',
      channel: 'sms',
      granted: false,
      at: '2026-01-01T00:00:00Z',
      wordingVersion: 'w',
    }
    expect(parseMutationArgs('consent.grant', 1, args, env).ok).toBe(false)
    expect(parseMutationArgs('consent.withdraw', 1, args, env).ok).toBe(true)
  })

  it('never shows a password verifier in redacted args', () => {
    const r = parseMutationArgs('portal.createLogin', 1, { id: 'a', customerId: 'c', email: 'a@b.lv' }, env)
    expect(r).toMatchObject({ ok: true, args: { passwordVerifier: null } })
    const secret = { id: 'a', passwordVerifier: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==' }
    expect(JSON.stringify(redactArgs('portal.resetPassword', secret))).not.toContain('scrypt')
  })

  it('every spec validates its latest version with the latest schema', () => {
    for (const name of mutationNames) {
      const spec = mutationSpecs[name]
      expect(spec.versions[spec.latest]).toBe(spec.latestSchema)
    }
  })
})

describe('sync wire: push and error bodies', () => {
  const m = (seq: number) => ({
    seq,
    mutationId: '0190f5e0-0000-7000-8000-00000000000' + seq,
    name: 'customer.setLanguage',
    argsVersion: 1,
    entityType: 'customer',
    entityId: 'c1',
    baseVersion: 1,
    agentId: 'a1',
    clientTime: '2026-03-10T08:15:00Z',
    args: { language: 'ru' },
  })
  const req = (mutations: unknown[]) => ({
    protocolVersion: 1,
    clientId: '0190f5e0-0000-7000-8000-000000000000',
    schemaVersion: 3,
    clientNow: '2026-03-10T08:15:00Z',
    mutations,
  })

  it('accepts a run of consecutive seqs and refuses a batch with a hole', () => {
    expect(pushRequestSchema.safeParse(req([m(1), m(2)])).success).toBe(true)
    expect(pushRequestSchema.safeParse(req([m(1), m(3)])).success).toBe(false)
    expect(pushRequestSchema.safeParse(req([])).success).toBe(false)
  })

  it('builds error bodies that the schema accepts, with a locale key', () => {
    const body = syncErrorBody('expected-seq', { expectedSeq: 4 }, '2026-03-10T08:15:00Z')
    expect(syncErrorSchema.parse(body)).toEqual({
      code: 'expected-seq',
      messageKey: 'sync.protocol.errors.expected-seq',
      details: { expectedSeq: 4 },
      serverTime: '2026-03-10T08:15:00Z',
    })
  })
})

describe('sync message keys', () => {
  const en = JSON.parse(readFileSync('locales/en.json', 'utf8'))
  const has = (key: string) => key.split('.').reduce<any>((node, k) => node?.[k], en) !== undefined

  it('exist in the locales for every error body, rejection, conflict and precondition the central can send', () => {
    const keys = new Set(syncErrorCodes.map((c) => `sync.protocol.errors.${c}`))
    const scan = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name)
        if (e.isDirectory()) scan(path)
        else if (path.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8')
          for (const m of text.matchAll(/\b(rejected|conflict|blocked)\('([a-z-]+)'/gu))
            keys.add(`sync.protocol.${m[1]}.${m[2]}`)
          for (const m of text.matchAll(/'(sync\.protocol\.[a-z]+\.[a-z-]+)'/gu)) keys.add(m[1])
        }
      }
    }
    scan('src/core/sync')
    scan('src/central')
    expect(keys.size).toBeGreaterThan(30)
    expect([...keys].filter((k) => !has(k))).toEqual([])
  })
})
