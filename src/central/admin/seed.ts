import { addMonths, monthOf } from '../../core/calendar/dates'
import { rigaToday } from '../../core/calendar/riga-time'
import { loadBandOf, zoneOfPostalCode } from '../../core/customers/premise'
import { makeLegacyPersonalCode } from '../../core/personal-code'
import type { CustomerRow, MeterRow, PremiseRow, ReadingRow } from '../../core/sync/rows'
import type { Sql } from '../db/sql'
import { nextVersion, recordPuts } from '../sync/changes'
import { writeRows } from '../sync/tables'
import { DEMO_AGENTS, ensureAgents, ensureCentres } from './accounts'

const FIRST = ['Anna', 'Jānis', 'Līga', 'Pēteris', 'Ilze', 'Andris', 'Kristīne', 'Mārtiņš', 'Olga', 'Sergejs']
const LAST = [
  'Bērziņš',
  'Kalniņa',
  'Ozols',
  'Liepa',
  'Krūmiņa',
  'Jansons',
  'Petrova',
  'Ivanovs',
  'Zariņa',
  'Vītols',
]
const STREETS = [
  'Brīvības iela',
  'Lāčplēša iela',
  'Tērbatas iela',
  'Dzirnavu iela',
  'Elizabetes iela',
  'Krišjāņa Barona iela',
]
/** Typical monthly m³ of a household with gas heating, January first. */
const PROFILE = [180, 160, 130, 80, 40, 20, 15, 15, 30, 80, 130, 170]

/** A small deterministic generator (sfc32), so a seed gives the same data on every machine. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9
  let b = 0x243f6a88
  let c = 0xb7e15162
  let d = seed >>> 0
  return () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    const t = (a + b + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
}

const uuidFrom = (rnd: () => number): string => {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`
}

export interface SeedOptions {
  customers: number
  centres: number
  seed?: number
  /** Riga date the readings run up to (default today). */
  today?: string
  onProgress?: (done: number) => void
}

export interface SeedResult {
  centres: string[]
  agents: number
  customers: number
  readings: number
  skipped: boolean
}

/**
 * `central seed`: service centres C1…CK, the demo agents, and N customers spread over the centres, each with
 * a premise, a meter and 24 monthly window readings — set-oriented, a few thousand customers per commit.
 */
