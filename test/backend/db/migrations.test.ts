import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { migrate, openDatabase, schemaVersion, type Db } from '../../../src/backend/db/open'
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src/backend/db/migrations'
import { fixtures } from './fixtures'
import { schemaOf, tempDir } from './helpers'

const tmp = tempDir()
const opened: Db[] = []
const open = (name: string, migrateNow = true) => {
  const db = openDatabase(tmp.file(name), { migrate: migrateNow })
  opened.push(db)
  return db
}
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
})

/** Rows as they read back, limited to the columns the earlier version had. */
function project(
  rows: Record<string, unknown>[],
  like: Record<string, unknown>[],
): Record<string, unknown>[] {
  return rows.map((r, i) => Object.fromEntries(Object.keys(like[i] ?? r).map((k) => [k, r[k]])))
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, and the latest number is the schema version', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length)
  })

  it('take an empty file to the latest version with a sound schema', () => {
    const db = open('empty.db')
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all()
    for (const t of [
      'customers',
      'consents',
      'premises',
      'meters',
      'readings',
      'invoices',
      'invoice_lines',
      'statements',
      'statement_lines',
      'payments',
      'portal_accounts',
      'portal_users',
      'portal_rights',
      'messages',
      'documents',
      'faq',
      'reference_datasets',
      'number_series',
      'outbox',
      'audit_log',
    ]) {
      expect(tables).toContain(t)
    }
    // Every ordinary table is STRICT, so a wrong type is an error rather than silently stored
    // (virtual tables and their shadow tables are SQLite's own).
    const loose = db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'",
      )
      .pluck()
      .all()
    expect(loose).toEqual([])
  })

  it('are idempotent: reopening a current database changes nothing', () => {
    const db = open('twice.db')
    const before = schemaOf(db)
    db.close()
    const again = open('twice.db')
    expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION)
    expect(schemaOf(again)).toEqual(before)
  })

  const fresh = () => schemaOf(open(`fresh-${Math.random().toString(36).slice(2)}.db`))

  for (let k = 0; k < LATEST_SCHEMA_VERSION; k++) {
    it(`upgrade a version ${k} database with data to the latest: rows survive, schema equals a fresh one`, () => {
      const db = open(`from-${k}.db`, false)
      expect(migrate(db, k)).toBe(k)
      for (let v = 1; v <= k; v++) {
        expect(fixtures[v], `fixtures[${v}] in test/backend/db/fixtures.ts`).toBeDefined()
        db.transaction(() => fixtures[v].insert(db))()
      }
      const probes = Object.entries(fixtures)
        .filter(([v]) => Number(v) <= k)
        .flatMap(([, f]) => f.probes)
      const before = probes.map((q) => db.prepare(q).all() as Record<string, unknown>[])
      db.close()

      const upgraded = open(`from-${k}.db`)
      expect(schemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION)
      probes.forEach((q, i) => {
        const after = upgraded.prepare(q).all() as Record<string, unknown>[]
        expect(before[i].length, q).toBeGreaterThan(0)
        expect(project(after, before[i]), q).toEqual(before[i])
      })
      expect(schemaOf(upgraded)).toEqual(fresh())
      expect(upgraded.pragma('foreign_key_check')).toEqual([])
    })
  }

  it('let an external-content FTS5 index sit on customers (stable rowid alias `rid`)', () => {
    const db = open('fts.db')
    db.transaction(() => {
      fixtures[1].insert(db)
      fixtures[2].insert(db)
    })()
    db.exec(`CREATE VIRTUAL TABLE customers_fts USING fts5(first_name, last_name, content='customers', content_rowid='rid',
      tokenize='unicode61 remove_diacritics 2');
      INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');`)
    const hit = db
      .prepare(
        "SELECT c.id FROM customers_fts f JOIN customers c ON c.rid = f.rowid WHERE customers_fts MATCH 'petrova'",
      )
      .pluck()
      .all()
    expect(hit).toEqual(['01900000-0000-7000-8000-0000000000c1'])
    db.exec('VACUUM')
    expect(
      db.prepare("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'jelena'").pluck().get(),
    ).toBe(1)
  })

  it('reject rows that break the domain rules (CHECK constraints)', () => {
    const db = open('checks.db')
    db.transaction(() => {
      fixtures[1].insert(db)
      fixtures[2].insert(db)
    })()
    const bad = (sql: string, ...args: unknown[]) =>
      expect(() => db.prepare(sql).run(...args), sql).toThrow(/CHECK|constraint|cannot store/)
    bad("UPDATE meters SET metering_point_id = 'A12345678'")
    bad("UPDATE meters SET metering_point_id = 'B001234567'")
    bad("UPDATE customers SET personal_code = '161175-19997'")
    bad("UPDATE customers SET phone = '0037121234567'")
    bad("UPDATE customers SET preferred_language = 'de'")
    bad("UPDATE premises SET postal_code = '1011'")
    bad("UPDATE premises SET billing_type = 'invoice'") // an invoice premise has no instalment
    bad("UPDATE readings SET period = '2026-1'")
    bad('UPDATE readings SET value = -1')
    bad("UPDATE readings SET source = 'agent', agent_id = NULL")
    bad('UPDATE invoices SET total_cents = 1000')
    bad("UPDATE consents SET source = 'agent', agent_id = NULL")
    bad("UPDATE readings SET value = '12x'") // STRICT: no text in an INTEGER column
    expect(() =>
      db
        .prepare(
          `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, corrects_reading_id,
        created_at) VALUES ('r-2', ?, 12346, '2026-01-28', '2026-01', 'portal', 'actual', 'r-1', ?)`,
        )
        .run('01900000-0000-7000-8000-0000000000e1', '2026-01-28T10:00:00.000Z'),
    ).toThrow(/CHECK/) // a correction without a reason
    expect(() =>
      db
        .prepare(
          "INSERT INTO portal_accounts (id, customer_id, email, status, created_at, updated_at) VALUES ('pa-2', 'x', 'JELENA@inbox.lv', 'active', 'a', 'a')",
        )
        .run(),
    ).toThrow(/UNIQUE/) // e-mail unique regardless of case
  })
})

afterAll(() => tmp.cleanup())

describe('migration 009 (interactions)', () => {
  it('puts the agents already on the workstation into the service desk team', () => {
    const db = open('teams-009.db', false)
    migrate(db, 8)
    fixtures[1].insert(db)
    db.close()
    const upgraded = open('teams-009.db')
    expect(upgraded.prepare('SELECT team_id, agent_id FROM team_members').all()).toEqual([
      { team_id: 'team-desk', agent_id: upgraded.prepare('SELECT id FROM agents').pluck().get() },
    ])
    upgraded.close()
  })
})
