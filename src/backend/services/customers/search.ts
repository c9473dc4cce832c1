import { addressLine, customerDisplayName } from '../../../core/customers/display'
import type { CustomerSearchHit } from '../../../contract'
import { isPersonalCodeShaped, planSearch, type ExactKeys } from '../../../core/customers/search-query'
import { maskPersonalCode } from '../../../core/personal-code'
import type { MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { checkCodeLookupAllowed, noteCodeLookupMiss } from './search-guard'
import { refreshSearchIndex } from './search-index'

interface HitRow {
  rid: number
  id: string
  customer_number: string
  kind: 'person' | 'business'
  first_name: string | null
  last_name: string | null
  company_name: string | null
  personal_code: string | null
  registration_no: string | null
  street: string | null
  house: string | null
  apartment: string | null
  city: string | null
  subscribers: string | null
}

const statements = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  return {
    // Exact identifiers, each through its own index (an OR over an unindexed column would scan). Ranked
    // before any text match.
    exact: db
      .prepare(
        `SELECT rid FROM customers WHERE personal_code = @digits
         UNION ALL SELECT rid FROM customers WHERE registration_no = @digits
         UNION ALL SELECT rid FROM customers WHERE customer_number = @compact
         UNION ALL SELECT c.rid FROM premises p JOIN customers c ON c.id = p.customer_id
           WHERE p.subscriber_number = @compact
         UNION ALL SELECT c.rid FROM premises p JOIN customers c ON c.id = p.customer_id
           WHERE p.contract_number = @raw
         UNION ALL SELECT c.rid FROM meters m JOIN premises p ON p.id = m.premise_id
           JOIN customers c ON c.id = p.customer_id WHERE m.metering_point_id = @compact
         UNION ALL SELECT c.rid FROM meters m JOIN premises p ON p.id = m.premise_id
           JOIN customers c ON c.id = p.customer_id WHERE m.serial IN (@raw, @compact)
         UNION ALL SELECT rid FROM customers WHERE email = @raw COLLATE NOCASE
         UNION ALL SELECT rid FROM customers WHERE phone IN (@phone1, @phone2)
         LIMIT 50`,
      )
      .pluck(),
    // An invoice or statement number leads to its customer (both numbers are UNIQUE, so indexed).
    documents: db.prepare(
      `SELECT c.rid, 'invoice' AS kind, i.number FROM invoices i JOIN customers c ON c.id = i.customer_id
         WHERE i.number = @number
       UNION ALL SELECT c.rid, 'statement', s.number FROM statements s JOIN customers c ON c.id = s.customer_id
         WHERE s.number = @number`,
    ),
    ranked: db
      .prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? ORDER BY rank LIMIT ?')
      .pluck(),
    unranked: db.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? LIMIT ?').pluck(),
    // Text narrowed to the customers whose whole personal code was typed (`berzins 161175-19997`).
    rankedWithCode: db
      .prepare(
        `SELECT rowid FROM customer_search WHERE customer_search MATCH ?
           AND rowid IN (SELECT rid FROM customers WHERE personal_code = ?) ORDER BY rank LIMIT ?`,
      )
      .pluck(),
    byCode: db.prepare('SELECT rid FROM customers WHERE personal_code = ? LIMIT 50').pluck(),
    rows: db.prepare(
      `SELECT c.rid, c.id, c.customer_number, c.kind, c.first_name, c.last_name, c.company_name, c.personal_code,
         c.registration_no, coalesce(p.street, c.addr_street) AS street, coalesce(p.house, c.addr_house) AS house,
         CASE WHEN p.id IS NULL THEN c.addr_apartment ELSE p.apartment END AS apartment,
         coalesce(p.city, c.addr_city) AS city,
         (SELECT group_concat(subscriber_number, ' ') FROM premises WHERE customer_id = c.id) AS subscribers
       FROM customers c
       LEFT JOIN premises p ON p.id = (SELECT id FROM premises WHERE customer_id = c.id ORDER BY supply_from DESC LIMIT 1)
       WHERE c.rid IN (SELECT value FROM json_each(?))`,
    ),
  }
}

function stmts(db: Db) {
  let s = statements.get(db)
  if (!s) {
    s = prepare(db)
    statements.set(db, s)
  }
  return s
}

export interface SearchResult {
  hits: CustomerSearchHit[]
  tooShort: boolean
  /** More matches than were ranked: the agent should type more. */
  more: boolean
}

const RANK_CAP = 1000

/**
 * One box for every way agents look customers up. Exact identifiers (personal code, customer,
 * subscriber and metering point numbers, meter serial, e-mail, phone, invoice and statement numbers)
 * come first; then the FTS5 matches, best bm25 first. Any input is plain text (see planSearch). A whole
 * personal code is only ever compared whole; with `actor` such lookups are guarded (search-guard.ts).
 */
