import type { Migration } from './index'

/** Agents, settings, the outbox, the audit log and sync state: what the mutation path needs. */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
        language TEXT NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en', 'ru')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        blocked_until INTEGER,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- One row: this workstation's identity and the sync cursor. next_seq makes the outbox sequence
      -- gapless even after acknowledged rows are trimmed.
      CREATE TABLE sync_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        client_id TEXT NOT NULL,
        workstation_name TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 1,
        cursor TEXT,
        last_push_at TEXT,
        last_pull_at TEXT,
        server_time_skew_ms INTEGER
      ) STRICT;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        mutation_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        base_version INTEGER,
        args TEXT NOT NULL CHECK (json_valid(args)),
        schema_version INTEGER NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        client_time TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'inflight', 'applied', 'rejected', 'conflict')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        server_result TEXT
      ) STRICT;
      CREATE INDEX outbox_status ON outbox(status, seq);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        agent_id TEXT REFERENCES agents(id),
        workstation TEXT NOT NULL,
        action TEXT NOT NULL,
        customer_id TEXT,
        entity_type TEXT,
        entity_id TEXT,
        mutation_id TEXT,
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
        reason TEXT
      ) STRICT;
      CREATE INDEX audit_customer ON audit_log(customer_id, id);
      CREATE INDEX audit_mutation ON audit_log(mutation_id);
    `)
  },
}
