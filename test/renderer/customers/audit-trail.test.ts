import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import en from '../../../locales/en.json'
import ru from '../../../locales/ru.json'
import { AUDIT_ACTIONS, auditActionKey } from '../../../src/core/audit/actions'
import { unknownAuditFields } from '../../../src/core/audit/describe'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/**
 * The customer's audit trail on the real backend (issue 10): every action the desk records has a label in
 * three languages, each change reads "field: before → after" formatted as on screen, no raw field dumps,
 * ids or hashes; opening the profile is recorded as a view, as the panel's title promises.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const SIGNED = '/work/shared/fixtures/signatures/edoc/SampleFile.edoc'
const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (n, k) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined),
      tree,
    )

/** Opens the customer as an agent does (the URL), waits for the trail. */
async function openCustomer(d: DeskOnBackend, id: string): Promise<HTMLElement> {
  await d.router.push({ name: 'home' })
  await d.settle()
  await d.router.push({ name: 'customers', query: { id } })
  await d.settle()
  const trail = document.querySelector<HTMLElement>('section[aria-labelledby=c-audit]')
  expect(trail).not.toBeNull()
  return trail!
}

/** Does the things an agent does for a customer, through the same calls the screens make. */
async function workOnCustomer(d: DeskOnBackend, customerId: string): Promise<void> {
  const api = d.api
  let c = await api.call('customers.get', { customerId })
  c = await api.call('customers.setLanguage', { customerId, baseVersion: c.version, language: 'ru' })
  c = await api.call('customers.updateContacts', {
    customerId,
    baseVersion: c.version,
    email: 'jauns.epasts@example.lv',
    phone: c.phone,
  })
  const sms = c.consents.find((k) => k.channel === 'sms')!.granted
  await api.call('customers.setConsent', { customerId, channel: 'sms', granted: !sms, via: 'phone' })
  await api.call('customers.revealPersonalCode', { customerId, reason: 'Klients zvana, pārbaude' })
  const { invoices, statements } = await api.call('billing.documents', { customerId })
  if (invoices[0])
    await api.call('billing.print', { kind: 'invoice', id: invoices[0].id, purpose: 'preview' })
  if (statements[0])
    await api.call('billing.print', { kind: 'statement', id: statements[0].id, purpose: 'save' })
  const meter = c.premises[0].meters[0]
  const last = meter.lastReading?.value ?? 0
  const reading = { meterId: meter.id, value: last + 40, outOfWindowReason: null, correctionReason: null }
  const checked = await api.call('reading.validate', { ...reading, confirmed: [] })
  await api.call('reading.record', { ...reading, channel: 'phone', confirmed: checked.needsConfirmation })
  const doc = await api.call('document.add', {
    customerId,
    fileName: 'līgums.edoc',
    contentBase64: readFileSync(SIGNED).toString('base64'),
  })
  await api.call('document.get', { id: doc.id })
  await api.call('document.decide', { id: doc.id, decision: 'accepted', reason: 'Pārbaudīts klātienē' })
  await api.call('customers.portal.create', { customerId, email: 'portals@example.lv' })
}

