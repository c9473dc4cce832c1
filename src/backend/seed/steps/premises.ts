import type { SeedContext, SeedStep } from '../context'
import { addDays, daysBetween } from '../../../core/calendar'
import { instantOn } from '../context'
import { postalCode, townWeights, type Town } from '../places'
import { householdProfile, instalmentCents } from '../profile'
import { towns } from '../places'

const INSERT_PREMISE = `INSERT INTO premises (id, customer_id, subscriber_number, contract_number, street, house,
  apartment, city, municipality, postal_code, billing_type, monthly_instalment_cents, review_month,
  consumption_group, zone, supply_from, version, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`
const INSERT_METER = `INSERT INTO meters (id, premise_id, metering_point_id, serial, model, digits, max_flow_m3h,
  load_band, installed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`

interface CustomerRow {
  _r: number
  id: string
  created_at: string
  addr_street: string
  addr_house: string
  addr_apartment: string | null
  addr_city: string
  addr_municipality: string
  addr_postal_code: string
}

const townByCity = new Map<string, Town>(towns.map((t) => [t.city, t]))

/** Premises (most customers one, some a second home), each with one G4 or G6 meter. */
export const premisesStep: SeedStep = {
  name: 'premises',
  summary: 'premises with billing type and one meter each',
  run(ctx: SeedContext) {
    const { db } = ctx
    const rng = ctx.rng('premises')
    const nextPremiseId = ctx.ids('premises')
    const nextMeterId = ctx.ids('meters')
    const insertPremise = db.prepare(INSERT_PREMISE)
    const insertMeter = db.prepare(INSERT_METER)
    let subscriber = 100_000_000
    let meteringPoint = 1_000_000
    let serial = 10_000_000
    let done = 0
    ctx.eachPage<CustomerRow>(
      `SELECT rowid AS _r, id, created_at, addr_street, addr_house, addr_apartment, addr_city, addr_municipality,
        addr_postal_code FROM customers`,
      (rows) => {
        for (const c of rows) {
          const count = rng.weighted([
            [1, 92],
            [2, 7],
            [3, 1],
          ])
          for (let k = 0; k < count; k++) {
            // The first premise is where the customer lives; others are a second home or a dacha.
            const town = k === 0 ? townByCity.get(c.addr_city)! : rng.weighted(townWeights)
            const flat = k === 0 ? c.addr_apartment !== null : rng.chance(town.flats / 2)
            subscriber += rng.int(1, 7)
            meteringPoint += rng.int(1, 40)
            serial += rng.int(1, 500)
            const subscriberNumber = String(subscriber)
            const profile = householdProfile(ctx.options.seed, subscriberNumber, flat)
            const balanced = rng.chance(profile.use === 'cooking' ? 0.05 : 0.3)
            const joined = c.created_at.slice(0, 10)
            const from =
              k === 0
                ? joined
                : addDays(joined, rng.int(0, Math.max(0, daysBetween(joined, ctx.options.today) - 90)))
            const premiseId = nextPremiseId()
            const at = k === 0 ? c.created_at : instantOn(from, rng.int(420, 1080))
            insertPremise.run(
              premiseId,
              c.id,
              subscriberNumber,
              `L-${from.slice(0, 4)}-${String(subscriber % 1_000_000).padStart(6, '0')}`,
              k === 0 ? c.addr_street : rng.pick(town.streets),
              k === 0 ? c.addr_house : String(rng.int(1, 80)),
              k === 0 ? c.addr_apartment : flat ? String(rng.int(1, 90)) : null,
              town.city,
              town.municipality,
              k === 0 ? c.addr_postal_code : postalCode(town, rng.int(0, 999)),
              balanced ? 'balanced' : 'invoice',
              balanced ? instalmentCents(profile.annualM3) : null,
              balanced ? rng.int(1, 12) : null,
              profile.annualM3 <= 250 ? 1 : 2,
              town.zone,
              from,
              at,
              at,
            )
            const g6 = profile.use === 'heating' && !flat && (profile.annualM3 > 2600 || rng.chance(0.08))
            insertMeter.run(
              nextMeterId(),
              premiseId,
              `A${String(meteringPoint).padStart(9, '0')}`,
              `${rng.pick(['EL', 'IT', 'MT'])}${serial}`,
              g6 ? 'BK-G6' : 'BK-G4',
              5,
              g6 ? 10 : 6,
              g6 ? '6to10' : 'upto6',
              from,
            )
          }
        }
        done += rows.length
        ctx.log(`premises for ${done}/${ctx.options.customers} customers`)
      },
    )
  },
}
