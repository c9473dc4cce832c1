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
  3: {
    // A balanced-payment statement as version 3 stored it (no paid amount per month), a customer marked
    // for the search index rebuild, and a changed customer (003 marks it for the rebuild).
    insert(db) {
      db.prepare(
        `INSERT INTO statements (id, number, premise_id, customer_id, issue_date, period_start, period_end,
          due_date, actual_cost_cents, instalments_paid_cents, balance_cents, next_instalment_cents, status,
          details, created_at)
        VALUES ('st-1', 'GDP-2026-0000001', ?, ?, '2026-05-12', '2025-11-01', '2026-04-30', '2026-05-20',
          10000, 9000, 1000, 1700, 'issued', NULL, ?)`,
      ).run(PREMISE, CUSTOMER, AT)
      const line = db.prepare(
        `INSERT INTO statement_lines (statement_id, month, consumption_m3, kwh, cost_cents, instalment_cents,
          estimated) VALUES ('st-1', ?, ?, ?, ?, 4500, 0)`,
      )
      line.run('2026-03', 60, 633, 6000)
      line.run('2026-04', 38, 400, 4000)
      db.prepare('INSERT OR IGNORE INTO customer_search_dirty (rid) SELECT rid FROM customers').run()
      db.prepare("UPDATE customers SET email = 'jelena.k@inbox.lv' WHERE id = ?").run(CUSTOMER)
      // Version 3 indexes contract numbers; later versions may rebuild the derived search documents.
      db.prepare("UPDATE premises SET contract_number = 'L-2020-000123' WHERE id = ?").run(PREMISE)
    },
    probes: [
      'SELECT * FROM statements ORDER BY id',
      'SELECT * FROM statement_lines ORDER BY statement_id, month',
      'SELECT * FROM customer_search_dirty ORDER BY rid',
      'SELECT id, email FROM customers ORDER BY id',
      'SELECT id, contract_number FROM premises ORDER BY id',
    ],
  },
  4: {
    // What the customer paid towards each statement month.
    insert(db) {
      db.prepare(
        `INSERT INTO statements (id, number, premise_id, customer_id, issue_date, period_start, period_end,
          due_date, actual_cost_cents, instalments_paid_cents, balance_cents, next_instalment_cents, status,
          details, created_at)
        VALUES ('st-2', 'GDP-2026-0000002', ?, ?, '2026-06-12', '2026-05-01', '2026-05-31', NULL,
          3000, 4500, -1500, 3000, 'settled', NULL, ?)`,
      ).run(PREMISE, CUSTOMER, AT)
      db.prepare(
        `INSERT INTO statement_lines (statement_id, month, consumption_m3, kwh, cost_cents, instalment_cents,
          estimated, paid_cents) VALUES ('st-2', '2026-05', 30, 316, 3000, 4500, 0, 4500)`,
      ).run()
    },
    probes: ["SELECT * FROM statement_lines WHERE statement_id = 'st-2'"],
  },
  5: {
    // The audit log's filter indexes (005): rows of a customer, two workstations, read newest first.
    insert(db) {
      const row = db.prepare(
        `INSERT INTO audit_log (at, agent_id, workstation, action, customer_id, entity_type, entity_id, reason)
         VALUES (?, ?, ?, ?, ?, 'customer', ?, ?)`,
      )
      row.run('2026-02-01T08:00:00.000Z', AGENT, 'desk-1', 'customer.view', CUSTOMER, CUSTOMER, null)
      row.run(
        '2026-02-01T08:05:00.000Z',
        AGENT,
        'desk-2',
        'customer.revealPersonalCode',
        CUSTOMER,
        CUSTOMER,
        'zvans',
      )
    },
    probes: [
      `SELECT id, at, workstation, action, reason FROM audit_log WHERE customer_id = '${CUSTOMER}'
       ORDER BY at DESC, id DESC`,
    ],
  },
  6: {
    // Sign-in throttling of unknown names (006).
    insert(db) {
      db.prepare(
        `INSERT INTO sign_in_throttle (name, failures, blocked_until, last_failure_at)
        VALUES ('nosuchagent', 4, 1800000000000, 1799999940000)`,
      ).run()
    },
    probes: ['SELECT * FROM sign_in_throttle ORDER BY name'],
  },
  7: {
    // How a consent was obtained and its undo (007); a signed document as version 7 stored it (one file).
    insert(db) {
      db.prepare(
        `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version,
        obtained_via) VALUES ('cons-7', ?, 'sms', 1, ?, 'agent', ?, 'marketing-2024-09', 'phone')`,
      ).run(CUSTOMER, AT, AGENT)
      db.prepare(
        `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version,
        obtained_via, undoes_id) VALUES ('cons-7u', ?, 'sms', 0, ?, 'agent', ?, 'marketing-2024-09', 'phone',
        'cons-7')`,
      ).run(CUSTOMER, AT, AGENT)
      db.prepare(
        `INSERT INTO documents (id, customer_id, filename, mime, size_bytes, sha256, content, received_at)
        VALUES ('doc-7', ?, 'ligums.edoc', 'application/vnd.etsi.asic-e+zip', 3, ?, x'504b03', ?)`,
      ).run(CUSTOMER, 'ab'.repeat(32), AT)
    },
    probes: [
      "SELECT id, obtained_via, undoes_id FROM consents WHERE id LIKE 'cons-7%' ORDER BY id",
      "SELECT id, filename, size_bytes, sha256, hex(content) AS content FROM documents WHERE id = 'doc-7'",
    ],
  },
  8: {
    // A detached .p7s stored with the file it signs (008).
    insert(db) {
      db.prepare(
        `INSERT INTO documents (id, customer_id, filename, mime, size_bytes, sha256, content, received_at,
        detached_name, detached_content, detached_size, detached_sha256)
        VALUES ('doc-8', ?, 'ligums.pdf.p7s', 'application/pkcs7-signature', 2, ?, x'3080', ?, 'ligums.pdf',
          x'255044462d', 5, ?)`,
      ).run(CUSTOMER, 'cd'.repeat(32), AT, 'ef'.repeat(32))
    },
    probes: [
      `SELECT id, detached_name, hex(detached_content) AS c, detached_size, detached_sha256 FROM documents
       WHERE id = 'doc-8'`,
    ],
  },
  9: {
    // A logged call with a follow-up for a team (009).
    insert(db) {
      db.prepare(
        `INSERT INTO interactions (id, customer_id, channel, direction, topic, outcome, summary, occurred_at,
           agent_id, created_at) VALUES ('int-9', ?, 'phone', 'inbound', 'invoice', 'follow-up',
           'Zvana par rēķinu | {@} Звонок', ?, ?, ?)`,
      ).run(CUSTOMER, AT, AGENT, AT)
      db.prepare(
        `INSERT INTO follow_ups (id, interaction_id, customer_id, assignee_team_id, due_date, note, created_by,
           created_at) VALUES ('fu-9', 'int-9', ?, 'team-billing', '2026-02-03', 'Pārbaudīt', ?, ?)`,
      ).run(CUSTOMER, AGENT, AT)
    },
    probes: ["SELECT * FROM interactions WHERE id = 'int-9'", "SELECT * FROM follow_ups WHERE id = 'fu-9'"],
  },
  10: {
    // The sync client: where the central is, the last error, args versions, rows waiting for the outbox (010).
    insert(db) {
      db.prepare(
        `UPDATE sync_state SET central_url = 'http://127.0.0.1:5280', central_workstation_id = 'ws-1',
           central_workstation_name = 'W1', centre_id = 'C1', enrolled_at = ?, clock_suspect = 1,
           last_error = '{"code":"network","messageKey":"sync.client.errors.network","at":"2026-01-27T09:31:00.000Z"}',
           next_retry_at = '2026-01-27T09:31:04.000Z' WHERE id = 1`,
      ).run(AT)
      db.prepare('UPDATE outbox SET args_version = 2').run()
      db.prepare(
        `INSERT INTO sync_deferred (entity_type, entity_id, op, row)
         VALUES ('customers', ?, 'put', '{"id":"x","version":3}')`,
      ).run(CUSTOMER)
    },
    probes: [
      'SELECT * FROM sync_state',
      'SELECT seq, args_version FROM outbox',
      'SELECT * FROM sync_deferred',
    ],
  },
  11: {
    // A document whose bytes are stored in parts (011).
    insert(db) {
      db.prepare(
        `INSERT INTO documents (id, customer_id, filename, mime, size_bytes, sha256, file_path, received_at)
        VALUES ('doc-11', ?, 'akts.edoc', 'application/vnd.etsi.asic-e+zip', 5, ?, 'parts', ?)`,
      ).run(CUSTOMER, '11'.repeat(32), AT)
      db.prepare(
        `INSERT INTO document_parts (document_id, kind, part, bytes)
         VALUES ('doc-11', 'content', 0, x'504b0304'), ('doc-11', 'content', 1, x'14')`,
      ).run()
    },
    probes: [
      "SELECT id, file_path, content FROM documents WHERE id = 'doc-11'",
      "SELECT document_id, kind, part, hex(bytes) AS b FROM document_parts WHERE document_id = 'doc-11' ORDER BY part",
    ],
  },
  12: {
    // An article a supervisor edited once: the current text at version 2 and the replaced one (012).
    insert(db) {
      db.prepare(
        `UPDATE faq SET question = 'Kad iesniegt rādījumu? {@|}', version = 2, updated_by = ?, updated_at = ?
         WHERE id = 'readings-window' AND language = 'lv'`,
      ).run(AGENT, AT)
      db.prepare(
        `INSERT INTO faq_history (id, language, version, category, question, answer, sort_order, updated_at,
           updated_by, replaced_at, replaced_by)
         VALUES ('readings-window', 'lv', 1, 'readings', 'Kad var iesniegt skaitītāja rādījumu?', 'No 27. datuma.',
           10, '2026-12-01T00:00:00.000Z', NULL, ?, ?)`,
      ).run(AT, AGENT)
    },
    probes: [
      "SELECT * FROM faq WHERE id = 'readings-window' ORDER BY language",
      'SELECT * FROM faq_history ORDER BY id, language, version',
    ],
  },
}
