import { CONSENT_UNDO_MS, consentChannels, type CustomerView } from '../../../contract'
import { maskPersonalCode } from '../../../core/personal-code'
import type { Db } from '../../db/open'
import { customerDisplayName } from '../../../core/customers/display'
import { customerAddress, loadCustomer } from './rows'

type Consent = CustomerView['consents'][number]
type Premise = CustomerView['premises'][number]
type Portal = CustomerView['portal']

/** Who is looking: decides whether a consent choice can still be undone by them. */
export interface Viewer {
  agentId: string
  nowMs: number
}

export function consentRows(db: Db, customerId: string, latestOnly: boolean, viewer?: Viewer): Consent[] {
  const rows = db
    .prepare(
      `SELECT c.id, c.channel, c.granted, c.at, c.source, c.obtained_via, c.agent_id, a.display_name AS agent,
         c.wording_version, c.undoes_id
       FROM consents c LEFT JOIN agents a ON a.id = c.agent_id
       WHERE c.customer_id = ? ORDER BY c.at DESC, c.rowid DESC`,
    )
    .all(customerId) as {
    id: string
    channel: Consent['channel']
    granted: number
    at: string
    source: 'portal' | 'agent'
    obtained_via: Consent['via']
    agent_id: string | null
    agent: string | null
    wording_version: string
    undoes_id: string | null
  }[]
  const latest = new Set(consentChannels.map((ch) => rows.find((r) => r.channel === ch)?.id))
  const all = rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    granted: r.granted === 1,
    at: r.at,
    source: r.source,
    via: r.obtained_via,
    agentName: r.agent,
    wordingVersion: r.wording_version,
    undoesId: r.undoes_id,
    undoUntil: undoUntil(r, latest.has(r.id), viewer),
  }))
  if (!latestOnly) return all
  // Never pre-ticked: a channel with no recorded choice shows as not granted.
  return consentChannels.map(
    (channel) =>
      all.find((c) => c.channel === channel) ?? {
        id: null,
        channel,
        granted: false,
        at: null,
        source: null,
        via: null,
        agentName: null,
        wordingVersion: null,
        undoesId: null,
        undoUntil: null,
      },
  )
}

/** The agent's own latest choice (not itself an undo) can be taken back for CONSENT_UNDO_MS. */
export function undoUntil(
  r: { at: string; source: string; agent_id: string | null; undoes_id: string | null },
  isLatest: boolean,
  viewer: Viewer | undefined,
): string | null {
  if (!viewer || !isLatest || r.source !== 'agent' || r.agent_id !== viewer.agentId || r.undoes_id)
    return null
  const until = Date.parse(r.at) + CONSENT_UNDO_MS
  return until > viewer.nowMs ? new Date(until).toISOString() : null
}

function premises(db: Db, customerId: string): Premise[] {
  const rows = db
    .prepare(
      `SELECT id, subscriber_number, contract_number, street, house, apartment, city, municipality, postal_code,
         billing_type, monthly_instalment_cents, supply_from, supply_to
       FROM premises WHERE customer_id = ? ORDER BY supply_to IS NOT NULL, supply_from DESC`,
    )
    .all(customerId) as Record<string, string | number | null>[]
  const meters = db.prepare(
    `SELECT id, metering_point_id, serial, model, digits, max_flow_m3h FROM meters
     WHERE premise_id = ? AND removed_at IS NULL ORDER BY installed_at`,
  )
  const last = db.prepare(
    `SELECT value, reading_date, status, source FROM readings
     WHERE meter_id = ? AND status <> 'rejected' ORDER BY period DESC, reading_date DESC, created_at DESC LIMIT 1`,
  )
  return rows.map((p) => ({
    id: String(p.id),
    subscriberNumber: String(p.subscriber_number),
    contractNumber: (p.contract_number as string | null) ?? null,
    address: [
      `${p.street} ${p.house}${p.apartment ? `-${p.apartment}` : ''}`,
      p.city,
      p.municipality !== p.city ? p.municipality : null,
      p.postal_code,
    ]
      .filter((x) => x)
      .join(', '),
    billingType: p.billing_type as Premise['billingType'],
    monthlyInstalmentCents: (p.monthly_instalment_cents as number | null) ?? null,
    supplyFrom: String(p.supply_from),
    supplyTo: (p.supply_to as string | null) ?? null,
    meters: (meters.all(p.id) as Record<string, string | number>[]).map((m) => {
      const r = last.get(m.id) as
        { value: number; reading_date: string; status: string; source: string } | undefined
      return {
        id: String(m.id),
        meteringPointId: String(m.metering_point_id),
        serial: String(m.serial),
        model: String(m.model),
        digits: Number(m.digits),
        maxFlowM3h: Number(m.max_flow_m3h),
        lastReading: r ? { value: r.value, date: r.reading_date, status: r.status, source: r.source } : null,
      }
    }),
  }))
}

