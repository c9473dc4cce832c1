import type { WriteTable, Writes } from '../../core/sync/rows'
import { WRITE_TABLES } from '../../core/sync/rows'
import type { Queryable } from '../db/sql'

/** Columns each synced table is written with (whole rows, as the core's row types). */
export const COLUMNS: Record<WriteTable, readonly string[]> = {
  customers: [
    'id',
    'customer_number',
    'kind',
    'first_name',
    'last_name',
    'company_name',
    'personal_code',
    'registration_no',
    'vat_no',
    'email',
    'phone',
    'preferred_language',
    'addr_street',
    'addr_house',
    'addr_apartment',
    'addr_city',
    'addr_municipality',
    'addr_postal_code',
    'addr_country',
    'service_centre_id',
    'field_versions',
    'version',
    'created_at',
    'updated_at',
  ],
  premises: [
    'id',
    'customer_id',
    'subscriber_number',
    'contract_number',
    'street',
    'house',
    'apartment',
    'city',
    'municipality',
    'postal_code',
    'billing_type',
    'monthly_instalment_cents',
    'review_month',
    'consumption_group',
    'zone',
    'supply_from',
    'supply_to',
    'billed_through',
    'version',
    'created_at',
    'updated_at',
  ],
  meters: [
    'id',
    'premise_id',
    'metering_point_id',
    'serial',
    'model',
    'digits',
    'max_flow_m3h',
    'load_band',
    'installed_at',
    'removed_at',
    'version',
  ],
  readings: [
    'id',
    'meter_id',
    'value',
    'reading_date',
    'period',
    'source',
    'status',
    'channel',
    'agent_id',
    'on_behalf_of',
    'out_of_window',
    'reason',
    'corrects_reading_id',
    'flags',
    'version',
    'created_at',
  ],
  consents: [
    'id',
    'customer_id',
    'channel',
    'granted',
    'at',
    'source',
    'agent_id',
    'wording_version',
    'via',
    'undoes_id',
    'received_at',
    'version',
  ],
  documents: [
    'id',
    'customer_id',
    'filename',
    'mime',
    'size_bytes',
    'sha256',
    'decision',
    'decided_by',
    'decided_at',
    'decision_reason',
    'received_at',
    'version',
  ],
  portal_accounts: [
    'id',
    'customer_id',
    'email',
    'status',
    'password_hash',
    'must_change_password',
    'must_confirm_contacts',
    'version',
    'created_at',
    'updated_at',
  ],
  portal_users: [
    'id',
    'account_id',
    'customer_id',
    'email',
    'first_name',
    'last_name',
    'status',
    'rights',
    'version',
    'created_at',
    'updated_at',
  ],
  interactions: [
    'id',
    'customer_id',
    'channel',
    'direction',
    'topic',
    'outcome',
    'summary',
    'occurred_at',
    'agent_id',
    'created_at',
    'version',
  ],
  follow_ups: [
    'id',
    'interaction_id',
    'customer_id',
    'assignee_agent_id',
    'assignee_team_id',
    'due_date',
    'note',
    'status',
    'created_by',
    'created_at',
    'done_by',
    'done_at',
    'version',
  ],
}

/** Columns that never leave the central (pull pages, verdict rows): the portal password verifier. */
export const SECRET_COLUMNS: Partial<Record<WriteTable, readonly string[]>> = {
  portal_accounts: ['password_hash'],
}

/** `to_jsonb(t)` of a table's row without its secret columns, as SQL. */
export function rowJson(table: WriteTable): string {
  return ['to_jsonb(t)', ...(SECRET_COLUMNS[table] ?? []).map((c) => `'${c}'`)].join(' - ')
}

/** The SQL that finds each table's rows' service centre (the partition they sync in). */
export const CENTRE_OF: Record<WriteTable, string> = {
  customers: 'SELECT t.id, t.service_centre_id AS centre_id, to_jsonb(t) AS row_data FROM customers t',
  premises: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM premises t JOIN customers c ON c.id = t.customer_id`,
  meters: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM meters t JOIN premises p ON p.id = t.premise_id JOIN customers c ON c.id = p.customer_id`,
  readings: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data FROM readings t
    JOIN meters m ON m.id = t.meter_id JOIN premises p ON p.id = m.premise_id JOIN customers c ON c.id = p.customer_id`,
  consents: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM consents t JOIN customers c ON c.id = t.customer_id`,
  documents: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM documents t JOIN customers c ON c.id = t.customer_id`,
  portal_accounts: `SELECT t.id, c.service_centre_id AS centre_id, ${rowJson('portal_accounts')} AS row_data
    FROM portal_accounts t JOIN customers c ON c.id = t.customer_id`,
  portal_users: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM portal_users t JOIN customers c ON c.id = t.customer_id`,
  interactions: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM interactions t JOIN customers c ON c.id = t.customer_id`,
  follow_ups: `SELECT t.id, c.service_centre_id AS centre_id, to_jsonb(t) AS row_data
    FROM follow_ups t JOIN customers c ON c.id = t.customer_id`,
}

/** Parents before children, so foreign keys hold when one batch writes both. */
export const WRITE_ORDER: readonly WriteTable[] = WRITE_TABLES

/**
 * One statement per table for a whole batch (set-oriented): the rows travel as one jsonb array and
 * jsonb_populate_recordset turns them into the table's row type; an existing id is replaced.
 */
export async function writeRows(q: Queryable, table: WriteTable, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return
  const cols = COLUMNS[table]
  const list = cols.join(', ')
  const set = cols
    .filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')
  await q.query(
    `INSERT INTO ${table} (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (id) DO UPDATE SET ${set}`,
    [JSON.stringify(rows)],
  )
}

/** Merges the writes of several decisions: the last row per id wins (the store applied them in order). */
export function mergeWrites(into: Map<WriteTable, Map<string, object>>, w: Writes): void {
  for (const t of WRITE_TABLES) {
    const rows = w[t] as { id: string }[] | undefined
    if (!rows?.length) continue
    let m = into.get(t)
    if (!m) into.set(t, (m = new Map()))
    for (const r of rows) m.set(r.id, r)
  }
}
