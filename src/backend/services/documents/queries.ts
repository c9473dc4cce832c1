import type { DocumentAuditRow } from '../../../contract/methods/documents'
import type { Db } from '../../db/open'

/** The document's audit trail (adds, views, decisions, re-validations), oldest first. */
export function documentAudit(db: Db, customerId: string, id: string): DocumentAuditRow[] {
  const rows = db
    .prepare(
      `SELECT l.at, l.action, a.display_name AS agent_name, l.reason, l.after_json
       FROM audit_log l LEFT JOIN agents a ON a.id = l.agent_id
       WHERE l.customer_id = ? AND l.entity_type = 'document' AND l.entity_id = ?
       ORDER BY l.id LIMIT 500`,
    )
    .all(customerId, id) as {
    at: string
    action: string
    agent_name: string | null
    reason: string | null
    after_json: string | null
  }[]
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    agentName: r.agent_name,
    reason: r.reason,
    detail: r.after_json,
  }))
}