describe('the customer audit trail', () => {
  it('labels every action and shows each change as field: before → after, without raw data', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const customerId = desk.backend.ctx.db
      .prepare(
        `SELECT c.id FROM customers c JOIN premises p ON p.customer_id = c.id
         WHERE c.kind = 'person' AND c.phone IS NOT NULL AND EXISTS (SELECT 1 FROM statements s WHERE s.customer_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM portal_accounts a WHERE a.customer_id = c.id) LIMIT 1`,
      )
      .pluck()
      .get() as string
    await workOnCustomer(desk, customerId)
    const trail = await openCustomer(desk, customerId)
    const text = trail.textContent ?? ''
    expect(text).toMatch(/SMS: (nepiekrīt \/ atsaukts → piekrīt|piekrīt → nepiekrīt \/ atsaukts)/)
    for (const s of [
      'Valoda mainīta',
      'Saziņas valoda: Latviešu → Русский',
      'E-pasts:',
      '→ jauns.epasts@example.lv',
      'Personas kods parādīts',
      'Iemesls: Klients zvana, pārbaude',
      'Rādījums ievadīts',
      'Saņemts pa: Tālrunis',
      'Parakstīts dokuments pievienots',
      'līgums.edoc',
      'Parakstīts dokuments apskatīts',
      'Lēmums: — → Pieņemts',
      'saglabāts kā PDF',
      'Klienta profils atvērts',
    ])
      expect(text).toContain(s)
    // No developer data: no field names, ids, hashes, JSON or ISO instants.
    expect(text).not.toMatch(
      /sha256|testPki|customerId|mediaType|reading_date|meter_id|[{}]|\btrue\b|\bfalse\b/,
    )
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    for (const code of AUDIT_ACTIONS) expect(text).not.toContain(code) // no untranslated `document.add`
    // Rows carry the action as data, the text is the label.
    const actions = [...trail.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-action'))
    expect(actions).toEqual(
      expect.arrayContaining([
        'customer.view',
        'document.add',
        'document.view',
        'document.decide',
        'reading.record',
        'print.statement',
      ]),
    )
  }, 60_000)

  it('records opening a profile as a view once per visit, and shows it in Russian too', async () => {
    desk = await mountOnBackend({ signInAs: 'olga', language: 'ru' })
    const customerId = desk.backend.ctx.db
      .prepare('SELECT id FROM customers LIMIT 1 OFFSET 3')
      .pluck()
      .get() as string
    const views = () =>
      desk!.backend.ctx.db
        .prepare("SELECT count(*) FROM audit_log WHERE customer_id = ? AND action = 'customer.view'")
        .pluck()
        .get(customerId)
    const trail = await openCustomer(desk, customerId)
    expect(views()).toBe(1)
    expect(trail.textContent).toContain('Профиль клиента открыт')
    expect(trail.textContent).toContain('Ольга')
    // Coming back within the same visit is not another view.
    await openCustomer(desk, customerId)
    expect(views()).toBe(1)
    desk.clock.advance(11 * 60_000)
    await openCustomer(desk, customerId)
    expect(views()).toBe(2)
  }, 60_000)

  it('every action the backend records is in the one list, labelled in LV, EN and RU, every field explained', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const db = desk.backend.ctx.db
    const customerId = db
      .prepare(
        "SELECT id FROM customers WHERE kind = 'person' AND NOT EXISTS (SELECT 1 FROM portal_accounts a WHERE a.customer_id = customers.id) LIMIT 1 OFFSET 5",
      )
      .pluck()
      .get() as string
    await workOnCustomer(desk, customerId)
    const user = await desk.api.call('customers.users.add', {
      customerId,
      email: 'lietotajs@example.lv',
      firstName: 'Pēteris',
      lastName: 'Ozols',
      rights: [],
    })
    void user
    await desk.api.call('customers.portal.lock', { customerId })
    await desk.api.call('customers.export', { customerId, reason: 'Klienta pieprasījums' })
    const rows = db.prepare('SELECT action, entity_type, before_json, after_json FROM audit_log').all() as {
      action: string
      entity_type: string | null
      before_json: string | null
      after_json: string | null
    }[]
    const seen = new Set(rows.map((r) => r.action))
    expect([...seen].filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([])
    for (const r of rows) {
      const fields = unknownAuditFields({
        entityType: r.entity_type,
        before: r.before_json ? JSON.parse(r.before_json) : null,
        after: r.after_json ? JSON.parse(r.after_json) : null,
      })
      expect(fields, r.action).toEqual([])
    }
    for (const a of AUDIT_ACTIONS)
      for (const [name, file] of Object.entries({ lv, en, ru }))
        expect(typeof lookup(file, auditActionKey(a)), `${name}: ${a}`).toBe('string')
  }, 60_000)
})
