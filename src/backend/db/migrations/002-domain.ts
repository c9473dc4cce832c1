import type { Migration } from './index'

/*
 * The domain of DOMAIN.md. Conventions, so every area writes the same shapes:
 * - Rows created on a workstation (or pulled from the central system) have a UUID TEXT `id`; business
 *   numbers (customer, subscriber, invoice) are separate UNIQUE columns.
 * - Synced entities carry `version` (the server version; sent as base_version with a mutation).
 * - Money in integer cents. Unit prices in integer micro-cents (1 EUR = 100 cents = 100,000,000 µc):
 *   every published rate (e.g. 0.0019297 EUR/kWh = 192,970 µc) is exact, and line = round(qty × price).
 *   Quantities in integer thousandths (`quantity_milli`: 53 kWh = 53000, 1 month = 1000). VAT rates in
 *   basis points (21 % = 2100).
 * - Calendar dates 'YYYY-MM-DD' (Europe/Riga), instants ISO-8601 UTC, months 'YYYY-MM'.
 * - Booleans are INTEGER 0/1 with a CHECK; enums are TEXT with a CHECK.
 * - customers has an INTEGER PRIMARY KEY `rid` so an external-content FTS5 index (added by the
 *   customers area) gets a rowid that VACUUM cannot renumber; everything else references customers(id).
 */
const DATE = (col: string) => `${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`
const MONTH = (col: string) => `${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]'`
const BOOL = (col: string) => `${col} INTEGER NOT NULL DEFAULT 0 CHECK (${col} IN (0, 1))`
const LV_POSTAL = (col: string) => `${col} GLOB 'LV-[0-9][0-9][0-9][0-9]'`
const DIGITS = (col: string, n: number) => `(length(${col}) = ${n} AND ${col} NOT GLOB '*[^0-9]*')`

const customers = `
  CREATE TABLE customers (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer_number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'business')),
    first_name TEXT,
    last_name TEXT,
    company_name TEXT,
    personal_code TEXT CHECK (personal_code IS NULL OR ${DIGITS('personal_code', 11)}),
    registration_no TEXT CHECK (registration_no IS NULL OR ${DIGITS('registration_no', 11)}),
    vat_no TEXT CHECK (vat_no IS NULL OR vat_no GLOB '[A-Z][A-Z]?*'),
    email TEXT CHECK (email IS NULL OR email LIKE '_%@_%._%'),
    -- E.164: '+', a non-zero digit, at most 15 digits in all.
    phone TEXT CHECK (phone IS NULL OR (phone GLOB '+[1-9]*' AND substr(phone, 2) NOT GLOB '*[^0-9]*'
      AND length(phone) BETWEEN 8 AND 16)),
    preferred_language TEXT NOT NULL DEFAULT 'lv' CHECK (preferred_language IN ('lv', 'en', 'ru')),
    addr_street TEXT,
    addr_house TEXT,
    addr_apartment TEXT,
    addr_city TEXT,
    addr_municipality TEXT,
    addr_postal_code TEXT,
    addr_country TEXT NOT NULL DEFAULT 'LV' CHECK (length(addr_country) = 2),
    ${BOOL('show_personal_code_on_invoice')},
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((kind = 'person' AND first_name IS NOT NULL AND last_name IS NOT NULL)
      OR (kind = 'business' AND company_name IS NOT NULL AND registration_no IS NOT NULL)),
    CHECK (addr_country <> 'LV' OR addr_postal_code IS NULL OR ${LV_POSTAL('addr_postal_code')})
  ) STRICT;
  CREATE INDEX customers_personal_code ON customers(personal_code) WHERE personal_code IS NOT NULL;
  CREATE INDEX customers_registration_no ON customers(registration_no) WHERE registration_no IS NOT NULL;
  CREATE INDEX customers_name ON customers(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
  CREATE INDEX customers_company ON customers(company_name COLLATE NOCASE) WHERE company_name IS NOT NULL;
  CREATE INDEX customers_email ON customers(email COLLATE NOCASE) WHERE email IS NOT NULL;
  CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;

  -- Marketing consent history: one row per choice, the latest per (customer, channel) wins.
  CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post')),
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('portal', 'agent')),
    agent_id TEXT REFERENCES agents(id),
    wording_version TEXT NOT NULL,
    CHECK (source <> 'agent' OR agent_id IS NOT NULL)
  ) STRICT;
  CREATE INDEX consents_latest ON consents(customer_id, channel, at);
`

