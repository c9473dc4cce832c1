-- Portal logins and their further users, and the interaction log with its follow-ups, applied centrally
-- from desk mutations (portal.*, portalUser.*, interaction.log, followUp.complete) and pulled by the desks of
-- the customer's service centre.

-- password_hash is the scrypt verifier of the (temporary) password: kept here for portal sign-in and never
-- sent down to desks (sync/tables.ts SECRET_COLUMNS).
CREATE TABLE portal_accounts (
  id text PRIMARY KEY,
  customer_id text NOT NULL UNIQUE REFERENCES customers(id),
  email text NOT NULL,
  status text NOT NULL CHECK (status IN ('invited', 'active', 'locked')),
  password_hash text,
  must_change_password boolean NOT NULL,
  must_confirm_contacts boolean NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX portal_accounts_email ON portal_accounts (lower(email));

-- Rights per premise travel with the user as one jsonb array ({premise_id, right, status, changed_at,
-- agent_id}): a rights change is one intent and replaces the user's row as a whole.
CREATE TABLE portal_users (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES portal_accounts(id),
  customer_id text NOT NULL REFERENCES customers(id),
  email text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('requested', 'invited', 'active', 'revoked')),
  rights jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at text NOT NULL,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX portal_users_email ON portal_users (account_id, lower(email));

CREATE TABLE interactions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  channel text NOT NULL CHECK (channel IN ('visit', 'phone', 'email', 'letter')),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  topic text NOT NULL,
  outcome text NOT NULL,
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  occurred_at text NOT NULL,
  agent_id text NOT NULL,
  created_at text NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX interactions_customer ON interactions (customer_id, occurred_at);

-- Teams are desk-side groupings: the central keeps the assignee ids as given.
CREATE TABLE follow_ups (
  id text PRIMARY KEY,
  interaction_id text NOT NULL REFERENCES interactions(id),
  customer_id text NOT NULL REFERENCES customers(id),
  assignee_agent_id text,
  assignee_team_id text,
  due_date text NOT NULL CHECK (due_date ~ '^\d{4}-\d{2}-\d{2}$'),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by text NOT NULL,
  created_at text NOT NULL,
  done_by text,
  done_at text,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  CHECK (assignee_agent_id IS NOT NULL OR assignee_team_id IS NOT NULL),
  CHECK (status <> 'done' OR (done_by IS NOT NULL AND done_at IS NOT NULL))
);
CREATE INDEX follow_ups_customer ON follow_ups (customer_id);
