import type { CustomerAuditEntry } from '../../../contract'
import { recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { formatPersonalCode } from '../../../core/personal-code'
import { ApiError } from '../../../contract'
import { loadCustomer } from './rows'

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown))

/** The customer's audit trail, newest first: changes (before/after) and recorded views, prints, reveals. */
export function customerAudit(db: Db, customerId: string, limit = 100): CustomerAuditEntry[] {
  loadCustomer(db, customerId)
  const rows = db
    .prepare(
      `SELECT l.id, l.at, a.display_name AS agent, l.action, l.entity_type, l.before_json, l.after_json, l.reason
       FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id
       WHERE l.customer_id = ? ORDER BY l.id DESC LIMIT ?`,
    )
    .all(customerId, limit) as {
    id: number
    at: string
    agent: string | null
    action: string
    entity_type: string | null
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
    before: parse(r.before_json),
    after: parse(r.after_json),
    reason: r.reason,
  }))
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