const premisesAndMeters = `
  CREATE TABLE premises (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    subscriber_number TEXT NOT NULL UNIQUE,
    contract_number TEXT,
    street TEXT NOT NULL,
    house TEXT NOT NULL,
    apartment TEXT,
    city TEXT NOT NULL,
    municipality TEXT NOT NULL,
    postal_code TEXT NOT NULL CHECK (${LV_POSTAL('postal_code')}),
    billing_type TEXT NOT NULL CHECK (billing_type IN ('invoice', 'balanced')),
    monthly_instalment_cents INTEGER CHECK (monthly_instalment_cents IS NULL OR monthly_instalment_cents >= 0),
    -- Balanced payment: the month (1-12) the customer's review period ends.
    review_month INTEGER CHECK (review_month IS NULL OR review_month BETWEEN 1 AND 12),
    consumption_group INTEGER NOT NULL DEFAULT 1 CHECK (consumption_group IN (1, 2)),
    zone TEXT NOT NULL,
    supply_from TEXT NOT NULL CHECK (${DATE('supply_from')}),
    supply_to TEXT CHECK (supply_to IS NULL OR (${DATE('supply_to')} AND supply_to >= supply_from)),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((billing_type = 'balanced') = (monthly_instalment_cents IS NOT NULL))
  ) STRICT;
  CREATE INDEX premises_customer ON premises(customer_id);
  CREATE INDEX premises_address ON premises(city, street, house, apartment);
  CREATE INDEX premises_postal ON premises(postal_code);

  CREATE TABLE meters (
    id TEXT PRIMARY KEY,
    premise_id TEXT NOT NULL REFERENCES premises(id),
    metering_point_id TEXT NOT NULL UNIQUE
      CHECK (length(metering_point_id) = 10 AND metering_point_id GLOB 'A[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    serial TEXT NOT NULL,
    model TEXT NOT NULL,
    digits INTEGER NOT NULL CHECK (digits BETWEEN 4 AND 9),
    max_flow_m3h REAL NOT NULL CHECK (max_flow_m3h > 0),
    -- The permitted-load band the distribution fixed part is charged by (DOMAIN.md; split from 2026).
    load_band TEXT NOT NULL CHECK (load_band IN ('upto4', '4to6', 'upto6', '6to10', 'over10')),
    installed_at TEXT NOT NULL CHECK (${DATE('installed_at')}),
    removed_at TEXT CHECK (removed_at IS NULL OR (${DATE('removed_at')} AND removed_at >= installed_at)),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
  ) STRICT;
  CREATE INDEX meters_premise ON meters(premise_id);
  CREATE INDEX meters_serial ON meters(serial);

  -- Append-only: a second reading for a meter and period is a correction (corrects_reading_id + reason).
  CREATE TABLE readings (
    id TEXT PRIMARY KEY,
    meter_id TEXT NOT NULL REFERENCES meters(id),
    value INTEGER NOT NULL CHECK (value >= 0),
    reading_date TEXT NOT NULL CHECK (${DATE('reading_date')}),
    period TEXT NOT NULL CHECK (${MONTH('period')}),
    source TEXT NOT NULL CHECK (source IN ('agent', 'portal', 'web', 'sms', 'operator_estimate')),
    status TEXT NOT NULL CHECK (status IN ('actual', 'estimated', 'corrected', 'rejected')),
    channel TEXT CHECK (channel IS NULL OR channel IN ('visit', 'phone', 'email', 'letter', 'portal')),
    agent_id TEXT REFERENCES agents(id),
    on_behalf_of TEXT REFERENCES customers(id),
    ${BOOL('out_of_window')},
    reason TEXT,
    corrects_reading_id TEXT REFERENCES readings(id),
    flags TEXT CHECK (flags IS NULL OR json_valid(flags)),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    CHECK (source <> 'agent' OR agent_id IS NOT NULL),
    CHECK (corrects_reading_id IS NULL OR reason IS NOT NULL)
  ) STRICT;
  CREATE INDEX readings_meter_period ON readings(meter_id, period, reading_date);
  CREATE INDEX readings_corrects ON readings(corrects_reading_id) WHERE corrects_reading_id IS NOT NULL;
`

