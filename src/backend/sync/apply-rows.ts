import { syncEntityTypes } from '../../contract/sync/pull'
import type { PortalRightEntry } from '../../core/sync/rows'
import type { Db } from '../db/open'

/**
 * Writes the central's rows into the desk's tables. The central's rows (core/sync/rows.ts) carry columns the
 * desk does not keep (the partition key, field versions) and miss some it has (local-only columns keep their
 * value or default): only the columns both have are written. Booleans become 0/1, objects JSON text.
 */
// Every entity type the central sends down except the centres themselves, which the desk keeps no table of.
const TABLES = new Set<string>(syncEntityTypes.filter((t) => t !== 'service_centres'))

const columnCache = new WeakMap<Db, Map<string, Set<string>>>()
function columnsOf(db: Db, table: string): Set<string> {
  let m = columnCache.get(db)
  if (!m) columnCache.set(db, (m = new Map()))
  let cols = m.get(table)
  if (!cols) {
    const info = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
    cols = new Set(info.filter((c) => c !== 'rid'))
    m.set(table, cols)
  }
  return cols
}

/** Columns named differently on the desk (central name → desk name). */
const RENAMED: Record<string, Record<string, string>> = { consents: { via: 'obtained_via' } }

const sqlValue = (v: unknown): unknown => {
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v !== null && typeof v === 'object') return JSON.stringify(v)
  return v ?? null
}

/** Business numbers are UNIQUE on the desk: a local row still holding a number the central gave another
 * entity (a provisional number the central renumbered, not pulled yet) steps aside with a `~` mark until its
 * own row arrives. */
function clearNumber(db: Db, table: 'customers' | 'premises', column: string, value: unknown, id: string) {
  if (typeof value !== 'string') return
  db.prepare(`UPDATE ${table} SET ${column} = '~' || ${column} WHERE ${column} = ? AND id <> ?`).run(
    value,
    id,
  )
}

export interface ApplyNote {
  skipped?: string
}

/** Inserts or replaces one row the central sent (a pulled change, or the authoritative row of a verdict). */
export function putRow(db: Db, table: string, row: Record<string, unknown>): ApplyNote {
  if (!TABLES.has(table)) return { skipped: `table ${table} is not kept on the desk` }
  const id = row.id
  if (typeof id !== 'string') return { skipped: 'row without id' }
  if (table === 'agents') {
    // An agent of the same name made locally under another id (a demo desk): the local one stays.
    const clash = db
      .prepare('SELECT id FROM agents WHERE username = ? COLLATE NOCASE AND id <> ?')
      .get(row.username, id)
    if (clash) return { skipped: `agent ${String(row.username)} exists locally under another id` }
  }
  if (table === 'customers') clearNumber(db, 'customers', 'customer_number', row.customer_number, id)
  if (table === 'premises') clearNumber(db, 'premises', 'subscriber_number', row.subscriber_number, id)
  const cols = columnsOf(db, table)
  const renamed = RENAMED[table] ?? {}
  const keys = Object.keys(row).filter((k) => cols.has(renamed[k] ?? k))
  const names = keys.map((k) => renamed[k] ?? k)
  const values = keys.map((k) => sqlValue(row[k]))
  // Documents keep their bytes locally; one that arrives from the central without them is marked as held
  // there (the schema wants content or a location).
  if (table === 'documents' && !names.includes('file_path')) {
    names.push('file_path')
    values.push(`central:${String(row.sha256)}`)
  }
  // UPDATE, then INSERT when there was nothing to update — not an UPSERT, whose conflict policy would
  // override the OR IGNORE of the search-index triggers.
  const updates = names.filter((n) => n !== 'id' && n !== 'file_path')
  const changed = db
    .prepare(`UPDATE ${table} SET ${updates.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`)
    .run(...updates.map((n) => values[names.indexOf(n)]), id).changes
  if (changed === 0)
    db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
      ...values,
    )
  if (table === 'portal_users' && Array.isArray(row.rights))
    putPortalRights(db, id, row.rights as PortalRightEntry[])
  return {}
}

/** The central keeps a user's rights in the user's row; the desk keeps them one row per premise and right. */
function putPortalRights(db: Db, userId: string, rights: readonly PortalRightEntry[]): void {
  const set = db.prepare(
    `INSERT INTO portal_rights (portal_user_id, premise_id, "right", status, changed_at, agent_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (portal_user_id, premise_id, "right") DO UPDATE SET status = excluded.status,
       changed_at = excluded.changed_at, agent_id = excluded.agent_id`,
  )
  for (const r of rights) set.run(userId, r.premise_id, r.right, r.status, r.changed_at, r.agent_id)
}

