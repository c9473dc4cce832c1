import { execFileSync } from 'node:child_process'
import { statSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import type {
  CustomerDraft,
  CustomerView,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../../src/contract'
import { tempDir } from '../../helpers/tmp'

let backend: Backend
const tmp = tempDir()
const clock = manualClock(Date.parse('2026-11-26T10:00:00Z'))

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, 'k1')
  if (!r.ok) throw Object.assign(new Error(`${method}: ${JSON.stringify(r.error)}`), { api: r.error })
  return r.value as MethodOutput<M>
}
async function fail(
  method: MethodName,
  input: unknown,
): Promise<{ code: string; messageKey: string; details?: Record<string, unknown> }> {
  const r = await backend.dispatch(method, input, 'k1')
  if (r.ok) throw new Error(`${method} should have failed`)
  return r.error
}
const count = (sql: string): number => backend.ctx.db.prepare(sql).pluck().get() as number

export const household = (over: Partial<CustomerDraft> = {}): CustomerDraft => ({
  kind: 'person',
  firstName: 'Jānis',
  lastName: 'Bērziņš',
  personalCode: '161175-19997',
  email: 'janis.berzins@example.lv',
  phone: '2612 3456',
  language: 'ru',
  address: { street: 'Brīvības iela', house: '12', apartment: '5', town: 'Rīga', postalCode: 'LV-1010' },
  premises: [
    {
      address: { street: 'Brīvības iela', house: '12', apartment: '5', town: 'Rīga', postalCode: '1010' },
      billingType: 'balanced',
      monthlyInstalmentCents: 3500,
      meter: {
        meteringPointId: 'a009876543',
        serial: 'el-555123',
        digits: 5,
        maxFlowM3h: 6,
        installationReading: 1234,
      },
    },
  ],
  ...over,
})

beforeAll(async () => {
  backend = await createBackend({ dbFile: tmp.file('desk.sqlite'), shell: 'test', clock, demoAgents: true })
  const r = await backend.dispatch('session.signIn', { username: 'liga', password: 'liga-demo' }, 'k1')
  expect(r.ok).toBe(true)
})
afterAll(() => {
  backend.close()
  tmp.cleanup()
})

