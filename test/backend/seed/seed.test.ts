import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPersonalCode } from '../../../src/core/personal-code'
import { openDatabase, type Db } from '../../../src/backend/db/open'
import { readSeedInfo, seedDatabase, GENERATOR_VERSION } from '../../../src/backend/seed'
import { lastReadingPeriod } from '../../../src/backend/seed/context'
import { towns } from '../../../src/backend/seed/places'
import { tempDir } from '../db/helpers'

const TODAY = '2026-03-15'
const tmp = tempDir('gasdesk-seed-')
afterAll(() => tmp.cleanup())

async function seeded(name: string, seed: string, customers = 300, today = TODAY): Promise<Db> {
  const db = openDatabase(tmp.file(name))
  await seedDatabase(db, { customers, seed, today })
  return db
}

/**
 * Every user table's rows in a stable order, hashed. Agents' password hashes are left out: they are
 * salted at random by design (the only non-reproducible column).
 */
function logicalDigest(db: Db): Record<string, string> {
  // Ordinary tables only: virtual tables (search indexes) are derived from these.
  const tables = db
    .prepare(
      "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; wr: number }[]
  const out: Record<string, string> = {}
  for (const { name: t, wr } of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY ${wr ? '1, 2' : 'rowid'}`).all() as Record<
      string,
      unknown
    >[]
    const h = createHash('sha256')
    for (const r of rows) {
      if (t === 'agents') delete r.password_hash
      h.update(JSON.stringify(r))
    }
    out[t] = `${rows.length}:${h.digest('hex')}`
  }
  return out
}

describe('demo-data generator', () => {
  let a: Db
  beforeAll(async () => {
    a = await seeded('a.db', 'alpha')
  })
  afterAll(() => a.close())

  it('is deterministic: the same seed gives identical content, another seed different content', async () => {
    const again = await seeded('a2.db', 'alpha')
    const other = await seeded('b.db', 'beta')
    try {
      const digest = logicalDigest(a)
      expect(logicalDigest(again)).toEqual(digest)
      expect(digest.readings.startsWith('0:')).toBe(false)
      const otherDigest = logicalDigest(other)
      for (const t of ['customers', 'premises', 'meters', 'readings', 'consents'])
        expect(otherDigest[t]).not.toBe(digest[t])
    } finally {
      again.close()
      other.close()
    }
  })

  it('writes sound data: integrity, foreign keys, and what generated it', () => {
    expect(a.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(a.pragma('foreign_key_check')).toEqual([])
    expect(readSeedInfo(a)).toEqual({
      generatorVersion: GENERATOR_VERSION,
      seed: 'alpha',
      customers: 300,
      today: TODAY,
      billingMonths: 12,
    })
    expect(a.pragma('journal_mode', { simple: true })).toBe('wal')
    // The load ran without CHECK constraints (integrity_check above verifies them); they are back on.
    expect(a.pragma('ignore_check_constraints', { simple: true })).toBe(0)
    // Demo data is not agent work: nothing queued for the central system, nothing audited.
    expect(
      a.prepare('SELECT (SELECT count(*) FROM outbox) + (SELECT count(*) FROM audit_log)').pluck().get(),
    ).toBe(0)
    expect(a.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('rebuilds every index it dropped for the load, with the exact definitions of the schema', () => {
    const fresh = openDatabase(tmp.file('schema-only.db'))
    const schema = (db: Db) =>
      db
        .prepare(
          "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name",
        )
        .all()
    try {
      expect(schema(a)).toEqual(schema(fresh))
      expect(schema(a).filter((r) => (r as { name: string }).name === 'readings_meter_period')).toHaveLength(
        1,
      )
    } finally {
      fresh.close()
    }
  })

  it('gives every person a valid personal code, ~15 % in the new format, all distinct', () => {
    const codes = a
      .prepare("SELECT personal_code FROM customers WHERE kind = 'person'")
      .pluck()
      .all() as string[]
    expect(codes.length).toBeGreaterThan(250)
    const results = codes.map(checkPersonalCode)
    expect(results.filter((r) => !r.valid)).toEqual([])
    const share = results.filter((r) => r.format === 'new').length / codes.length
    expect(share).toBeGreaterThan(0.07)
    expect(share).toBeLessThan(0.25)
    expect(new Set(codes).size).toBe(codes.length)
  })

  it('uses Latvian names with diacritics, feminine surname forms, Russian and English speakers', () => {
    const rows = a
      .prepare("SELECT first_name, last_name, preferred_language FROM customers WHERE kind = 'person'")
      .all() as {
      first_name: string
      last_name: string
      preferred_language: string
    }[]
    expect(rows.some((r) => /[āčēģīķļņšūž]/i.test(r.last_name))).toBe(true)
    expect(rows.some((r) => /iņa$|ne$/.test(r.last_name))).toBe(true)
    const langs = new Set(rows.map((r) => r.preferred_language))
    expect([...langs].sort()).toEqual(['en', 'lv', 'ru'])
    expect(rows.some((r) => r.preferred_language === 'ru' && /ovs$|ova$|evs$|eva$/.test(r.last_name))).toBe(
      true,
    )
  })

  it('gives contacts in valid shapes: unique e-mails, +371 phones in E.164', () => {
    const emails = a.prepare('SELECT email FROM customers WHERE email IS NOT NULL').pluck().all() as string[]
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length)
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@[a-z0-9.]+\.[a-z]+$/)
    const phones = a
      .prepare("SELECT phone FROM customers WHERE phone IS NOT NULL AND preferred_language <> 'en'")
      .pluck()
      .all() as string[]
    for (const p of phones) expect(p).toMatch(/^\+371[26]\d{7}$/)
  })

  it('places premises in real towns with LV-NNNN postal codes; metering point ids are A + 9 digits', () => {
    const cities = new Set(towns.map((t) => t.city))
    const premises = a
      .prepare('SELECT city, postal_code, billing_type, monthly_instalment_cents FROM premises')
      .all() as {
      city: string
      postal_code: string
      billing_type: string
      monthly_instalment_cents: number | null
    }[]
    for (const p of premises) {
      expect(cities.has(p.city)).toBe(true)
      expect(p.postal_code).toMatch(/^LV-\d{4}$/)
      if (p.billing_type === 'balanced') expect(p.monthly_instalment_cents).toBeGreaterThan(0)
    }
    expect(new Set(premises.map((p) => p.billing_type)).size).toBe(2)
    const meters = a.prepare('SELECT metering_point_id, model, digits, max_flow_m3h FROM meters').all() as {
      metering_point_id: string
      model: string
      digits: number
      max_flow_m3h: number
    }[]
    for (const m of meters) {
      expect(m.metering_point_id).toMatch(/^A\d{9}$/)
      expect(m.max_flow_m3h).toBe(m.model === 'BK-G4' ? 6 : 10)
      expect(m.digits).toBe(5)
    }
    expect(meters.filter((m) => m.model === 'BK-G4').length).toBeGreaterThan(meters.length * 0.8)
  })

  it('writes monthly readings up to the last window before today, monotonic except estimates', () => {
    const rows = a
      .prepare(
        'SELECT meter_id, value, reading_date, period, status, source FROM readings ORDER BY meter_id, period',
      )
      .all() as {
      meter_id: string
      value: number
      reading_date: string
      period: string
      status: string
      source: string
    }[]
    const last = lastReadingPeriod(TODAY)
    expect(last).toBe('2026-02')
    const byMeter = new Map<string, typeof rows>()
    for (const r of rows) {
      expect(r.reading_date < TODAY).toBe(true)
      expect(r.period <= last).toBe(true)
      expect(r.period >= '2024-03').toBe(true)
      byMeter.set(r.meter_id, [...(byMeter.get(r.meter_id) ?? []), r])
    }
    let full = 0
    for (const list of byMeter.values()) {
      expect(new Set(list.map((r) => r.period)).size).toBe(list.length)
      if (list.length === 24) full++
      const actual = list.filter((r) => r.status === 'actual')
      for (let i = 1; i < actual.length; i++)
        expect(actual[i].value).toBeGreaterThanOrEqual(actual[i - 1].value)
      // An operator estimate adds estimated use to the last value on record: never below it.
      for (let i = 1; i < list.length; i++)
        if (list[i].status === 'estimated') expect(list[i].value).toBeGreaterThanOrEqual(list[i - 1].value)
    }
    expect(full).toBeGreaterThan(byMeter.size * 0.85)
    const estimated = rows.filter((r) => r.status === 'estimated')
    expect(estimated.length / rows.length).toBeGreaterThan(0.05)
    expect(estimated.length / rows.length).toBeLessThan(0.11)
    for (const e of estimated) expect(e.source).toBe('operator_estimate')
  })

  it('makes winter months use more gas than summer months', () => {
    const use = a
      .prepare(
        `SELECT substr(r.period, 6, 2) AS month, sum(r.value - p.value) AS m3 FROM readings r
         JOIN readings p ON p.meter_id = r.meter_id AND p.status = 'actual'
          AND p.period = strftime('%Y-%m', r.period || '-01', '-1 month')
         WHERE r.status = 'actual' GROUP BY month`,
      )
      .all() as { month: string; m3: number }[]
    const m = Object.fromEntries(use.map((u) => [u.month, u.m3]))
    expect(m['01']).toBeGreaterThan(3 * m['07'])
    expect(m['12']).toBeGreaterThan(3 * m['06'])
  })

  it('records consent choices with source and wording, never all four channels granted', () => {
    const latest = a
      .prepare(
        `SELECT customer_id, sum(granted) AS granted, count(*) AS channels FROM (
           SELECT customer_id, channel, granted, row_number() OVER (PARTITION BY customer_id, channel ORDER BY at DESC, rowid DESC) AS k
           FROM consents) WHERE k = 1 GROUP BY customer_id`,
      )
      .all() as { granted: number; channels: number }[]
    expect(latest.length).toBeGreaterThan(100)
    for (const c of latest) expect(c.granted).toBeLessThan(4)
    const bad = a
      .prepare(
        "SELECT count(*) FROM consents WHERE wording_version = '' OR (source = 'agent') <> (agent_id IS NOT NULL)",
      )
      .pluck()
      .get()
    expect(bad).toBe(0)
  })

  it('adds the demo agents and refuses to seed a database that already has customers', async () => {
    expect(a.prepare('SELECT username FROM agents ORDER BY username').pluck().all()).toEqual([
      'janis',
      'liga',
      'olga',
    ])
    await expect(seedDatabase(a, { customers: 5, seed: 'x', today: TODAY })).rejects.toThrow(
      /already has customers/,
    )
  })
})