/** Removes a row the central no longer has for this desk; a customer takes everything under it along. */
export function deleteRow(db: Db, table: string, id: string): void {
  if (!TABLES.has(table) || table === 'agents') return
  if (table === 'customers') return deleteCustomer(db, id)
  if (table === 'premises') {
    deleteMeters(db, 'SELECT id FROM meters WHERE premise_id = ?', id)
    db.prepare('DELETE FROM premises WHERE id = ?').run(id)
    return
  }
  if (table === 'meters') return deleteMeters(db, 'SELECT ?', id)
  if (table === 'readings') {
    db.prepare('UPDATE readings SET corrects_reading_id = NULL WHERE corrects_reading_id = ?').run(id)
  }
  if (table === 'consents') db.prepare('UPDATE consents SET undoes_id = NULL WHERE undoes_id = ?').run(id)
  if (table === 'portal_users') db.prepare('DELETE FROM portal_rights WHERE portal_user_id = ?').run(id)
  if (table === 'interactions') db.prepare('DELETE FROM follow_ups WHERE interaction_id = ?').run(id)
  db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id)
}

function deleteMeters(db: Db, select: string, arg: string): void {
  db.prepare(`DELETE FROM readings WHERE meter_id IN (${select})`).run(arg)
  db.prepare(`DELETE FROM meters WHERE id IN (${select})`).run(arg)
}

function deleteCustomer(db: Db, id: string): void {
  const premises = 'SELECT id FROM premises WHERE customer_id = ?'
  db.prepare(
    `DELETE FROM readings WHERE on_behalf_of = ? OR meter_id IN (SELECT id FROM meters WHERE premise_id IN (${premises}))`,
  ).run(id, id)
  db.prepare(`DELETE FROM meters WHERE premise_id IN (${premises})`).run(id)
  for (const sql of [
    'DELETE FROM invoice_lines WHERE invoice_id IN (SELECT id FROM invoices WHERE customer_id = ?)',
    'DELETE FROM statement_lines WHERE statement_id IN (SELECT id FROM statements WHERE customer_id = ?)',
    'DELETE FROM payments WHERE customer_id = ?',
    'DELETE FROM invoices WHERE customer_id = ?',
    'DELETE FROM statements WHERE customer_id = ?',
    `DELETE FROM portal_rights WHERE premise_id IN (${premises})`,
    'DELETE FROM documents WHERE customer_id = ?',
    'DELETE FROM messages WHERE customer_id = ?',
    'DELETE FROM consents WHERE customer_id = ?',
  ])
    db.prepare(sql).run(id)
  db.prepare(
    `DELETE FROM portal_rights WHERE portal_user_id IN (SELECT u.id FROM portal_users u
       JOIN portal_accounts a ON a.id = u.account_id WHERE a.customer_id = ?)`,
  ).run(id)
  db.prepare(
    'DELETE FROM portal_users WHERE account_id IN (SELECT id FROM portal_accounts WHERE customer_id = ?)',
  ).run(id)
  db.prepare('DELETE FROM portal_accounts WHERE customer_id = ?').run(id)
  db.prepare(`DELETE FROM premises WHERE customer_id = ?`).run(id)
  db.prepare('DELETE FROM customers WHERE id = ?').run(id)
}

/** One change: a put or a delete. */
export function applyChange(
  db: Db,
  table: string,
  id: string,
  op: 'put' | 'delete',
  row: Record<string, unknown> | null,
): ApplyNote {
  if (op === 'delete' || !row) {
    deleteRow(db, table, id)
    return {}
  }
  return putRow(db, table, row)
}

/**
 * Runs `fn` in one immediate transaction with foreign keys off: the central's rows arrive in version order,
 * not in dependency order (a meter may come a page before its premise), and the central is the authority on
 * references. The pragma can only change outside a transaction; better-sqlite3 is synchronous, so nothing
 * else runs on this connection meanwhile.
 */
export function withCentralRows<T>(db: Db, fn: () => T): T {
  const fk = db.pragma('foreign_keys', { simple: true }) as number
  if (fk) db.pragma('foreign_keys = OFF')
  try {
    return db.transaction(fn).immediate()
  } finally {
    if (fk) db.pragma('foreign_keys = ON')
  }
}
