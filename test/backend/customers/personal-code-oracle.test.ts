import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import ru from '../../../locales/ru.json'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import { openDatabase, migrate } from '../../../src/backend/db/open'
import { refreshSearchIndex } from '../../../src/backend/services/customers/search-index'
import {
  CODE_LOOKUP_MAX_MISSES,
  CODE_LOOKUP_WINDOW_MS,
} from '../../../src/backend/services/customers/search-guard'
import type { CustomerDraft, MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { legacyCheckDigit } from '../../../src/core/personal-code'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

/*
 * Issue 11, item 2: the full personal code must not be readable without the audited reveal. The attack
 * was "<surname> 3207650…": every search token was a prefix term over an index holding the whole code,
 * so about 20 searches recovered it with nothing on record. These tests play that attacker (and every
 * other route we could think of) against the real backend on a real seeded SQLite file.
 */
const tmp = tempDir('gasdesk-oracle-')
const clock = manualClock(Date.parse('2026-11-27T09:00:00Z'))
let backend: Backend
let seq = 0

async function as<M extends MethodName>(
  key: string,
  method: M,
  input: MethodInput<M>,
): Promise<
  | { ok: true; value: MethodOutput<M> }
  | { ok: false; error: { code: string; messageKey: string; details?: Record<string, unknown> } }
> {
  return (await backend.dispatch(method, input, key)) as never
}
async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await as('liga', method, input)
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value
}
const ids = async (query: string): Promise<string[]> =>
  (await call('customers.search', { query, limit: 50 })).hits.map((h) => h.id)
const count = (sql: string, ...args: unknown[]): number =>
  backend.ctx.db
    .prepare(sql)
    .pluck()
    .get(...args) as number

/** A legacy code for a birth date and serial, with its check digit. */
function legacyCode(ddmmyy: string, century: number, serial: string): string {
  const ten = `${ddmmyy}${century}${serial}`
  return `${ten}${legacyCheckDigit(ten)}`
}

function person(first: string, last: string, code: string): CustomerDraft {
  const n = ++seq
  return {
    kind: 'person',
    firstName: first,
    lastName: last,
    personalCode: code,
    language: 'lv',
    address: { street: 'Lāčplēša iela', house: String(40 + n), town: 'Rīga', postalCode: 'LV-1011' },
    premises: [
      {
        address: { street: 'Lāčplēša iela', house: String(40 + n), town: 'Rīga', postalCode: 'LV-1011' },
        billingType: 'invoice',
        meter: {
          meteringPointId: `A55500${String(n).padStart(4, '0')}`,
          serial: `OR-${n}`,
          digits: 5,
          maxFlowM3h: 6,
          installationReading: 0,
        },
      },
    ],
  }
}

// Twins: same surname, same date of birth, codes that differ only after the sixth digit.
const TWIN_A = legacyCode('120565', 1, '234')
const TWIN_B = legacyCode('120565', 1, '871')
// A new-format code (no date in it), the "3207650…" of the report.
const NEW_A = '32076501234'
const NEW_B = '32076598765'
let twinA = ''
let twinB = ''
let newA = ''
let newB = ''

beforeAll(async () => {
  const file = await copyOfTemplate(
    { customers: 40, seed: 'oracle', today: '2026-11-26', steps: ['agents', 'customers', 'premises'] },
    tmp.file('desk.sqlite'),
  )
  backend = await createBackend({ dbFile: file, shell: 'test', clock, demoAgents: true })
  for (const [key, user] of [
    ['liga', 'liga'],
    ['olga', 'olga'],
    ['janis', 'janis'],
  ])
    expect(
      (await backend.dispatch('session.signIn', { username: user, password: `${user}-demo` }, key)).ok,
    ).toBe(true)
  twinA = (await call('customers.create', { draft: person('Anna', 'Orākula', TWIN_A) })).customerId
  twinB = (
    await call('customers.create', { draft: person('Inga', 'Orākula', TWIN_B), ignoreDuplicates: true })
  ).customerId
  newA = (await call('customers.create', { draft: person('Pēteris', 'Jaunkods', NEW_A) })).customerId
  newB = (await call('customers.create', { draft: person('Ēriks', 'Jaunkods', NEW_B) })).customerId
}, 120_000)
afterAll(() => {
  backend?.close()
  tmp.cleanup()
})

