import type { Db } from '../../../src/backend/db/open'

/**
 * Representative rows per schema version, for the upgrade tests: rows written at version k must
 * read back the same after migrating to the latest version. Whoever adds migration N adds
 * `fixtures[N]` (rows for the tables it creates or changes).
 */
export interface VersionFixture {
  insert(db: Db): void
  /** Queries whose results must be identical before and after the upgrade. */
  probes: string[]
}

const AGENT = '01900000-0000-7000-8000-000000000001'
const CUSTOMER = '01900000-0000-7000-8000-0000000000c1'
const PREMISE = '01900000-0000-7000-8000-0000000000a1'
const METER = '01900000-0000-7000-8000-0000000000e1'
const AT = '2026-01-27T09:30:00.000Z'

export const fixtures: Record<number, VersionFixture> = {
  1: {
    insert(db) {
      db.prepare(
        `INSERT INTO agents (id, username, display_name, role, language, password_hash, created_at)
        VALUES (?, 'ilze', 'Ilze Kalniņa', 'agent', 'lv', 'scrypt$x', ?)`,
      ).run(AGENT, AT)
      db.prepare("INSERT INTO settings (key, value) VALUES ('lockAfterMinutes', '20')").run()
      db.prepare(
        "INSERT INTO sync_state (id, client_id, workstation_name, next_seq) VALUES (1, 'c-1', 'desk-1', 2)",
      ).run()
      db.prepare(
        `INSERT INTO outbox (seq, mutation_id, name, entity_type, entity_id, args, schema_version, agent_id,
        client_time) VALUES (1, 'm-1', 'customer.updateContact', 'customer', 'x', '{"email":"a@b.lv"}', 1, ?, ?)`,
      ).run(AGENT, AT)
      db.prepare(
        `INSERT INTO audit_log (at, agent_id, workstation, action, mutation_id, after_json)
        VALUES (?, ?, 'desk-1', 'customer.updateContact', 'm-1', '{"email":"a@b.lv"}')`,
      ).run(AT, AGENT)
    },
    probes: [
      'SELECT * FROM agents ORDER BY id',
      'SELECT * FROM settings ORDER BY key',
      'SELECT * FROM sync_state',
      'SELECT * FROM outbox ORDER BY seq',
      'SELECT * FROM audit_log ORDER BY id',
    ],
  },
  2: {
    insert(db) {
      db.prepare(
        `INSERT INTO customers (id, customer_number, kind, first_name, last_name, personal_code, email, phone,
        preferred_language, addr_street, addr_house, addr_apartment, addr_city, addr_municipality, addr_postal_code,
        created_at, updated_at)
        VALUES (?, '10000001', 'person', 'Jeļena', 'Petrova', '16117519997', 'jelena@inbox.lv', '+37121234567', 'ru',
          'Krišjāņa Barona iela', '12', '4', 'Rīga', 'Rīga', 'LV-1011', ?, ?)`,
      ).run(CUSTOMER, AT, AT)
      db.prepare(
        `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version)
        VALUES ('cons-1', ?, 'email', 1, ?, 'agent', ?, 'marketing-2024-09')`,
      ).run(CUSTOMER, AT, AGENT)
      db.prepare(
        `INSERT INTO premises (id, customer_id, subscriber_number, street, house, city, municipality, postal_code,
        billing_type, monthly_instalment_cents, review_month, zone, supply_from, created_at, updated_at)
        VALUES (?, ?, '100000123', 'Lāčplēša iela', '7', 'Rīga', 'Rīga', 'LV-1010', 'balanced', 4500, 6, 'riga',
          '2020-05-01', ?, ?)`,
      ).run(PREMISE, CUSTOMER, AT, AT)
      db.prepare(
        `INSERT INTO meters (id, premise_id, metering_point_id, serial, model, digits, max_flow_m3h, load_band,
        installed_at) VALUES (?, ?, 'A001234567', 'EL1234', 'BK-G4', 5, 6.0, 'upto6', '2020-05-01')`,
      ).run(METER, PREMISE)
      db.prepare(
        `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, channel, agent_id,
        on_behalf_of, created_at) VALUES ('r-1', ?, 12345, '2026-01-27', '2026-01', 'agent', 'actual', 'phone', ?, ?, ?)`,
      ).run(METER, AGENT, CUSTOMER, AT)
      db.prepare(
        `INSERT INTO invoices (id, number, premise_id, customer_id, issue_date, period_start, period_end, due_date,
        net_cents, vat_cents, total_cents, status, created_at)
        VALUES ('inv-1', 'GD-2026-000001', ?, ?, '2026-02-12', '2026-01-01', '2026-01-31', '2026-02-20', 869, 182, 1051,
          'issued', ?)`,
      ).run(PREMISE, CUSTOMER, AT)
      db.prepare(
        `INSERT INTO invoice_lines (invoice_id, line_no, kind, description_key, quantity_milli, unit,
        unit_price_microcents, net_cents, vat_rate_bp, vat_cents)
        VALUES ('inv-1', 1, 'transmission_exit', 'invoice.line.exit', 53000, 'kWh', 192970, 10, 2100, 2)`,
      ).run()
      db.prepare(
        `INSERT INTO portal_accounts (id, customer_id, email, status, must_confirm_contacts, created_at, updated_at)
        VALUES ('pa-1', ?, 'jelena@inbox.lv', 'invited', 1, ?, ?)`,
      ).run(CUSTOMER, AT, AT)
      db.prepare(
        `INSERT INTO reference_datasets (kind, version, effective_from, content_hash, payload, fetched_at)
        VALUES ('tariffs', '2024.1', '2024-01-01', 'abc', '{"fixed":462}', ?)`,
      ).run(AT)
    },
    probes: [
      'SELECT * FROM customers ORDER BY id',
      'SELECT * FROM consents ORDER BY id',
      'SELECT * FROM premises ORDER BY id',
      'SELECT * FROM meters ORDER BY id',
      'SELECT * FROM readings ORDER BY id',
      'SELECT * FROM invoices ORDER BY id',
      'SELECT * FROM invoice_lines ORDER BY invoice_id, line_no',
      'SELECT * FROM portal_accounts ORDER BY id',
      'SELECT * FROM reference_datasets ORDER BY id',
    ],
  },
  // Version 3 (customer search) indexes contract numbers; the search documents themselves are derived data
  // that later versions may rebuild (version 4 does), so only the rows they are built from are probed.
  3: {
    insert(db) {
      db.prepare("UPDATE premises SET contract_number = 'L-2020-000123' WHERE id = ?").run(PREMISE)
    },
    probes: ['SELECT id, contract_number FROM premises ORDER BY id'],
  },
}
