import type { Migration } from './index'

/*
 * The supervisor's audit log (issue 10) pages the whole log newest first by (at, id) and filters by agent,
 * action, workstation, customer and period. One index per filter, each ending in `at` (and the rowid, which
 * every SQLite index carries), so any one filter with a period reads only the page it shows: keyset
 * paging never counts or skips rows, however long the log grows.
 */
export const m005AuditLogIndexes: Migration = {
  version: 5,
  name: 'audit-log-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX audit_at ON audit_log(at);
      CREATE INDEX audit_agent_at ON audit_log(agent_id, at);
      CREATE INDEX audit_action_at ON audit_log(action, at);
      CREATE INDEX audit_workstation_at ON audit_log(workstation, at);
      CREATE INDEX audit_customer_at ON audit_log(customer_id, at);
    `)
  },
}
