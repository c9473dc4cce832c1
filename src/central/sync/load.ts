import { SyncStore } from '../../core/sync/store'
import type { Queryable } from '../db/sql'
import type { Touches } from './handlers'

const uniq = (xs: (string | null | undefined)[]): string[] =>
  [...new Set(xs.filter((x): x is string => !!x))].sort()

/**
 * Loads every row a batch's decisions may read, one query per table, and locks the rows they may change
 * (FOR UPDATE, tables in a fixed order and rows by id, so two batches never wait on each other in a
 * cycle). Natural keys of new customers are serialised with transaction advisory locks.
 */
export async function loadState(q: Queryable, all: Touches[]): Promise<SyncStore> {
  const s = new SyncStore()
  const creates = all.flatMap((t) => (t.create ? [t.create] : []))
  const naturalKeys = uniq(
    creates.flatMap((c) => [
      c.personalCode && `pc:${c.personalCode}`,
      c.registrationNo && `rn:${c.registrationNo}`,
      `nm:${c.name.kind}:${c.name.parts.join(' ').toLowerCase()}`,
      ...c.meteringPoints.map((p) => `mp:${p}`),
    ]),
  )
  if (naturalKeys.length > 0)
    await q.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k ORDER BY k', [
      naturalKeys,
    ])

  // Portal users, then their accounts (by id, customer or e-mail): the accounts' customers and premises are
  // read below with the other customers (rights only on the holder's current premises).
  const userIds = uniq(all.flatMap((t) => t.portalUsers ?? []))
  const users =
    userIds.length > 0
      ? await q.query('SELECT * FROM portal_users WHERE id = ANY($1) ORDER BY id FOR UPDATE', [userIds])
      : []
  const accountIds = uniq([
    ...all.flatMap((t) => t.portalAccounts ?? []),
    ...users.map((u) => u.account_id as string),
  ])
  const accountCustomers = uniq(all.flatMap((t) => t.portalAccountsOfCustomers ?? []))
  const emails = uniq(all.flatMap((t) => t.portalEmails ?? []))
  const accounts =
    accountIds.length + accountCustomers.length + emails.length > 0
      ? await q.query(
          `SELECT * FROM portal_accounts WHERE id = ANY($1) OR customer_id = ANY($2) OR lower(email) = ANY($3)
           ORDER BY id FOR UPDATE`,
          [accountIds, accountCustomers, emails],
        )
      : []
  s.apply({ portal_accounts: accounts as never })
  // A new user's e-mail is checked against the account's other users.
  const usersOfAccounts = uniq(all.flatMap((t) => t.portalAccounts ?? []))
  const siblings =
    usersOfAccounts.length > 0
      ? await q.query('SELECT * FROM portal_users WHERE account_id = ANY($1) ORDER BY id FOR UPDATE', [
          usersOfAccounts,
        ])
      : []
  s.apply({ portal_users: [...users, ...siblings] as never })
  // Including customers whose login this batch creates: a user added in the same batch needs their premises.
  const holders = uniq([...accounts.map((a) => a.customer_id as string), ...accountCustomers])

  const meterIds = uniq(all.flatMap((t) => t.meters ?? []))
  const points = uniq(creates.flatMap((c) => c.meteringPoints))
  const meters =
    meterIds.length + points.length > 0
      ? await q.query(
          'SELECT * FROM meters WHERE id = ANY($1) OR metering_point_id = ANY($2) ORDER BY id FOR UPDATE',
          [meterIds, points],
        )
      : []
  s.apply({ meters: meters as never })

  const premiseIds = uniq(meters.map((m) => m.premise_id as string))
  const premises =
    premiseIds.length > 0 ? await q.query('SELECT * FROM premises WHERE id = ANY($1)', [premiseIds]) : []
  s.apply({ premises: premises as never })

  const customerIds = uniq([
    ...all.flatMap((t) => t.customers ?? []),
    ...premises.map((p) => p.customer_id as string),
    ...holders,
  ])
  const pcs = uniq(creates.map((c) => c.personalCode))
  const rns = uniq(creates.map((c) => c.registrationNo))
  const persons = creates.filter((c) => c.name.kind === 'person')
  const firsts = persons.map((c) => c.name.parts[0].toLowerCase())
  const lasts = persons.map((c) => c.name.parts[1].toLowerCase())
  const companies = uniq(
    creates.filter((c) => c.name.kind === 'business').map((c) => c.name.parts[0].toLowerCase()),
  )
  if (customerIds.length + creates.length > 0) {
    const customers = await q.query(
      `SELECT * FROM customers WHERE id = ANY($1) OR personal_code = ANY($2) OR registration_no = ANY($3)
         OR (kind = 'person' AND (lower(first_name), lower(last_name)) IN
             (SELECT f, l FROM unnest($4::text[], $5::text[]) AS n(f, l)))
         OR (kind = 'business' AND lower(company_name) = ANY($6))
       ORDER BY id FOR UPDATE`,
      [customerIds, pcs, rns, firsts, lasts, companies],
    )
    s.apply({ customers: customers as never })
    // For the same-name-and-address check: the premises of every customer a new one might duplicate.
    const candidates = uniq(customers.map((c) => c.id as string))
    if (creates.length > 0 && candidates.length > 0) {
      const more = await q.query('SELECT * FROM premises WHERE customer_id = ANY($1)', [candidates])
      s.apply({ premises: more as never })
    }
  }
  if (holders.length > 0) {
    const own = await q.query('SELECT * FROM premises WHERE customer_id = ANY($1)', [holders])
    s.apply({ premises: own as never })
  }
  const interactionIds = uniq(all.flatMap((t) => t.interactions ?? []))
  if (interactionIds.length > 0)
    s.apply({
      interactions: (await q.query('SELECT * FROM interactions WHERE id = ANY($1)', [
        interactionIds,
      ])) as never,
    })
  const followUpIds = uniq(all.flatMap((t) => t.followUps ?? []))
  if (followUpIds.length > 0)
    s.apply({
      follow_ups: (await q.query('SELECT * FROM follow_ups WHERE id = ANY($1) ORDER BY id FOR UPDATE', [
        followUpIds,
      ])) as never,
    })
  if (meterIds.length > 0) {
    const readings = await q.query('SELECT * FROM readings WHERE meter_id = ANY($1)', [meterIds])
    s.apply({ readings: readings as never })
  }
  const consentIds = uniq(all.flatMap((t) => t.consents ?? []))
  if (consentIds.length > 0)
    s.apply({ consents: (await q.query('SELECT * FROM consents WHERE id = ANY($1)', [consentIds])) as never })

  const documentIds = uniq(all.flatMap((t) => t.documents ?? []))
  const shas = uniq(all.flatMap((t) => t.blobs ?? []))
  if (documentIds.length + shas.length > 0) {
    const docs = await q.query(
      'SELECT * FROM documents WHERE id = ANY($1) OR sha256 = ANY($2) ORDER BY id FOR UPDATE',
      [documentIds, shas],
    )
    s.apply({ documents: docs as never })
  }
  if (shas.length > 0) {
    const blobs = await q.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1)', [shas])
    for (const b of blobs) s.blobs.add(b.sha256)
  }
  const customerNumbers = uniq(creates.map((c) => c.customerNumber))
  const subscriberNumbers = uniq(creates.flatMap((c) => c.subscriberNumbers))
  if (customerNumbers.length + subscriberNumbers.length > 0) {
    const taken = await q.query<{ kind: string; n: string }>(
      `SELECT 'c' AS kind, customer_number AS n FROM customers WHERE customer_number = ANY($1)
       UNION ALL SELECT 's', subscriber_number FROM premises WHERE subscriber_number = ANY($2)`,
      [customerNumbers, subscriberNumbers],
    )
    for (const t of taken) (t.kind === 'c' ? s.takenCustomerNumbers : s.takenSubscriberNumbers).add(t.n)
  }
  return s
}

/** Reserves business numbers for a batch's new customers (a rejected create leaves a gap, as sequences do). */
export async function reserveNumbers(
  q: Queryable,
  customers: number,
  subscribers: number,
): Promise<{ customer: string[]; subscriber: string[] }> {
  if (customers + subscribers === 0) return { customer: [], subscriber: [] }
  const rows = await q.query<{ c: string[]; s: string[] }>(
    `SELECT ARRAY(SELECT nextval('customer_numbers')::text FROM generate_series(1, $1)) AS c,
            ARRAY(SELECT nextval('subscriber_numbers')::text FROM generate_series(1, $2)) AS s`,
    [customers, subscribers],
  )
  return { customer: rows[0].c, subscriber: rows[0].s }
}