export function portalOf(db: Db, customerId: string): Portal {
  const acc = db
    .prepare(
      `SELECT id, email, status, must_change_password, must_confirm_contacts, password_hash
       FROM portal_accounts WHERE customer_id = ?`,
    )
    .get(customerId) as
    | {
        id: string
        email: string
        status: 'none' | 'invited' | 'active' | 'locked'
        must_change_password: number
        must_confirm_contacts: number
        password_hash: string | null
      }
    | undefined
  if (!acc) {
    return {
      status: 'none',
      email: null,
      mustChangePassword: false,
      mustConfirmContacts: false,
      hasPassword: false,
      users: [],
    }
  }
  const users = db
    .prepare(
      'SELECT id, email, first_name, last_name, status FROM portal_users WHERE account_id = ? ORDER BY created_at, id',
    )
    .all(acc.id) as {
    id: string
    email: string
    first_name: string
    last_name: string
    status: Portal['users'][number]['status']
  }[]
  const rights = db.prepare(
    'SELECT premise_id, "right", status FROM portal_rights WHERE portal_user_id = ? ORDER BY premise_id, "right"',
  )
  const status: Portal['status'] =
    acc.status === 'active' && acc.must_change_password === 1 ? 'must_change_password' : acc.status
  return {
    status,
    email: acc.email,
    mustChangePassword: acc.must_change_password === 1,
    mustConfirmContacts: acc.must_confirm_contacts === 1,
    hasPassword: acc.password_hash !== null,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.first_name,
      lastName: u.last_name,
      status: u.status,
      rights: (
        rights.all(u.id) as {
          premise_id: string
          right: Portal['users'][number]['rights'][number]['right']
          status: Portal['users'][number]['rights'][number]['status']
        }[]
      ).map((r) => ({
        premiseId: r.premise_id,
        right: r.right,
        status: r.status,
      })),
    })),
  }
}

/** Everything the one-screen customer view shows. Reading it is not audited; revealing the code is. */
export function getCustomerView(db: Db, customerId: string, viewer?: Viewer): CustomerView {
  const c = loadCustomer(db, customerId)
  const invoices = db
    .prepare(
      `SELECT id, number, issue_date, total_cents, status FROM invoices WHERE customer_id = ?
       ORDER BY issue_date DESC, number DESC LIMIT 6`,
    )
    .all(customerId) as {
    id: string
    number: string
    issue_date: string
    total_cents: number
    status: string
  }[]
  // Balance only when this desk holds the customer's invoices; otherwise it is unknown, not zero.
  let balanceCents: number | null = null
  if (invoices.length > 0) {
    const b = db
      .prepare(
        `SELECT (SELECT coalesce(sum(total_cents), 0) FROM invoices WHERE customer_id = @id AND status <> 'cancelled')
              - (SELECT coalesce(sum(amount_cents), 0) FROM payments WHERE customer_id = @id) AS due`,
      )
      .get({ id: customerId }) as { due: number }
    balanceCents = b.due
  }
  const count = (sql: string) => (db.prepare(sql).pluck().get(customerId) as number) ?? 0
  return {
    id: c.id,
    version: c.version,
    customerNumber: c.customer_number,
    kind: c.kind,
    name: customerDisplayName(c),
    firstName: c.first_name,
    lastName: c.last_name,
    companyName: c.company_name,
    maskedPersonalCode: c.personal_code ? maskPersonalCode(c.personal_code) : null,
    registrationNo: c.registration_no,
    vatNo: c.vat_no,
    email: c.email,
    phone: c.phone,
    language: c.preferred_language,
    address: customerAddress(c),
    consents: consentRows(db, c.id, true, viewer),
    premises: premises(db, c.id),
    portal: portalOf(db, c.id),
    balanceCents,
    invoices: invoices.map((i) => ({
      id: i.id,
      number: i.number,
      issueDate: i.issue_date,
      totalCents: i.total_cents,
      status: i.status,
    })),
    messagesCount: count('SELECT count(*) FROM messages WHERE customer_id = ?'),
    documentsCount: count('SELECT count(*) FROM documents WHERE customer_id = ?'),
  }
}
