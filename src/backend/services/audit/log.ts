import { customerNameSql } from '../customers/rows'
import type { AuditCursor, AuditFilters, AuditLogEntry } from '../../../contract'
import { AUDIT_ACTIONS } from '../../../core/audit/actions'
import { addDays, rigaStartOfDay } from '../../../core/calendar'
import type { Db } from '../../db/open'

/**
 * What an audit row is about, as the agent knows it: the invoice or statement number, the document's file
 * name, the meter's serial and metering point, the portal user's e-mail. Looked up by the row's entity id
 * (ids mean nothing to people), so the trail never shows a raw id.
 */
export const AUDIT_SUBJECT_SQL = `CASE l.entity_type
    WHEN 'invoice' THEN (SELECT number FROM invoices WHERE id = l.entity_id)
    WHEN 'statement' THEN (SELECT number FROM statements WHERE id = l.entity_id)
    WHEN 'document' THEN (SELECT filename FROM documents WHERE id = l.entity_id)
    WHEN 'reading' THEN (SELECT m.metering_point_id || ' · ' || m.serial
                         FROM readings r JOIN meters m ON m.id = r.meter_id WHERE r.id = l.entity_id)
    WHEN 'portal_user' THEN (SELECT email FROM portal_users WHERE id = l.entity_id)
  END`

export interface AuditRow {
  id: number
  at: string
  agent: string | null
  workstation: string
  action: string
  entity_type: string | null
  customer_id: string | null
  customer_number: string | null
  customer_name: string | null
  subject: string | null
  before_json: string | null
  after_json: string | null
  reason: string | null
}

const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown))

export const toEntry = (r: AuditRow): AuditLogEntry => ({
  id: r.id,
  at: r.at,
  agentName: r.agent,
  workstation: r.workstation,
  action: r.action,
  entityType: r.entity_type,
  customerId: r.customer_id,
  customerNumber: r.customer_number,
  customerName: r.customer_name,
  subject: r.subject,
  before: parse(r.before_json),
  after: parse(r.after_json),
  reason: r.reason,
})

/** The WHERE clause and parameters of a filter set (period as Riga days, both inclusive). */
function where(filters: AuditFilters, after: AuditCursor | null | undefined) {
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  if (filters.agentId) {
    clauses.push('l.agent_id = @agentId')
    params.agentId = filters.agentId
  }
  if (filters.customerId) {
    clauses.push('l.customer_id = @customerId')
    params.customerId = filters.customerId
  }
  if (filters.action) {
    clauses.push('l.action = @action')
    params.action = filters.action
  }
  if (filters.workstation) {
    clauses.push('l.workstation = @workstation')
    params.workstation = filters.workstation
  }
  if (filters.from) {
    clauses.push('l.at >= @from')
    params.from = new Date(rigaStartOfDay(filters.from)).toISOString()
  }
  if (filters.to) {
    clauses.push('l.at < @to')
    params.to = new Date(rigaStartOfDay(addDays(filters.to, 1))).toISOString()
  }
  // Keyset: rows strictly older than the last one shown (same instant: smaller id).
  if (after) {
    // The explicit `at <=` bound is what lets SQLite start the index range at the cursor.
    clauses.push('l.at <= @afterAt AND (l.at < @afterAt OR l.id < @afterId)')
    params.afterAt = after.at
    params.afterId = after.id
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

const SELECT = `SELECT l.id, l.at, a.display_name AS agent, l.workstation, l.action, l.entity_type,
    l.customer_id, c.customer_number,
    ${customerNameSql('c')} AS customer_name,
    ${AUDIT_SUBJECT_SQL} AS subject,
    l.before_json, l.after_json, l.reason
  FROM audit_log l
  LEFT JOIN agents a ON a.id = l.agent_id
  LEFT JOIN customers c ON c.id = l.customer_id`

/** The rows of a filter, newest first, from a keyset position on: `limit` rows at most. */
export function auditRows(
  db: Db,
  filters: AuditFilters,
  after: AuditCursor | null | undefined,
  limit: number,
): AuditRow[] {
  const w = where(filters, after)
  return db
    .prepare(`${SELECT} ${w.sql} ORDER BY l.at DESC, l.id DESC LIMIT @limit`)
    .all({ ...w.params, limit }) as AuditRow[]
}

/** One page of the log and the position after its last row (null when the log ends there). */
export function auditPage(
  db: Db,
  filters: AuditFilters,
  after: AuditCursor | null | undefined,
  limit: number,
): { entries: AuditLogEntry[]; next: AuditCursor | null } {
  // One row more than shown tells whether a next page exists without counting the log.
  const rows = auditRows(db, filters, after, limit + 1)
  const shown = rows.slice(0, limit)
  const last = shown[shown.length - 1]
  return {
    entries: shown.map(toEntry),
    next: rows.length > limit && last ? { at: last.at, id: last.id } : null,
  }
}

/** Filter choices: every agent, each workstation in the log (index skip-scan), every known action. */
export function auditOptions(db: Db): {
  agents: { id: string; name: string }[]
  workstations: string[]
  actions: string[]
} {
  const agents = db
    .prepare('SELECT id, display_name AS name FROM agents ORDER BY display_name COLLATE NOCASE')
    .all() as { id: string; name: string }[]
  // DISTINCT would read the whole index; stepping from one name to the next reads a few pages each.
  const next = db.prepare('SELECT min(workstation) FROM audit_log WHERE workstation > ?').pluck()
  const workstations: string[] = []
  for (let w = next.get('') as string | null; w !== null; w = next.get(w) as string | null) {
    workstations.push(w)
    if (workstations.length >= 500) break
  }
  return { agents, workstations, actions: [...AUDIT_ACTIONS] }
}
