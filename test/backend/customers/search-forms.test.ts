import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBackend, type Backend } from '../../../src/backend'
import { manualClock } from '../../../src/backend/clock'
import type { CustomerDraft, MethodInput, MethodName, MethodOutput } from '../../../src/contract'
import { makeLegacyPersonalCode } from '../../../src/core/personal-code'
import { copyOfTemplate } from '../../helpers/seeded'
import { tempDir } from '../../helpers/tmp'

/*
 * Issue 10, "Search": the ways agents actually type that found nothing — Cyrillic for a Latin-written
 * name and the other way round, "dz" for the apartment, and invoice or statement numbers in the main box.
 * The real backend on a copy of the shared seeded demo database (with invoices and statements).
 */
const tmp = tempDir('gasdesk-search-forms-')
let backend: Backend

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await backend.dispatch(method, input, 'k')
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.value as MethodOutput<M>
}
const search = (query: string) => call('customers.search', { query, limit: 50 })
const ids = async (query: string) => (await search(query)).hits.map((h) => h.id)

let n = 0
function person(
  first: string,
  last: string,
  street: string,
  house: string,
  apartment: string | null,
): CustomerDraft {
  n++
  const address = { street, house, apartment, town: 'Rīga', postalCode: 'LV-1003' }
  return {
    kind: 'person',
    firstName: first,
    lastName: last,
    personalCode: null,
    language: 'ru',
    address,
    premises: [
      {
        address,
        billingType: 'invoice',
        meter: {
          meteringPointId: `A77700${String(n).padStart(4, '0')}`,
          serial: `SF-${n}`,
          digits: 5,
          maxFlowM3h: 6,
          installationReading: 10,
        },
      },
    ],
  }
}
// Valid legacy codes for the drafts (a household needs one).
const code = (serial: number) => makeLegacyPersonalCode('1970-03-14', serial)!

const created: Record<string, string> = {}
beforeAll(async () => {
  const file = await copyOfTemplate(
    { customers: 30, seed: 'renderer-tests', today: '2026-11-26' },
    tmp.file('desk.sqlite'),
  )
  backend = await createBackend({
    dbFile: file,
    shell: 'test',
    clock: manualClock(Date.parse('2026-11-27T09:00:00Z')),
    demoAgents: true,
  })
  expect(
    (await backend.dispatch('session.signIn', { username: 'olga', password: 'olga-demo' }, 'k')).ok,
  ).toBe(true)
  const drafts: [string, CustomerDraft][] = [
    ['popovs', person('Aleksandrs', 'Popovs', 'Brīvības iela', '101', null)],
    ['cyrillic', person('Юрий', 'Шевченко', 'Brīvības iela', '102', null)],
    ['flat', person('Marija', 'Kalniņa', 'Maskavas iela', '39', '38')],
    ['flatTwin', person('Marija', 'Kalniņa', 'Maskavas iela', '38', '39')],
    ['otherFlat', person('Anna', 'Liepa', 'Maskavas iela', '39', '3')],
  ]
  for (const [i, [key, draft]] of drafts.entries()) {
    draft.personalCode = code(100 + i)
    created[key] = (await call('customers.create', { draft, ignoreDuplicates: true })).customerId
  }
}, 120_000)
afterAll(() => {
  backend?.close()
  tmp.cleanup()
})

describe('Cyrillic and Latin spellings find each other', () => {
  it('"Попов" finds Popovs (and so do Попо as typed so far and Александр Попов)', async () => {
    for (const q of ['Попов', 'попо', 'Александр Попов', 'ПОПОВ'])
      expect(await ids(q), q).toContain(created.popovs)
  })

  it('a name written in Cyrillic is found by its Latvian and passport spellings', async () => {
    for (const q of [
      'Ševčenko',
      'sevcenko',
      'Shevchenko',
      'Jurijs Ševčenko',
      'yuriy shevchenko',
      'Шевченко',
      'юрий',
    ])
      expect(await ids(q), q).toContain(created.cyrillic)
  })

  it('does not make unrelated names match', async () => {
    expect(await ids('Попов')).not.toContain(created.cyrillic)
    expect(await ids('Шевченко')).not.toContain(created.popovs)
  })
})

describe('"dz" is the apartment', () => {
  it('"maskavas iela 39 dz 38" finds the apartment, not house 38 flat 39 nor flat 3', async () => {
    for (const q of [
      'maskavas iela 39 dz 38',
      'Maskavas iela 39, dz. 38',
      'maskavas 39 dz38',
      'maskavas 39 кв 38',
    ]) {
      const found = await ids(q)
      expect(found[0], q).toBe(created.flat)
      expect(found, q).not.toContain(created.flatTwin)
      expect(found, q).not.toContain(created.otherFlat)
    }
    // Without "dz" both numbers are address numbers, as before.
    expect(await ids('maskavas 39 38')).toEqual(expect.arrayContaining([created.flat, created.flatTwin]))
  })

  it('stores the address the way it is searched: dz. and Riga spellings normalised', async () => {
    const draft = person('Olga', 'Normāle', 'maskavas iela.', '39', 'dz. 7')
    draft.personalCode = code(200)
    draft.address = { ...draft.address, town: 'Riga', postalCode: 'lv1003' }
    draft.premises[0].address = { ...draft.address }
    const r = await call('customers.create', { draft, ignoreDuplicates: true })
    const view = await call('customers.get', { customerId: r.customerId })
    expect(view.address).toBe('Maskavas iela 39-7, Rīga, LV-1003')
    expect(view.premises[0].address).toBe('Maskavas iela 39-7, Rīga, LV-1003')
    expect((await ids('maskavas 39 dz 7'))[0]).toBe(r.customerId)
  })
})

describe('invoice and statement numbers in the main search', () => {
  const first = (sql: string) => backend.ctx.db.prepare(sql).get() as { number: string; customer_id: string }

  it('an invoice number finds its customer, however it is typed', async () => {
    const inv = first('SELECT number, customer_id FROM invoices ORDER BY issue_date DESC LIMIT 1')
    const compact = inv.number.replace(/-/gu, '')
    for (const q of [inv.number, inv.number.toLowerCase(), compact, ` ${inv.number} `]) {
      const r = await search(q)
      expect(r.hits, q).toHaveLength(1)
      expect(r.hits[0]).toMatchObject({
        id: inv.customer_id,
        exact: true,
        document: { kind: 'invoice', number: inv.number },
      })
    }
  })

  it('a statement number finds its customer', async () => {
    const st = first('SELECT number, customer_id FROM statements LIMIT 1')
    const r = await search(st.number)
    expect(r.hits).toEqual([
      expect.objectContaining({ id: st.customer_id, document: { kind: 'statement', number: st.number } }),
    ])
  })

  it('an unknown number finds nothing rather than look-alikes', async () => {
    expect((await search('GD-1999-0000001')).hits.filter((h) => h.document)).toEqual([])
  })
})
