import type { Migration } from './index'

/*
 * Issue 9, the desk's sync client:
 * - sync_state learns where the central is and who this workstation is there (the token itself lives in
 *   the SecretStore, never here), the last error in words and when the next attempt is due, and whether
 *   the central said our clock is off.
 * - outbox.args_version: the version of the args schema of `name` (contract/sync/mutations) the row was
 *   written at; rows from before this migration are version 1 and the central upcasts them.
 * - sync_deferred: pulled rows of entities that still have unsent outbox rows wait here (SYNC.md: no agent
 *   sees an unsent edit reverted) until the verdict on those rows is in.
 */
export const m010SyncClient: Migration = {
  version: 10,
  name: 'sync-client',
  up(db) {
    db.exec(`
      ALTER TABLE sync_state ADD COLUMN central_url TEXT;
      ALTER TABLE sync_state ADD COLUMN central_workstation_id TEXT;
      ALTER TABLE sync_state ADD COLUMN central_workstation_name TEXT;
      ALTER TABLE sync_state ADD COLUMN centre_id TEXT;
      ALTER TABLE sync_state ADD COLUMN enrolled_at TEXT;
      ALTER TABLE sync_state ADD COLUMN last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error));
      ALTER TABLE sync_state ADD COLUMN next_retry_at TEXT;
      ALTER TABLE sync_state ADD COLUMN clock_suspect INTEGER NOT NULL DEFAULT 0 CHECK (clock_suspect IN (0, 1));

      ALTER TABLE outbox ADD COLUMN args_version INTEGER NOT NULL DEFAULT 1 CHECK (args_version >= 1);

      CREATE TABLE sync_deferred (
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('put', 'delete')),
        row TEXT CHECK (row IS NULL OR json_valid(row)),
        PRIMARY KEY (entity_type, entity_id)
      ) STRICT;
    `)
  },
}
