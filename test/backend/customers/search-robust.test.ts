import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/backend/db/open'
import { seedDatabase } from '../../../src/backend/seed'
import { searchCustomers } from '../../../src/backend/services/customers/search'
import { agentsStep } from '../../../src/backend/seed/steps/agents'
import { customerSearchStep } from '../../../src/backend/seed/steps/customer-search'
import { customersStep } from '../../../src/backend/seed/steps/customers'
import { premisesStep } from '../../../src/backend/seed/steps/premises'
import { tempDir } from '../../helpers/tmp'

const tmp = tempDir()
let db: Db

beforeAll(async () => {
  db = openDatabase(tmp.file('search.sqlite'))
  // Only the steps search needs (and the search step itself, as the full generator runs it).
  await seedDatabase(db, { customers: 300, seed: 'search-robust', today: '2026-03-10' }, [
    agentsStep,
    customersStep,
    premisesStep,
    customerSearchStep,
  ])
})
afterAll(() => {
  db.close()
  tmp.cleanup()
})

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '"',
    '""',
    "'",
    '*',
    'NEAR(a b)',
    'a OR b',
    'NOT x',
    '-x',
    '^x',
    'name:x',
    '{name}: x',
    '(((',
    'AND',
    'a + b',
    '😀🔥',
    '\u0000',
    '\u0301\u0301',
    'x'.repeat(10_240),
  ),
  fc
    .array(
      fc.constantFrom('"', '*', '(', ')', ':', '-', '+', '^', 'OR', 'AND', 'NEAR', 'berz', '12', ' ', '😀'),
      { maxLength: 30 },
    )
    .map((a) => a.join('')),
)

describe('customer search on a seeded database', () => {
  it('treats any input as plain text and never errors', () => {
    fc.assert(
      fc.property(hostile, (q) => {
        const r = searchCustomers(db, q, 20)
        expect(r.hits.length).toBeLessThanOrEqual(20)
      }),
      { numRuns: 400 },
    )
  })

  it('ranks an exact identifier first', () => {
    const row = db
      .prepare(
        'SELECT c.id, p.subscriber_number, c.customer_number FROM customers c JOIN premises p ON p.customer_id = c.id LIMIT 1',
      )
      .get() as { id: string; subscriber_number: string; customer_number: string }
    for (const q of [row.subscriber_number, row.customer_number]) {
      const r = searchCustomers(db, q, 20)
      expect(r.hits[0]).toMatchObject({ id: row.id, exact: true })
    }
  })

  it('follows changes made by any writer (the triggers mark, the next search re-indexes)', () => {
    const c = db.prepare("SELECT id FROM customers WHERE kind = 'person' LIMIT 1").get() as { id: string }
    db.prepare("UPDATE customers SET last_name = 'Ķēniņš' WHERE id = ?").run(c.id)
    expect(searchCustomers(db, 'kenins', 5).hits.map((h) => h.id)).toContain(c.id)
    db.prepare("UPDATE customers SET last_name = 'Zvaigzne' WHERE id = ?").run(c.id)
    expect(searchCustomers(db, 'kenins', 5).hits.map((h) => h.id)).not.toContain(c.id)
  })
})
