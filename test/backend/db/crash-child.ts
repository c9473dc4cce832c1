/**
 * Child process for mutation-crash.test.ts: applies commitMutation in a loop until it is killed.
 * Each mutation writes three domain rows (a customer and two consents). After each commit it prints
 * the committed seq, so the parent knows what was acknowledged before the kill.
 */
import { randomUUID } from 'node:crypto'
import { commitMutation } from '../../../src/backend/db/mutations'
import { openDatabase } from '../../../src/backend/db/open'
import { ensureWorkstation } from '../../../src/backend/db/workstation'

const file = process.argv[2]
const db = openDatabase(file)
const ws = ensureWorkstation(db, 'crash-desk')
const agentId = 'agent-crash'
db.prepare(
  `INSERT OR IGNORE INTO agents (id, username, display_name, role, language, password_hash, created_at)
  VALUES (?, 'crash', 'Crash Test', 'agent', 'lv', 'x', '2026-01-01T00:00:00.000Z')`,
).run(agentId)
const insertCustomer =
  db.prepare(`INSERT INTO customers (id, customer_number, kind, first_name, last_name, created_at,
  updated_at) VALUES (?, ?, 'person', 'Anna', 'Bērziņa', ?, ?)`)
const insertConsent =
  db.prepare(`INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id,
  wording_version) VALUES (?, ?, ?, ?, ?, 'agent', ?, 'marketing-2024-09')`)

process.stdout.write('ready\n')
for (;;) {
  const id = randomUUID()
  const now = Date.now()
  const at = new Date(now).toISOString()
  const { seq } = commitMutation(
    db,
    { agentId, workstation: ws.name, nowMs: now },
    { name: 'customer.create', entityType: 'customer', entityId: id, customerId: id, args: { id } },
    () => {
      insertCustomer.run(id, `C-${id}`, at, at)
      insertConsent.run(randomUUID(), id, 'email', 1, at, agentId)
      insertConsent.run(randomUUID(), id, 'sms', 0, at, agentId)
      return { result: id, after: { id } }
    },
  )
  process.stdout.write(`${seq}\n`)
}