const billing = `
  CREATE TABLE invoices (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    premise_id TEXT NOT NULL REFERENCES premises(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    issue_date TEXT NOT NULL CHECK (${DATE('issue_date')}),
    period_start TEXT NOT NULL CHECK (${DATE('period_start')}),
    period_end TEXT NOT NULL CHECK (${DATE('period_end')} AND period_end >= period_start),
    due_date TEXT NOT NULL CHECK (${DATE('due_date')}),
    net_cents INTEGER NOT NULL,
    vat_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL CHECK (total_cents = net_cents + vat_cents),
    status TEXT NOT NULL CHECK (status IN ('issued', 'paid', 'partially_paid', 'cancelled')),
    -- What the print needs beyond the lines: readings used, calorific value, kWh (JSON).
    details TEXT CHECK (details IS NULL OR json_valid(details)),
    data_version INTEGER NOT NULL DEFAULT 1 CHECK (data_version >= 1),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX invoices_premise ON invoices(premise_id, issue_date);
  CREATE INDEX invoices_customer ON invoices(customer_id, issue_date);

  CREATE TABLE invoice_lines (
    invoice_id TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL CHECK (line_no >= 1),
    kind TEXT NOT NULL CHECK (kind IN ('gas', 'transmission_exit', 'distribution_fixed', 'distribution_variable',
      'excise', 'adjustment')),
    description_key TEXT NOT NULL,
    quantity_milli INTEGER NOT NULL,
    unit TEXT NOT NULL CHECK (unit IN ('kWh', 'MWh', 'm3', 'month', 'pcs')),
    unit_price_microcents INTEGER NOT NULL,
    net_cents INTEGER NOT NULL,
    vat_rate_bp INTEGER NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    vat_cents INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
  ) STRICT;

  -- Balanced payment reconciliation per premise: positive balance = the customer owes, negative = advance.
  CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    premise_id TEXT NOT NULL REFERENCES premises(id),
    customer_id TEXT NOT NULL REFERENCES customers(id),
    issue_date TEXT NOT NULL CHECK (${DATE('issue_date')}),
    period_start TEXT NOT NULL CHECK (${DATE('period_start')}),
    period_end TEXT NOT NULL CHECK (${DATE('period_end')} AND period_end >= period_start),
    due_date TEXT CHECK (due_date IS NULL OR ${DATE('due_date')}),
    actual_cost_cents INTEGER NOT NULL,
    instalments_paid_cents INTEGER NOT NULL,
    balance_cents INTEGER NOT NULL CHECK (balance_cents = actual_cost_cents - instalments_paid_cents),
    next_instalment_cents INTEGER CHECK (next_instalment_cents IS NULL OR next_instalment_cents >= 0),
    status TEXT NOT NULL CHECK (status IN ('issued', 'settled', 'cancelled')),
    details TEXT CHECK (details IS NULL OR json_valid(details)),
    data_version INTEGER NOT NULL DEFAULT 1 CHECK (data_version >= 1),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX statements_premise ON statements(premise_id, issue_date);
  CREATE INDEX statements_customer ON statements(customer_id, issue_date);

  CREATE TABLE statement_lines (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    month TEXT NOT NULL CHECK (${MONTH('month')}),
    consumption_m3 INTEGER NOT NULL CHECK (consumption_m3 >= 0),
    kwh INTEGER NOT NULL CHECK (kwh >= 0),
    cost_cents INTEGER NOT NULL,
    instalment_cents INTEGER NOT NULL,
    ${BOOL('estimated')},
    PRIMARY KEY (statement_id, month)
  ) STRICT;

  CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    premise_id TEXT REFERENCES premises(id),
    invoice_id TEXT REFERENCES invoices(id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
    paid_on TEXT NOT NULL CHECK (${DATE('paid_on')}),
    reference TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('bank_transfer', 'portal', 'cash', 'direct_debit', 'other')),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX payments_customer ON payments(customer_id, paid_on);
  CREATE INDEX payments_premise ON payments(premise_id, paid_on) WHERE premise_id IS NOT NULL;
`

