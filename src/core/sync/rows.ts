/**
 * The synced entity rows in the shape both sides store them (column names of the desk's SQLite tables and
 * the central's PostgreSQL tables) and the pull sends them. Instants are ISO strings, dates 'YYYY-MM-DD'.
 */
export interface CustomerRow {
  id: string
  customer_number: string
  kind: 'person' | 'business'
  first_name: string | null
  last_name: string | null
  company_name: string | null
  personal_code: string | null
  registration_no: string | null
  vat_no: string | null
  email: string | null
  phone: string | null
  preferred_language: 'lv' | 'en' | 'ru'
  addr_street: string | null
  addr_house: string | null
  addr_apartment: string | null
  addr_city: string | null
  addr_municipality: string | null
  addr_postal_code: string | null
  addr_country: string
  /** The partition: the service centre whose desks hold this customer. */
  service_centre_id: string
  /** Per mergeable field, the entity version that last changed it. */
  field_versions: Record<string, number>
  version: number
  created_at: string
  updated_at: string
}

export interface PremiseRow {
  id: string
  customer_id: string
  subscriber_number: string
  contract_number: string | null
  street: string
  house: string
  apartment: string | null
  city: string
  municipality: string
  postal_code: string
  billing_type: 'invoice' | 'balanced'
  monthly_instalment_cents: number | null
  review_month: number | null
  consumption_group: number
  zone: string
  supply_from: string
  supply_to: string | null
  /** The last invoiced month ('YYYY-MM'); readings for it or earlier go to a person. */
  billed_through: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface MeterRow {
  id: string
  premise_id: string
  metering_point_id: string
  serial: string
  model: string
  digits: number
  max_flow_m3h: number
  load_band: string
  installed_at: string
  removed_at: string | null
  version: number
}

export type ReadingRowSource = 'agent' | 'portal' | 'web' | 'sms' | 'operator_estimate'

export interface ReadingRow {
  id: string
  meter_id: string
  value: number
  reading_date: string
  period: string
  source: ReadingRowSource
  status: 'actual' | 'estimated' | 'corrected' | 'rejected'
  channel: string | null
  agent_id: string | null
  on_behalf_of: string | null
  out_of_window: boolean
  reason: string | null
  corrects_reading_id: string | null
  flags: Record<string, unknown> | null
  version: number
  created_at: string
}

export interface ConsentRow {
  id: string
  customer_id: string
  channel: 'email' | 'sms' | 'phone' | 'post'
  granted: boolean
  at: string
  source: 'portal' | 'agent'
  agent_id: string | null
  wording_version: string
  /** How the customer gave it at a desk (visit, phone, email, letter); null from the portal or older desks. */
  via: string | null
  /** The row this one takes back (an agent's immediate undo); null for an ordinary choice. */
  undoes_id: string | null
  received_at: string
  version: number
}

export interface DocumentRow {
  id: string
  customer_id: string
  filename: string
  mime: string
  size_bytes: number
  sha256: string
  decision: 'accepted' | 'rejected' | 'needs_info' | null
  decided_by: string | null
  decided_at: string | null
  decision_reason: string | null
  received_at: string
  version: number
}

export type PortalRight = 'view_invoices' | 'pay' | 'submit_readings' | 'send_messages' | 'manage_users'

/**
 * A customer's portal login. `password_hash` is the scrypt verifier of the (temporary) password: a secret,
 * stored centrally for sign-in and never sent down to desks (the pull and verdict rows leave it out).
 */
export interface PortalAccountRow {
  id: string
  customer_id: string
  email: string
  status: 'invited' | 'active' | 'locked'
  password_hash: string | null
  must_change_password: boolean
  must_confirm_contacts: boolean
  version: number
  created_at: string
  updated_at: string
}

/** One right of a further portal user on one premise: grants wait for approval, revocation beats grant. */
export interface PortalRightEntry {
  premise_id: string
  right: PortalRight
  status: 'requested' | 'granted' | 'revoked'
  changed_at: string
  agent_id: string | null
}

export interface PortalUserRow {
  id: string
  account_id: string
  /** The account holder's customer (the partition the user syncs in). */
  customer_id: string
  email: string
  first_name: string
  last_name: string
  status: 'requested' | 'invited' | 'active' | 'revoked'
  rights: PortalRightEntry[]
  version: number
  created_at: string
  updated_at: string
}

export interface InteractionRow {
  id: string
  customer_id: string
  channel: 'visit' | 'phone' | 'email' | 'letter'
  direction: 'inbound' | 'outbound'
  topic: string
  outcome: string
  summary: string
  occurred_at: string
  agent_id: string
  created_at: string
  version: number
}

export interface FollowUpRow {
  id: string
  interaction_id: string
  customer_id: string
  assignee_agent_id: string | null
  assignee_team_id: string | null
  due_date: string
  note: string
  status: 'open' | 'done' | 'cancelled'
  created_by: string
  created_at: string
  done_by: string | null
  done_at: string | null
  version: number
}

/** Rows a decision writes (whole rows: inserted or replacing the stored one). */
export interface Writes {
  customers?: CustomerRow[]
  premises?: PremiseRow[]
  meters?: MeterRow[]
  readings?: ReadingRow[]
  consents?: ConsentRow[]
  documents?: DocumentRow[]
  portal_accounts?: PortalAccountRow[]
  portal_users?: PortalUserRow[]
  interactions?: InteractionRow[]
  follow_ups?: FollowUpRow[]
}
export type WriteTable = keyof Writes
export const WRITE_TABLES: readonly WriteTable[] = [
  'customers',
  'premises',
  'meters',
  'readings',
  'consents',
  'documents',
  'portal_accounts',
  'portal_users',
  'interactions',
  'follow_ups',
]