export async function seedCentral(sql: Sql, o: SeedOptions): Promise<SeedResult> {
  const centres = Array.from({ length: o.centres }, (_, i) => `C${i + 1}`)
  await ensureCentres(sql, centres)
  const agents = await ensureAgents(sql, DEMO_AGENTS)
  const [{ n }] = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')
  if (n > 0) return { centres, agents: agents.size, customers: 0, readings: 0, skipped: true }
  const agentId = agents.get('liga')!
  const rnd = prng(o.seed ?? 1)
  const today = o.today ?? rigaToday(Date.now())
  const lastMonth = addMonths(monthOf(today), -1)
  const at = `${today}T08:00:00.000Z`
  const CHUNK = 2000
  let readingsTotal = 0
  for (let from = 0; from < o.customers; from += CHUNK) {
    const customers: CustomerRow[] = []
    const premises: PremiseRow[] = []
    const meters: MeterRow[] = []
    const readings: ReadingRow[] = []
    for (let i = from; i < Math.min(o.customers, from + CHUNK); i++) {
      const id = uuidFrom(rnd)
      const birth = `19${String(40 + Math.floor(rnd() * 60)).padStart(2, '0')}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`
      const code = makeLegacyPersonalCode(birth, 100 + (i % 900))!.replace('-', '')
      const street = STREETS[Math.floor(rnd() * STREETS.length)]
      const house = String(1 + Math.floor(rnd() * 120))
      const postal = `LV-10${String(10 + Math.floor(rnd() * 80)).padStart(2, '0')}`
      customers.push({
        id,
        customer_number: String(10_000_001 + i),
        kind: 'person',
        first_name: FIRST[Math.floor(rnd() * FIRST.length)],
        last_name: LAST[Math.floor(rnd() * LAST.length)],
        company_name: null,
        personal_code: code,
        registration_no: null,
        vat_no: null,
        email: `customer${i + 1}@example.lv`,
        phone: `+3712${String(1000000 + i).slice(-7)}`,
        preferred_language: i % 5 === 0 ? 'ru' : 'lv',
        addr_street: street,
        addr_house: house,
        addr_apartment: null,
        addr_city: 'Rīga',
        addr_municipality: null,
        addr_postal_code: postal,
        addr_country: 'LV',
        service_centre_id: centres[i % centres.length],
        field_versions: {},
        version: 1,
        created_at: at,
        updated_at: at,
      })
      const premiseId = uuidFrom(rnd)
      premises.push({
        id: premiseId,
        customer_id: id,
        subscriber_number: String(100_000_001 + i),
        contract_number: null,
        street,
        house,
        apartment: null,
        city: 'Rīga',
        municipality: 'Rīga',
        postal_code: postal,
        billing_type: 'invoice',
        monthly_instalment_cents: null,
        review_month: null,
        consumption_group: 1,
        zone: zoneOfPostalCode(postal),
        supply_from: `${addMonths(lastMonth, -25)}-01`,
        supply_to: null,
        billed_through: null,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      const meterId = uuidFrom(rnd)
      meters.push({
        id: meterId,
        premise_id: premiseId,
        metering_point_id: `A${String(100_000_000 + i).padStart(9, '0')}`,
        serial: `SN-${String(i + 1).padStart(7, '0')}`,
        model: 'G4',
        digits: 5,
        max_flow_m3h: 6,
        load_band: loadBandOf(6),
        installed_at: `${addMonths(lastMonth, -25)}-01`,
        removed_at: null,
        version: 1,
      })
      let value = Math.floor(rnd() * 20000)
      const scale = 0.5 + rnd()
      for (let k = 23; k >= 0; k--) {
        const period = addMonths(lastMonth, -k)
        value = (value + Math.round(PROFILE[Number(period.slice(5)) - 1] * scale)) % 100000
        readings.push({
          id: uuidFrom(rnd),
          meter_id: meterId,
          value,
          reading_date: `${period}-27`,
          period,
          source: 'agent',
          status: 'actual',
          channel: 'visit',
          agent_id: agentId,
          on_behalf_of: id,
          out_of_window: false,
          reason: null,
          corrects_reading_id: null,
          flags: null,
          version: 1,
          created_at: `${period}-27T09:00:00.000Z`,
        })
      }
    }
    await sql.transaction(async (tx) => {
      await writeRows(tx, 'customers', customers)
      await writeRows(tx, 'premises', premises)
      await writeRows(tx, 'meters', meters)
      await writeRows(tx, 'readings', readings)
      const version = await nextVersion(tx)
      await recordPuts(
        tx,
        'customers',
        customers.map((r) => r.id),
        version,
      )
      await recordPuts(
        tx,
        'premises',
        premises.map((r) => r.id),
        version,
      )
      await recordPuts(
        tx,
        'meters',
        meters.map((r) => r.id),
        version,
      )
      await recordPuts(
        tx,
        'readings',
        readings.map((r) => r.id),
        version,
      )
    })
    readingsTotal += readings.length
    o.onProgress?.(Math.min(o.customers, from + CHUNK))
  }
  // Numbers issued from now on follow the seeded ones.
  if (o.customers > 0)
    await sql.query(
      `SELECT setval('customer_numbers', greatest((SELECT last_value FROM customer_numbers), $1)),
            setval('subscriber_numbers', greatest((SELECT last_value FROM subscriber_numbers), $2))`,
      [10_000_000 + o.customers, 100_000_000 + o.customers],
    )
  return { centres, agents: agents.size, customers: o.customers, readings: readingsTotal, skipped: false }
}
