import type { CustomerAuditEntry } from '../../../contract'
import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { formatPersonalCode } from '../../../core/personal-code'
import { ApiError } from '../../../contract'
import { loadCustomer } from './rows'
import { AUDIT_SUBJECT_SQL } from '../audit/log'

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown))

/** The customer's audit trail, newest first: changes (before/after) and recorded views, prints, reveals. */
export function customerAudit(db: Db, customerId: string, limit = 100): CustomerAuditEntry[] {
  loadCustomer(db, customerId)
  const rows = db
    .prepare(
      `SELECT l.id, l.at, a.display_name AS agent, l.action, l.entity_type, ${AUDIT_SUBJECT_SQL} AS subject,
         l.before_json, l.after_json, l.reason
       FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id
       WHERE l.customer_id = ? ORDER BY l.id DESC LIMIT ?`,
    )
    .all(customerId, limit) as {
    id: number
    at: string
    agent: string | null
    action: string
    entity_type: string | null
    subject: string | null
    before_json: string | null
    after_json: string | null
    reason: string | null
  }[]
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    agentName: r.agent,
    action: r.action,
    entityType: r.entity_type,
    subject: r.subject,
    before: parse(r.before_json),
    after: parse(r.after_json),
    reason: r.reason,
  }))
}

/** Within this many minutes the same agent's return to a customer is the same visit, recorded once. */
const VISIT_MINUTES = 10

/**
 * Opening a customer's profile is a view of personal data and goes on record (the trail says it lists
 * views). Refreshes after a change and a return within the same visit are not new views: the newest row
 * for the customer already is this agent's, from this workstation, a few minutes old.
 */
export function recordCustomerView(db: Db, actor: MutationActor, customerId: string): void {
  const last = db
    .prepare(`SELECT agent_id, workstation, at FROM audit_log WHERE customer_id = ? ORDER BY id DESC LIMIT 1`)
    .get(customerId) as { agent_id: string | null; workstation: string; at: string } | undefined
  if (
    last &&
    last.agent_id === actor.agentId &&
    last.workstation === actor.workstation &&
    actor.nowMs - Date.parse(last.at) < VISIT_MINUTES * 60_000
  )
    return
  recordAccess(db, actor, {
    action: 'customer.view',
    customerId,
    entityType: 'customer',
    entityId: customerId,
  })
}

/** The full personal code, only with a reason, and always on record (agent, time, reason). */
export function revealPersonalCode(db: Db, actor: MutationActor, customerId: string, reason: string): string {
  const c = loadCustomer(db, customerId)
  if (!c.personal_code) throw new ApiError('NOT_FOUND', 'customers.errors.noPersonalCode')
  recordAccess(db, actor, {
    action: 'customer.revealPersonalCode',
    customerId: c.id,
    entityType: 'customer',
    entityId: c.id,
    reason: reason.trim(),
  })
  return formatPersonalCode(c.personal_code)
}