describe('customers on a real database file', () => {
  let id = ''
  let view: CustomerView

  it('refuses a draft with bad fields, naming each field, and writes nothing', async () => {
    const before = count('SELECT count(*) FROM outbox')
    const e = await fail('customers.create', {
      draft: household({
        personalCode: '161175-19990',
        email: 'not-an-email',
        phone: '+371 3612 3456',
        premises: [
          {
            ...household().premises[0],
            meter: { meteringPointId: 'B1', serial: 'x', digits: 5, maxFlowM3h: 6 },
          },
        ],
      }),
    })
    expect(e.code).toBe('VALIDATION')
    const fields = (e.details?.fields as { path: string; messageKey: string }[]).map(
      (f) => `${f.path}:${f.messageKey}`,
    )
    expect(fields).toEqual(
      expect.arrayContaining([
        'personalCode:validation.personalCode.check-digit',
        'email:validation.email.format',
        'phone:validation.phone.lv-prefix',
        'premises.0.meter.meteringPointId:customers.errors.meteringPointId',
        'premises.0.meter.serial:customers.errors.meterSerial',
      ]),
    )
    expect(count('SELECT count(*) FROM outbox')).toBe(before)
    expect(count('SELECT count(*) FROM customers')).toBe(0)
  })

  it('creates a household with premise and meter in one mutation, normalising what was typed', async () => {
    const r = await call('customers.create', { draft: household() })
    id = r.customerId
    view = await call('customers.get', { customerId: id })
    expect(view).toMatchObject({
      name: 'Jānis Bērziņš',
      maskedPersonalCode: '161175-*****',
      phone: '+37126123456',
      language: 'ru',
      portal: { status: 'none', users: [] },
      balanceCents: null,
      invoices: [],
    })
    expect(view.premises).toHaveLength(1)
    expect(view.premises[0]).toMatchObject({ billingType: 'balanced', monthlyInstalmentCents: 3500 })
    expect(view.premises[0].meters[0]).toMatchObject({
      meteringPointId: 'A009876543',
      serial: 'EL-555123',
      // The register at installation, the first reading consumption is measured from.
      lastReading: { value: 1234, date: '2026-11-26', status: 'actual', source: 'agent' },
    })
    expect(count("SELECT count(*) FROM outbox WHERE name = 'customer.create'")).toBe(1)
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'customer.create'")).toBe(1)
  })

  it('finds the customer by diacritic-free name, personal code with and without hyphen, numbers and phone spellings', async () => {
    const premise = view.premises[0]
    for (const q of [
      'berzins',
      'BERZ',
      'janis berzins',
      '16117519997',
      '161175-19997',
      view.customerNumber,
      premise.subscriberNumber,
      'A009876543',
      'el-555123',
      'brivibas 12',
      'janis.berzins@example.lv',
      '2612 3456',
      '+37126123456',
      '0037126123456',
    ]) {
      const r = await call('customers.search', { query: q })
      expect(
        r.hits.map((h) => h.id),
        q,
      ).toContain(id)
    }
    const exact = await call('customers.search', { query: premise.subscriberNumber })
    expect(exact.hits[0]).toMatchObject({ id, exact: true, code: '161175-*****' })
  })

  it('shows probable duplicates and refuses a second customer with the same personal code', async () => {
    const same = household({ firstName: 'Juris', email: null })
    const d = await call('customers.findDuplicates', { draft: same, reason: 'new customer at the desk' })
    expect(d.duplicates).toEqual([expect.objectContaining({ id, reason: 'personal_code' })])
    const e = await fail('customers.create', { draft: same, ignoreDuplicates: true })
    expect(e).toMatchObject({ code: 'CONFLICT', messageKey: 'customers.errors.duplicate' })
    // Same name and address, another code: a probable duplicate the agent may overrule.
    const twin = household({ personalCode: '290156-11605' })
    expect(
      (await call('customers.findDuplicates', { draft: twin, reason: 'new customer at the desk' }))
        .duplicates,
    ).toEqual([expect.objectContaining({ id, reason: 'name_address' })])
    expect((await fail('customers.create', { draft: twin })).code).toBe('CONFLICT')
  })

  it('changes contacts, language and consents, each as its own audited mutation', async () => {
    view = await call('customers.updateContacts', {
      customerId: id,
      baseVersion: view.version,
      email: 'j.b@example.lv',
      phone: '+371 6712 3456',
    })
    expect(view).toMatchObject({ email: 'j.b@example.lv', phone: '+37167123456' })
    const stale = await fail('customers.setLanguage', {
      customerId: id,
      baseVersion: view.version - 1,
      language: 'en',
    })
    expect(stale.code).toBe('CONFLICT')
    view = await call('customers.setLanguage', { customerId: id, baseVersion: view.version, language: 'en' })
    expect(view.language).toBe('en')
    clock.advance(1000)
    view = await call('customers.setConsent', { customerId: id, channel: 'sms', granted: true, via: 'phone' })
    clock.advance(1000)
    view = await call('customers.setConsent', {
      customerId: id,
      channel: 'sms',
      granted: false,
      via: 'phone',
    })
    const sms = view.consents.find((c) => c.channel === 'sms')!
    expect(sms).toMatchObject({
      granted: false,
      source: 'agent',
      agentName: 'Līga Ozoliņa',
      wordingVersion: 'marketing-2024-09',
    })
    const history = await call('customers.consentHistory', { customerId: id })
    expect(history.entries.map((e) => e.granted)).toEqual([false, true])
    const found = await call('customers.search', { query: '6712 3456' })
    expect(found.hits[0]?.id).toBe(id)
  })

  let password = ''
  it('creates one portal login with a temporary password stored only as a hash, never a second one', async () => {
    const r = await call('customers.portal.create', { customerId: id, email: 'j.b@example.lv' })
    password = r.temporaryPassword
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/)
    const row = backend.ctx.db.prepare('SELECT * FROM portal_accounts').get() as Record<string, unknown>
    expect(row).toMatchObject({ status: 'invited', must_change_password: 1, must_confirm_contacts: 1 })
    expect(String(row.password_hash)).toMatch(/^scrypt\$/)
    expect(JSON.stringify(backend.ctx.db.prepare('SELECT * FROM outbox').all())).not.toContain(password)
    expect(
      (await fail('customers.portal.create', { customerId: id, email: 'other@example.lv' })).messageKey,
    ).toBe('customers.errors.portalExists')
  })

  it('prints the welcome letter in Latvian and the customer language with the temporary password', async () => {
    expect(
      (await fail('customers.portal.welcomeLetter', { customerId: id, temporaryPassword: 'wrong' })).code,
    ).toBe('FORBIDDEN')
    const letter = await call('customers.portal.welcomeLetter', {
      customerId: id,
      temporaryPassword: password,
    })
    const file = tmp.file('welcome.pdf')
    writeFileSync(file, Buffer.from(letter.pdfBase64, 'base64'))
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    for (const s of [
      'Portāla lietotājs',
      'Labdien, Jānis Bērziņš!',
      'Pagaidu parole',
      password,
      'j.b@example.lv',
      // The customer's language (English by now) repeats the letter.
      'Temporary password',
      'Dear Jānis Bērziņš,',
    ]) {
      expect(text).toContain(s)
    }
    // A letter, not an invoice: dated as a Latvian letter is, signed by the agent for the centre, and
    // without the buyer box or the seller's bank accounts.
    expect(text).toContain('Rīgā, 2026. gada 26. novembrī')
    expect(text).toContain('Riga, 26 November 2026')
    expect(text).toMatch(/Ar cieņu\s+Līga Ozoliņa\s+Klientu apkalpošanas centrs/)
    for (const s of ['Pircējs', 'Buyer', 'Norēķinu konti', 'LV44 HABA', 'PVN']) expect(text).not.toContain(s)
    // One A4 page that renders: pdftoppm draws it (the picture was looked at when the layout was made).
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    expect(info).toMatch(/Pages:\s+1\b/)
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/)
    execFileSync('pdftoppm', ['-r', '30', '-png', '-singlefile', file, tmp.file('welcome')])
    expect(statSync(tmp.file('welcome.png')).size).toBeGreaterThan(2000)
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'portal.printWelcomeLetter'")).toBe(1)
  })

  it('resets, locks and unlocks the login', async () => {
    const r = await call('customers.portal.resetPassword', { customerId: id })
    expect(r.temporaryPassword).not.toBe(password)
    expect((await call('customers.portal.lock', { customerId: id })).portal.status).toBe('locked')
    expect((await fail('customers.portal.resetPassword', { customerId: id })).messageKey).toBe(
      'customers.errors.portalLocked',
    )
    expect((await call('customers.portal.unlock', { customerId: id })).portal.status).toBe('invited')
  })

  it('adds a user with rights on the holder premises only; changes and revokes at once', async () => {
    const premiseId = view.premises[0].id
    const other = backend.ctx.db
      .prepare('SELECT id FROM premises WHERE customer_id <> ? LIMIT 1')
      .pluck()
      .get(id)
    expect(other).toBeUndefined()
    const beyond = await fail('customers.users.add', {
      customerId: id,
      email: 'anna@example.lv',
      firstName: 'Anna',
      lastName: 'Bērziņa',
      rights: [{ premiseId: 'not-a-premise', right: 'pay' }],
    })
    expect(beyond).toMatchObject({ code: 'FORBIDDEN', messageKey: 'customers.errors.rightBeyondHolder' })
    view = await call('customers.users.add', {
      customerId: id,
      email: 'anna@example.lv',
      firstName: 'Anna',
      lastName: 'Bērziņa',
      rights: [
        { premiseId, right: 'view_invoices' },
        { premiseId, right: 'submit_readings' },
      ],
    })
    const user = view.portal.users[0]
    expect(user.rights.map((r) => `${r.right}:${r.status}`)).toEqual([
      'submit_readings:requested',
      'view_invoices:requested',
    ])
    view = await call('customers.users.setRights', {
      customerId: id,
      userId: user.id,
      rights: [{ premiseId, right: 'pay' }],
    })
    expect(view.portal.users[0].rights.map((r) => `${r.right}:${r.status}`)).toEqual([
      'pay:requested',
      'submit_readings:revoked',
      'view_invoices:revoked',
    ])
    view = await call('customers.users.revoke', { customerId: id, userId: user.id })
    expect(view.portal.users[0].status).toBe('revoked')
    expect(view.portal.users[0].rights.every((r) => r.status === 'revoked')).toBe(true)
  })

  it('reveals the personal code only with a reason, and puts everything in the audit trail', async () => {
    expect((await fail('customers.revealPersonalCode', { customerId: id, reason: '' })).code).toBe(
      'VALIDATION',
    )
    const r = await call('customers.revealPersonalCode', { customerId: id, reason: 'Klients lūdz pārbaudīt' })
    expect(r.personalCode).toBe('161175-19997')
    const audit = await call('customers.audit', { customerId: id })
    const actions = audit.entries.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.create',
        'customer.updateContact',
        'customer.setLanguage',
        'consent.grant',
        'consent.withdraw',
        'portal.createLogin',
        'portal.printWelcomeLetter',
        'portal.resetPassword',
        'portal.lock',
        'portal.unlock',
        'portalUser.add',
        'portalUser.setRights',
        'portalUser.revoke',
        'customer.revealPersonalCode',
      ]),
    )
    const reveal = audit.entries.find((e) => e.action === 'customer.revealPersonalCode')!
    expect(reveal).toMatchObject({ agentName: 'Līga Ozoliņa', reason: 'Klients lūdz pārbaudīt' })
    const contact = audit.entries.find((e) => e.action === 'customer.updateContact')!
    expect(contact.before).toEqual({ email: 'janis.berzins@example.lv', phone: '+37126123456' })
    expect(contact.after).toEqual({ email: 'j.b@example.lv', phone: '+37167123456' })
    // Mutations are gapless in the outbox, one per change.
    const seqs = backend.ctx.db.prepare('SELECT seq FROM outbox ORDER BY seq').pluck().all() as number[]
    expect(seqs).toEqual(seqs.map((_, i) => i + 1))
  })

  it('creates a business customer: registration number with its check digit, VAT number, no personal code', async () => {
    const business = {
      ...household({ email: 'info@ozols.lv', phone: null }),
      kind: 'business' as const,
      firstName: null,
      lastName: null,
      personalCode: null,
      companyName: 'SIA “Ozols & Co”',
      registrationNo: '40003000643',
      vatNo: 'LV40003000642',
      premises: [
        {
          ...household().premises[0],
          meter: {
            meteringPointId: 'A009876544',
            serial: 'X',
            digits: 5,
            maxFlowM3h: 10,
            installationReading: 0,
          },
        },
      ],
    }
    const bad = await fail('customers.create', { draft: business })
    const fields = (bad.details?.fields as { path: string; messageKey: string }[]).map(
      (f) => `${f.path}:${f.messageKey}`,
    )
    expect(fields).toEqual([
      'registrationNo:validation.registrationNumber.check-digit',
      'premises.0.meter.serial:customers.errors.meterSerial',
    ])
    const ok = await call('customers.create', {
      draft: {
        ...business,
        registrationNo: '4000 300 0642',
        premises: [{ ...business.premises[0], meter: { ...business.premises[0].meter, serial: 'IT-100' } }],
      },
    })
    const v = await call('customers.get', { customerId: ok.customerId })
    expect(v).toMatchObject({
      kind: 'business',
      name: 'SIA “Ozols & Co”',
      registrationNo: '40003000642',
      vatNo: 'LV40003000642',
      maskedPersonalCode: null,
    })
    expect((await call('customers.search', { query: 'ozols' })).hits.map((h) => h.id)).toContain(
      ok.customerId,
    )
  })

  it('exports everything held about the customer, without the password hash, and records the export', async () => {
    const r = await call('customers.export', {
      customerId: id,
      reason: 'Customer asked for a copy (GDPR art. 15)',
    })
    const data = JSON.parse(r.json) as Record<string, unknown>
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining([
        'customer',
        'consents',
        'premises',
        'meters',
        'portalAccount',
        'portalUsers',
        'portalRights',
        'audit',
      ]),
    )
    expect(r.json).not.toContain('scrypt$')
    expect(r.html).toContain('Bērziņš')
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'customer.export'")).toBe(1)
  })
})
