import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import type { DocLanguage } from '../../documents/labels'
import { summaryHtml, type ExportData, type Row } from './export-summary'
import { loadCustomer } from './rows'

/**
 * Subject-access export (GDPR art. 15): every row this desk holds about the customer — profile,
 * consents, premises, meters, readings, invoices, statements, payments, portal login (without its
 * password hash), portal users and rights, messages, documents (metadata, not the files), and the audit
 * trail — as JSON, plus a readable HTML summary in the agent's language (export-summary.ts). It holds the
 * whole personal code, so it is only made with a reason, and audited with that reason.
 */
export function exportCustomer(
  db: Db,
  actor: MutationActor,
  customerId: string,
  reason: string,
  lang: DocLanguage,
): { filename: string; json: string; html: string } {
  const c = loadCustomer(db, customerId)
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Row[]
  const premises = all('SELECT * FROM premises WHERE customer_id = ? ORDER BY supply_from', c.id)
  const premiseIds = JSON.stringify(premises.map((p) => p.id))
  const meters = all(
    'SELECT * FROM meters WHERE premise_id IN (SELECT value FROM json_each(?)) ORDER BY installed_at',
    premiseIds,
  )
  const meterIds = JSON.stringify(meters.map((m) => m.id))
  const account = db
    .prepare(
      `SELECT id, email, status, must_change_password, must_confirm_contacts, created_at, updated_at,
         password_hash IS NOT NULL AS has_password FROM portal_accounts WHERE customer_id = ?`,
    )
    .get(c.id) as Row | undefined
  const users = account
    ? all('SELECT * FROM portal_users WHERE account_id = ? ORDER BY created_at', account.id)
    : []
  const data: ExportData = {
    exportedAt: new Date(actor.nowMs).toISOString(),
    customer: { ...c, rid: undefined },
    consents: all('SELECT * FROM consents WHERE customer_id = ? ORDER BY at', c.id),
    premises,
    meters,
    readings: all(
      'SELECT * FROM readings WHERE meter_id IN (SELECT value FROM json_each(?)) ORDER BY reading_date',
      meterIds,
    ),
    invoices: all('SELECT * FROM invoices WHERE customer_id = ? ORDER BY issue_date', c.id),
    statements: all('SELECT * FROM statements WHERE customer_id = ? ORDER BY issue_date', c.id),
    payments: all('SELECT * FROM payments WHERE customer_id = ? ORDER BY paid_on', c.id),
    portalAccount: account ?? null,
    portalUsers: users,
    portalRights: all(
      'SELECT * FROM portal_rights WHERE portal_user_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(users.map((u) => u.id)),
    ),
    messages: all('SELECT * FROM messages WHERE customer_id = ? ORDER BY sent_at', c.id),
    documents: all(
      `SELECT id, message_id, filename, mime, size_bytes, sha256, decision, decided_at, received_at
       FROM documents WHERE customer_id = ? ORDER BY received_at`,
      c.id,
    ),
    audit: all(
      `SELECT at, agent_id, workstation, action, entity_type, entity_id, before_json, after_json, reason
       FROM audit_log WHERE customer_id = ? ORDER BY id`,
      c.id,
    ),
  }
  recordAccess(db, actor, {
    action: 'customer.export',
    customerId: c.id,
    entityType: 'customer',
    entityId: c.id,
    reason: reason.trim(),
  })
  return {
    filename: `subject-access-${c.customer_number}`,
    json: JSON.stringify(data, null, 2),
    html: summaryHtml(data, lang),
  }
}