export function searchCustomers(db: Db, query: string, limit = 20, actor?: MutationActor): SearchResult {
  refreshSearchIndex(db)
  const plan = planSearch(query)
  if (plan.tooShort) return { hits: [], tooShort: true, more: false }
  const codeLookup =
    plan.personalCodes.length > 0 || (plan.exact !== null && isPersonalCodeShaped(exactDigits(plan.exact)))
  if (codeLookup && actor) checkCodeLookupAllowed(db, actor)
  const result = run(db, plan, limit)
  if (codeLookup && actor && result.hits.length === 0) noteCodeLookupMiss(db, actor)
  return result
}

function run(db: Db, plan: ReturnType<typeof planSearch>, limit: number): SearchResult {
  const s = stmts(db)
  const documents = plan.exact ? documentMatches(s, plan.exact) : []
  const exact = plan.exact
    ? [...documents.map((d) => d.rid), ...(s.exact.all(exactParams(plan.exact)) as number[])]
    : []
  const ordered: number[] = [...new Set(exact)].slice(0, limit)
  let more = false
  // A whole identifier that matched exactly (an e-mail, a phone, a number) is what the agent meant: the
  // text search would only add look-alikes, and it is the slowest part for e-mails (`lv`, `gmail`).
  if (ordered.length === 0 && plan.personalCodes.length > 0) {
    // Two different codes in one query cannot both be one customer's.
    const [code, ...others] = plan.personalCodes
    if (others.length === 0) {
      const rids = plan.match
        ? (s.rankedWithCode.all(plan.match, code, limit) as number[])
        : (s.byCode.all(code) as number[])
      ordered.push(...rids.slice(0, limit))
    }
  } else if (ordered.length === 0 && plan.match !== null) {
    // bm25 has to score every match before ORDER BY rank can pick the best, which costs ~0.1 ms per
    // thousand matches. Beyond RANK_CAP matches (`riga`, `an`) the query is too broad for any ranking to
    // help: take the first ones cheaply and tell the agent there are more.
    const probe = s.unranked.all(plan.match, RANK_CAP + 1) as number[]
    more = probe.length > RANK_CAP
    const text = more ? probe : (s.ranked.all(plan.match, limit) as number[])
    for (const rid of text) {
      if (ordered.length >= limit) break
      ordered.push(rid)
    }
  }
  if (ordered.length === 0) return { hits: [], tooShort: false, more: false }
  const byRid = new Map((s.rows.all(JSON.stringify(ordered)) as HitRow[]).map((r) => [r.rid, r]))
  const exactSet = new Set(exact)
  const docByRid = new Map(documents.map((d) => [d.rid, { kind: d.kind, number: d.number }]))
  const hits: CustomerSearchHit[] = []
  for (const rid of ordered) {
    const r = byRid.get(rid)
    if (r) hits.push(toHit(r, exactSet.has(rid), docByRid.get(rid) ?? null))
  }
  return { hits, tooShort: false, more }
}

interface DocumentMatch {
  rid: number
  kind: 'invoice' | 'statement'
  number: string
}

/** `gd-2025-0000001`, `GD 2025 0000001` and `GD20250000001` are all invoice GD-2025-0000001. */
function documentMatches(s: ReturnType<typeof stmts>, k: ExactKeys): DocumentMatch[] {
  const spaced = /^([A-Z]{1,6})(\d{4})(\d{1,12})$/u.exec(k.compact)
  const number = spaced ? `${spaced[1]}-${spaced[2]}-${spaced[3]}` : k.raw.toUpperCase()
  if (!/^[A-Z]{1,6}-\d{4}-\d{1,12}$/u.test(number)) return []
  return s.documents.all({ number }) as DocumentMatch[]
}

const exactDigits = (k: ExactKeys): string =>
  k.digits ?? (/^LV\d{11}$/u.test(k.compact) ? k.compact.slice(2) : '')

function exactParams(k: ExactKeys) {
  // A VAT number is LV + the registration number (or personal code).
  const digits = exactDigits(k)
  return { raw: k.raw, compact: k.compact, digits, phone1: k.phones[0] ?? '', phone2: k.phones[1] ?? '' }
}

function toHit(r: HitRow, exact: boolean, document: CustomerSearchHit['document']): CustomerSearchHit {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    kind: r.kind,
    name: customerDisplayName(r),
    code: r.personal_code ? maskPersonalCode(r.personal_code) : r.registration_no,
    address: addressLine({ street: r.street, house: r.house, apartment: r.apartment, town: r.city }) || null,
    subscriberNumbers: r.subscribers ? r.subscribers.split(' ').slice(0, 5) : [],
    exact,
    document,
  }
}
