-- GasDesk central, schema 1: service centres, agents, workstations and their credentials; the domain rows
-- desks sync (mirroring the desk's tables, plus the partition key service_centre_id); the sync bookkeeping.
-- Plain PostgreSQL 15: the same file runs on PostgreSQL and on PGlite.

CREATE TABLE service_centres (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,40}$'),
  name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor')),
  language text NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en', 'ru')),
  -- scrypt verifier in the desk's format, cached by desks for offline sign-in.
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agents_username ON agents (lower(username));

CREATE TABLE workstations (
  id text PRIMARY KEY,
  centre_id text NOT NULL REFERENCES service_centres(id),
  name text NOT NULL,
  host_name text,
  enrolled_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (centre_id, name)
);

-- One-time enrolment codes and refresh tokens are stored as sha256 hashes only.
CREATE TABLE enrol_codes (
  code_hash text PRIMARY KEY,
  workstation_id text NOT NULL REFERENCES workstations(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  workstation_id text NOT NULL REFERENCES workstations(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_workstation ON refresh_tokens (workstation_id);

-- The access-token signing key, shared by every central instance on this database.
CREATE TABLE central_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Domain rows. Instants the desks see are ISO text (as on the desk); calendar dates are `date`.
CREATE TABLE customers (
  id text PRIMARY KEY,
  customer_number text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('person', 'business')),
  first_name text,
  last_name text,
  company_name text,
  personal_code text CHECK (personal_code IS NULL OR personal_code ~ '^[0-9]{11}$'),
  registration_no text CHECK (registration_no IS NULL OR registration_no ~ '^[0-9]{11}$'),
  vat_no text,
  email text,
  phone text,
  preferred_language text NOT NULL DEFAULT 'lv' CHECK (preferred_language IN ('lv', 'en', 'ru')),
  addr_street text,
  addr_house text,
  addr_apartment text,
  addr_city text,
  addr_municipality text,
  addr_postal_code text,
  addr_country text NOT NULL DEFAULT 'LV',
  service_centre_id text NOT NULL REFERENCES service_centres(id),
  -- Per field, the entity version that last changed it: the field-level merge of contact edits.
  field_versions jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at text NOT NULL,
  updated_at text NOT NULL,
  CHECK ((kind = 'person' AND first_name IS NOT NULL AND last_name IS NOT NULL)
    OR (kind = 'business' AND company_name IS NOT NULL AND registration_no IS NOT NULL))
);
CREATE INDEX customers_centre ON customers (service_centre_id);
CREATE INDEX customers_personal_code ON customers (personal_code) WHERE personal_code IS NOT NULL;
CREATE INDEX customers_registration_no ON customers (registration_no) WHERE registration_no IS NOT NULL;
CREATE INDEX customers_name ON customers (lower(last_name), lower(first_name));
CREATE INDEX customers_company ON customers (lower(company_name)) WHERE company_name IS NOT NULL;

CREATE SEQUENCE customer_numbers START 10000001;
CREATE SEQUENCE subscriber_numbers START 100000001;

CREATE TABLE premises (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  subscriber_number text NOT NULL UNIQUE,
  contract_number text,
  street text NOT NULL,
  house text NOT NULL,
  apartment text,
  city text NOT NULL,
  municipality text NOT NULL,
  postal_code text NOT NULL,
  billing_type text NOT NULL CHECK (billing_type IN ('invoice', 'balanced')),
  monthly_instalment_cents integer,
  review_month integer,
  consumption_group integer NOT NULL DEFAULT 1,
  zone text NOT NULL,
  supply_from date NOT NULL,
  supply_to date,
  -- The last month invoiced: a reading for it or earlier goes to a person (SYNC.md conflict policy).
  billed_through text CHECK (billed_through IS NULL OR billed_through ~ '^[0-9]{4}-[0-9]{2}$'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX premises_customer ON premises (customer_id);

CREATE TABLE meters (
  id text PRIMARY KEY,
  premise_id text NOT NULL REFERENCES premises(id),
  metering_point_id text NOT NULL UNIQUE,
  serial text NOT NULL,
  model text NOT NULL,
  digits integer NOT NULL CHECK (digits BETWEEN 4 AND 9),
  max_flow_m3h double precision NOT NULL CHECK (max_flow_m3h > 0),
  load_band text NOT NULL,
  installed_at date NOT NULL,
  removed_at date,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX meters_premise ON meters (premise_id);

CREATE TABLE readings (
  id text PRIMARY KEY,
  meter_id text NOT NULL REFERENCES meters(id),
  value bigint NOT NULL CHECK (value >= 0),
  reading_date date NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  source text NOT NULL CHECK (source IN ('agent', 'portal', 'web', 'sms', 'operator_estimate')),
  status text NOT NULL CHECK (status IN ('actual', 'estimated', 'corrected', 'rejected')),
  channel text,
  agent_id text,
  on_behalf_of text REFERENCES customers(id),
  out_of_window boolean NOT NULL DEFAULT false,
  reason text,
  corrects_reading_id text REFERENCES readings(id),
  flags jsonb,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at text NOT NULL,
  CHECK (corrects_reading_id IS NULL OR reason IS NOT NULL)
);
CREATE INDEX readings_meter ON readings (meter_id, reading_date);

CREATE TABLE consents (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post')),
  granted boolean NOT NULL,
  at text NOT NULL,
  source text NOT NULL CHECK (source IN ('portal', 'agent')),
  agent_id text,
  wording_version text NOT NULL,
  -- Server arrival: the order in which choices take effect (only the central's clock orders).
  received_at text NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX consents_customer ON consents (customer_id, channel);

CREATE TABLE documents (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  filename text NOT NULL,
  mime text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  decision text CHECK (decision IS NULL OR decision IN ('accepted', 'rejected', 'needs_info')),
  decided_by text,
  decided_at text,
  decision_reason text,
  received_at text NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  UNIQUE (customer_id, sha256)
);

-- Blob bytes live in files beside the central (see blobs/store.ts); this row makes "complete" visible to
-- the apply transaction.
CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  completed_at timestamptz NOT NULL DEFAULT now()
);

-- Sync. One clock row: each write transaction bumps it while holding its row lock to the commit, so
-- versions are handed out in commit order and a cursor never skips a late commit.
CREATE TABLE sync_clock (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL,
  purge_watermark bigint NOT NULL DEFAULT 0
);
INSERT INTO sync_clock (id, version, purge_watermark) VALUES (1, 0, 0);

-- The latest state of every entity per partition (centre, or '*' for everyone), with its commit version.
CREATE TABLE sync_entities (
  centre_id text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  version bigint NOT NULL,
  op text NOT NULL CHECK (op IN ('put', 'delete')),
  row_data jsonb,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (centre_id, entity_type, entity_id),
  CHECK ((op = 'put') = (row_data IS NOT NULL))
);
CREATE INDEX sync_entities_pull ON sync_entities (centre_id, version, entity_type, entity_id);
CREATE INDEX sync_entities_tombstones ON sync_entities (changed_at) WHERE op = 'delete';

CREATE TABLE sync_clients (
  client_id uuid PRIMARY KEY,
  workstation_id text NOT NULL REFERENCES workstations(id),
  last_seq bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_push_at timestamptz,
  last_pull_at timestamptz,
  ack_version bigint,
  ack_at timestamptz,
  clock_skew_ms bigint
);
CREATE INDEX sync_clients_workstation ON sync_clients (workstation_id);

-- Every mutation ever decided, once, by its id (dedupe across client-id rotations).
CREATE TABLE sync_mutations (
  mutation_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  seq bigint NOT NULL,
  name text NOT NULL,
  agent_id text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected', 'conflict')),
  result jsonb NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);

-- Which mutation each (client, seq) consumed: the gapless per-client sequence.
CREATE TABLE sync_client_seqs (
  client_id uuid NOT NULL,
  seq bigint NOT NULL,
  mutation_id uuid NOT NULL REFERENCES sync_mutations(mutation_id),
  PRIMARY KEY (client_id, seq)
);

-- Internal failures per mutation; after the last allowed attempt the mutation is dead-lettered.
CREATE TABLE sync_attempts (
  mutation_id uuid PRIMARY KEY,
  attempts integer NOT NULL,
  last_error text NOT NULL,
  last_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_dead_letters (
  mutation_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  seq bigint NOT NULL,
  name text NOT NULL,
  args_version integer NOT NULL,
  -- Secret fields redacted (contract redactArgs).
  args jsonb,
  error text NOT NULL,
  attempts integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The queue a person works: both sides of a disagreement.
CREATE TABLE sync_conflicts (
  id uuid PRIMARY KEY,
  mutation_id uuid NOT NULL,
  client_id uuid NOT NULL,
  agent_id text NOT NULL,
  name text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  centre_id text,
  code text NOT NULL,
  details jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolution jsonb
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (centre_id, created_at) WHERE resolved_at IS NULL;

CREATE TABLE reference_datasets (
  name text PRIMARY KEY,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  body jsonb NOT NULL,
  bytes integer NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now()
);
