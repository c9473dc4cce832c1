import type { Migration } from './index'

/*
 * Issue 12, interaction log and work queues:
 * - `teams` and `team_members`: who a follow-up can be given to besides a person. A supervisor's "team"
 *   queue is every team they belong to and every member of those teams. Two teams exist from the start
 *   (the service desk and billing); the central system will send the retailer's own later.
 * - `interactions`: one row per call, visit, e-mail or letter (append-only, the audit row says who).
 * - `follow_ups`: the task an interaction asks for, assigned to an agent or to a team without a person.
 *   The open ones are indexed by assignee and due date for the home page's queues.
 * - Readings an estimate was sent back for re-assessment (readings.flags.reassess, set by reading.record)
 *   get a partial index so the queue never scans the readings table.
 */
const DATE = (col: string) => `${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`

export const m009Interactions: Migration = {
  version: 9,
  name: 'interactions',
  up(db) {
    db.exec(`
      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
      ) STRICT;
      INSERT INTO teams (id, code, name) VALUES
        ('team-desk', 'desk', 'Klientu centrs'),
        ('team-billing', 'billing', 'Norēķini');

      CREATE TABLE team_members (
        team_id TEXT NOT NULL REFERENCES teams(id),
        agent_id TEXT NOT NULL REFERENCES agents(id) ON UPDATE CASCADE ON DELETE CASCADE,
        PRIMARY KEY (team_id, agent_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX team_members_agent ON team_members(agent_id, team_id);
      -- Agents already on this workstation are the service desk.
      INSERT INTO team_members (team_id, agent_id) SELECT 'team-desk', id FROM agents;

      CREATE TABLE interactions (
        id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        channel TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'email', 'letter')),
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        topic TEXT NOT NULL,
        outcome TEXT NOT NULL,
        summary TEXT NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
        occurred_at TEXT NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
      ) STRICT;
      CREATE INDEX interactions_customer ON interactions(customer_id, occurred_at);

      CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        interaction_id TEXT NOT NULL REFERENCES interactions(id),
        customer_id TEXT NOT NULL REFERENCES customers(id),
        assignee_agent_id TEXT REFERENCES agents(id),
        assignee_team_id TEXT REFERENCES teams(id),
        due_date TEXT NOT NULL CHECK (${DATE('due_date')}),
        note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
        created_by TEXT NOT NULL REFERENCES agents(id),
        created_at TEXT NOT NULL,
        done_by TEXT REFERENCES agents(id),
        done_at TEXT,
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        CHECK (assignee_agent_id IS NOT NULL OR assignee_team_id IS NOT NULL),
        CHECK (status <> 'done' OR (done_by IS NOT NULL AND done_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX follow_ups_customer ON follow_ups(customer_id, due_date);
      CREATE INDEX follow_ups_interaction ON follow_ups(interaction_id);
      CREATE INDEX follow_ups_open_agent ON follow_ups(assignee_agent_id, due_date)
        WHERE status = 'open' AND assignee_agent_id IS NOT NULL;
      CREATE INDEX follow_ups_open_team ON follow_ups(assignee_team_id, due_date)
        WHERE status = 'open' AND assignee_team_id IS NOT NULL;

      -- (status, reading_date): the queue counts and orders from the index alone, no table rows.
      CREATE INDEX readings_reassess ON readings(status, reading_date)
        WHERE json_extract(flags, '$.reassess') = 1;
    `)
  },
}