/** Every way we could think of to type a code prefix into the one search box. */
function spellings(prefix: string, surname: string): string[] {
  const hyphen = prefix.length > 6 ? `${prefix.slice(0, 6)}-${prefix.slice(6)}` : prefix
  return [
    prefix,
    hyphen,
    `${surname} ${prefix}`,
    `${surname} ${hyphen}`,
    `${prefix} ${surname}`,
    `${surname.toLowerCase()} ${prefix.slice(0, 3)} ${prefix.slice(3)}`,
    `LV${prefix}`,
    `${surname} LV${prefix}`,
    `${surname} ${prefix}*`,
    `"${prefix}"`,
    `${surname} ${prefix.split('').join(' ')}`,
    `+${prefix}`,
    `00${prefix}`,
  ]
}

describe('no personal-code oracle in search', () => {
  it('the index holds no whole personal code (and no VAT number made of one)', () => {
    const db = backend.ctx.db
    db.exec(
      `CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, customer_search, 'row')`,
    )
    const terms = new Set(db.prepare('SELECT term FROM temp.search_terms').pluck().all() as string[])
    const codes = db
      .prepare('SELECT personal_code FROM customers WHERE personal_code IS NOT NULL')
      .pluck()
      .all() as string[]
    expect(codes.length).toBeGreaterThan(20)
    for (const code of codes) {
      for (let k = 7; k <= 11; k++) expect(terms.has(code.slice(0, k)), code).toBe(false)
      expect(terms.has(`lv${code}`)).toBe(false)
      // The date-of-birth part is there: it is what the masked code shows on every hit.
      expect(terms.has(code.slice(0, 6))).toBe(true)
    }
  })

  it('"<surname> 3207650…": a prefix longer than the birth date never tells one code from another', async () => {
    for (const [code, other, surname, a, b] of [
      [TWIN_A, TWIN_B, 'Orākula', twinA, twinB],
      [NEW_A, NEW_B, 'Jaunkods', newA, newB],
    ] as const) {
      for (let k = 7; k <= 10; k++) {
        for (const q of spellings(code.slice(0, k), surname)) {
          const found = await ids(q)
          // Both twins share the first six digits and nothing more: whatever the search says about one
          // it says about the other, so the answer carries no information about digits 7..k.
          expect(found.includes(a), q).toBe(found.includes(b))
          // And no prefix of one twin's code finds that twin (and not the other) — the attack's signal.
          expect(found.includes(a) && !found.includes(b), q).toBe(false)
        }
        expect(other.slice(0, 6)).toBe(code.slice(0, 6))
      }
    }
  })

  it('an attacker trying each next digit learns nothing beyond the sixth (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom([TWIN_A, 'Orākula', twinA] as const, [NEW_A, 'Jaunkods', newA] as const),
        fc.integer({ min: 6, max: 9 }),
        fc.constantFrom('plain', 'hyphen', 'named'),
        async ([code, surname, target], known, style) => {
          // The attacker knows `known` digits and tries all ten for the next one.
          const answers: boolean[] = []
          for (let d = 0; d <= 9; d++) {
            const p = `${code.slice(0, known)}${d}`
            const typed =
              style === 'hyphen'
                ? `${p.slice(0, 6)}-${p.slice(6)}`
                : style === 'named'
                  ? `${surname} ${p}`
                  : p
            answers.push((await ids(typed)).includes(target))
          }
          // Either no guess finds the customer or all do: the right digit does not stand out.
          expect(new Set(answers).size).toBe(1)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('a whole code (with or without the hyphen, alone or beside the name) finds the customer', async () => {
    const hyphen = `${TWIN_A.slice(0, 6)}-${TWIN_A.slice(6)}`
    for (const q of [TWIN_A, hyphen, `Orākula ${TWIN_A}`, `orakula ${hyphen}`, NEW_A]) {
      const found = await ids(q)
      expect(found[0], q).toBe(q === NEW_A ? newA : twinA)
      expect(found, q).not.toContain(twinB)
    }
    // Hits show the masked code only.
    const hit = (await call('customers.search', { query: hyphen })).hits[0]
    expect(hit.code).toBe(`${TWIN_A.slice(0, 6)}-*****`)
  })

  it('duplicate checks do not confirm a partial code', async () => {
    for (let k = 7; k <= 10; k++) {
      const r = await call('customers.findDuplicates', {
        draft: { ...person('X', 'Orākula', TWIN_A.slice(0, k)), address: { house: '', postalCode: '' } },
        reason: 'checking a new customer',
      })
      expect(r.duplicates).toEqual([])
    }
  })
})

describe('duplicate checks and exports are audited with a reason', () => {
  it('customers.findDuplicates needs a reason and writes it, with the code masked, to the audit log', async () => {
    const draft = person('Juris', 'Orākula', TWIN_A)
    const refused = await as('liga', 'customers.findDuplicates', { draft } as never)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('VALIDATION')
    const before = count("SELECT count(*) FROM audit_log WHERE action = 'customer.findDuplicates'")
    const r = await call('customers.findDuplicates', { draft, reason: 'new contract at the desk' })
    expect(r.duplicates.map((d) => d.id)).toEqual([twinA])
    const row = backend.ctx.db
      .prepare(
        "SELECT customer_id, reason, after_json FROM audit_log WHERE action = 'customer.findDuplicates' ORDER BY id DESC LIMIT 1",
      )
      .get() as { customer_id: string; reason: string; after_json: string }
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'customer.findDuplicates'")).toBe(before + 1)
    expect(row.customer_id).toBe(twinA)
    expect(row.reason).toBe('new contract at the desk')
    expect(row.after_json).toContain(`${TWIN_A.slice(0, 6)}-*****`)
    expect(row.after_json).not.toContain(TWIN_A)
    // A check that matches nobody is on record too.
    const unmatched =
      "SELECT count(*) FROM audit_log WHERE action = 'customer.findDuplicates' AND customer_id IS NULL"
    const none = count(unmatched)
    await call('customers.findDuplicates', {
      draft: person('Nav', 'Neviena', legacyCode('010101', 2, '555')),
      reason: 'new',
    })
    expect(count(unmatched)).toBe(none + 1)
    // The refusal inside customers.create says the same thing, so it is audited as well.
    const conflict = await as('liga', 'customers.create', { draft })
    expect(conflict.ok).toBe(false)
    expect(
      count(
        "SELECT count(*) FROM audit_log WHERE action = 'customer.findDuplicates' AND reason = 'customers.create'",
      ),
    ).toBe(1)
  })

  it('customers.export needs a reason, is audited with it, and its summary has labels, not column names', async () => {
    const refused = await as('liga', 'customers.export', { customerId: twinA } as never)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('VALIDATION')
    const r = await call('customers.export', { customerId: twinA, reason: 'Customer asked for a copy' })
    expect(JSON.parse(r.json).customer.personal_code).toBe(TWIN_A)
    const row = backend.ctx.db
      .prepare(
        "SELECT reason, agent_id FROM audit_log WHERE action = 'customer.export' ORDER BY id DESC LIMIT 1",
      )
      .get() as { reason: string; agent_id: string }
    expect(row.reason).toBe('Customer asked for a copy')
    // Readable in the agent's language: labels, formatted values, no column names or row ids.
    expect(r.html).toContain(lv.customers.export.col.customerNumber)
    expect(r.html).toContain(lv.customers.export.col.installed)
    expect(r.html).toContain('Anna Orākula')
    expect(r.html).toContain(`${TWIN_A.slice(0, 6)}-${TWIN_A.slice(6)}`)
    for (const column of [
      'customer_number',
      'addr_street',
      'metering_point_id',
      'premise_id',
      'wording_version',
    ])
      expect(r.html).not.toContain(column)
    expect(r.html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/u)
    const inRussian = await as('olga', 'customers.export', { customerId: twinA, reason: 'Запрос клиента' })
    expect(inRussian.ok && inRussian.value.html).toContain(ru.customers.export.col.customerNumber)
  })
})

describe('whole-code lookups that look like enumeration are limited', () => {
  it(`after ${CODE_LOOKUP_MAX_MISSES} misses a further code search is refused in the agent's language and audited`, async () => {
    const guess = (serial: number) => legacyCode('120565', 1, String(serial).padStart(3, '0'))
    const misses: string[] = []
    for (let s = 0; misses.length < CODE_LOOKUP_MAX_MISSES; s++) {
      const code = guess(s)
      if (code === TWIN_A || code === TWIN_B) continue
      misses.push(code)
      expect((await as('olga', 'customers.search', { query: `Orākula ${code}` })).ok).toBe(true)
    }
    const refused = await as('olga', 'customers.search', { query: TWIN_A })
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.error.code).toBe('RATE_LIMITED')
    expect(refused.error.messageKey).toBe('customers.errors.codeLookupsLimited')
    expect(ru.customers.errors.codeLookupsLimited).toMatch(/[а-я]/u)
    expect(refused.error.details?.retryAfterSeconds).toBeGreaterThan(0)
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'customer.codeLookupsLimited'")).toBe(1)
    // Other searches go on; other agents are not affected.
    expect((await as('olga', 'customers.search', { query: 'Orākula' })).ok).toBe(true)
    expect((await as('liga', 'customers.search', { query: TWIN_A })).ok).toBe(true)
    // When the misses leave the window, whole codes are searchable again.
    clock.advance(CODE_LOOKUP_WINDOW_MS + 1000)
    await backend.dispatch('session.signIn', { username: 'olga', password: 'olga-demo' }, 'olga')
    const again = await as('olga', 'customers.search', { query: TWIN_A })
    expect(again.ok && again.value.hits[0]?.id).toBe(twinA)
  })

  it('finding a customer by their code does not count', async () => {
    await backend.dispatch('session.signIn', { username: 'janis', password: 'janis-demo' }, 'janis')
    for (let i = 0; i < CODE_LOOKUP_MAX_MISSES * 3; i++)
      expect((await as('janis', 'customers.search', { query: i % 2 ? TWIN_A : NEW_B })).ok).toBe(true)
  })
})

describe('migration 007 (search without whole codes)', () => {
  it('removes version-3 documents holding whole codes and re-indexes every customer', () => {
    const t = tempDir('gasdesk-m004-')
    try {
      const db = openDatabase(t.file('v3.sqlite'), { migrate: false })
      migrate(db, 3)
      const at = '2026-01-01T00:00:00Z'
      db.prepare(
        `INSERT INTO customers (id, customer_number, kind, first_name, last_name, personal_code, created_at, updated_at)
         VALUES ('c1', '10000001', 'person', 'Юрий', 'Попов', ?, ?, ?)`,
      ).run(TWIN_A, at, at)
      // What a version-3 index held: the whole code as a term.
      db.prepare('DELETE FROM customer_search_dirty').run()
      db.prepare(
        `INSERT INTO customer_search (rowid, name, ids, contact, address) VALUES (1, 'Юрий Попов', ?, '', '')`,
      ).run(`10000001 ${TWIN_A}`)
      migrate(db)
      refreshSearchIndex(db)
      const match = (q: string) =>
        db
          .prepare('SELECT count(*) FROM customer_search WHERE customer_search MATCH ?')
          .pluck()
          .get(q) as number
      expect(match(`"${TWIN_A.slice(0, 7)}"*`)).toBe(0)
      expect(match(`"${TWIN_A.slice(0, 6)}"`)).toBe(1)
      expect(match('"popovs"')).toBe(1)
      db.close()
    } finally {
      t.cleanup()
    }
  })
})