const portal = `
  CREATE TABLE portal_accounts (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL UNIQUE REFERENCES customers(id),
    email TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '_%@_%._%'),
    password_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('none', 'invited', 'active', 'locked')),
    ${BOOL('must_change_password')},
    ${BOOL('must_confirm_contacts')},
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  -- Further users of an account (DOMAIN.md "Lietotāji"), with rights per premise.
  CREATE TABLE portal_users (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES portal_accounts(id),
    email TEXT NOT NULL COLLATE NOCASE CHECK (email LIKE '_%@_%._%'),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('requested', 'invited', 'active', 'revoked')),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (account_id, email)
  ) STRICT;

  CREATE TABLE portal_rights (
    portal_user_id TEXT NOT NULL REFERENCES portal_users(id),
    premise_id TEXT NOT NULL REFERENCES premises(id),
    "right" TEXT NOT NULL CHECK ("right" IN ('view_invoices', 'pay', 'submit_readings', 'send_messages', 'manage_users')),
    -- Grants wait for approval (SYNC.md); revocation beats grant.
    status TEXT NOT NULL CHECK (status IN ('requested', 'granted', 'revoked')),
    changed_at TEXT NOT NULL,
    agent_id TEXT REFERENCES agents(id),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    PRIMARY KEY (portal_user_id, premise_id, "right")
  ) STRICT;
  CREATE INDEX portal_rights_premise ON portal_rights(premise_id);

  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    premise_id TEXT REFERENCES premises(id),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    channel TEXT NOT NULL CHECK (channel IN ('portal', 'email', 'phone', 'letter', 'visit')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    agent_id TEXT REFERENCES agents(id),
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'answered', 'closed')),
    sent_at TEXT NOT NULL,
    read_at TEXT,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
  ) STRICT;
  CREATE INDEX messages_customer ON messages(customer_id, sent_at);
  CREATE INDEX messages_thread ON messages(thread_id, sent_at);
  CREATE INDEX messages_inbox ON messages(status, sent_at) WHERE direction = 'in';

  -- Signed documents: content inline (small files) or a path beside the database.
  CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    message_id TEXT REFERENCES messages(id),
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    content BLOB,
    file_path TEXT,
    validation TEXT CHECK (validation IS NULL OR json_valid(validation)),
    validated_at TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('accepted', 'rejected', 'needs_info')),
    decided_by TEXT REFERENCES agents(id),
    decided_at TEXT,
    decision_reason TEXT,
    received_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (content IS NOT NULL OR file_path IS NOT NULL),
    CHECK (decision IS NULL OR (decided_by IS NOT NULL AND decided_at IS NOT NULL))
  ) STRICT;
  CREATE INDEX documents_customer ON documents(customer_id, received_at);
  CREATE INDEX documents_undecided ON documents(received_at) WHERE decision IS NULL;
`

const reference = `
  CREATE TABLE faq (
    id TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('lv', 'en', 'ru')),
    category TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (id, language)
  ) STRICT;
  CREATE INDEX faq_language ON faq(language, category, sort_order);

  -- Tariffs, calorific values, the calendar, trust lists: fetched whole by content hash (SYNC.md).
  CREATE TABLE reference_datasets (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    effective_from TEXT NOT NULL CHECK (${DATE('effective_from')}),
    content_hash TEXT NOT NULL,
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    fetched_at TEXT NOT NULL,
    UNIQUE (kind, version)
  ) STRICT;
  CREATE INDEX reference_datasets_effective ON reference_datasets(kind, effective_from);

  -- Pre-allocated ranges of business numbers (customer, subscriber, invoice) issued by the centre.
  CREATE TABLE number_series (
    name TEXT PRIMARY KEY,
    prefix TEXT NOT NULL DEFAULT '',
    next_value INTEGER NOT NULL CHECK (next_value >= 0),
    range_end INTEGER NOT NULL,
    pad_to INTEGER NOT NULL DEFAULT 0 CHECK (pad_to BETWEEN 0 AND 20),
    CHECK (next_value <= range_end + 1)
  ) STRICT;
`

export const m002Domain: Migration = {
  version: 2,
  name: 'domain',
  up(db) {
    db.exec(customers)
    db.exec(premisesAndMeters)
    db.exec(billing)
    db.exec(portal)
    db.exec(reference)
  },
}
