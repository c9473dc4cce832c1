import type { Migration } from './index'

/*
 * Failed sign-ins for user names that are not (active) agents, so probing names is throttled like real
 * ones and the count survives a restart. Agents keep theirs in agents.failed_sign_ins / blocked_until.
 * Rows are dropped a day after their last failure (services/throttle.ts), so a flood of invented names
 * cannot grow the table for ever.
 */
export const m006SignInThrottle: Migration = {
  version: 6,
  name: 'sign-in-throttle',
  up(db) {
    db.exec(`
      CREATE TABLE sign_in_throttle (
        name TEXT PRIMARY KEY,
        failures INTEGER NOT NULL CHECK (failures >= 0),
        blocked_until INTEGER,
        last_failure_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sign_in_throttle_age ON sign_in_throttle(last_failure_at);
    `)
  },
}
