import { makeLegacyPersonalCode } from '../../../core/personal-code'
import type { SeedContext, SeedStep } from '../context'
import { addDays, daysBetween } from '../../../core/calendar'
import { instantOn } from '../context'
import { companyNouns, companyWords, english, latvian, russian, toAscii } from '../names'
import type { Rng } from '../prng'
import { postalCode, townWeights } from '../places'

type Origin = 'latvian' | 'russian' | 'english'
const namesOf = { latvian, russian, english }

const MAIL_DOMAINS = ['inbox.lv', 'gmail.com', 'apollo.lv', 'tvnet.lv', 'outlook.com', 'one.lv', 'mail.ru']
const CONSENT_CHANNELS = ['email', 'sms', 'phone', 'post'] as const
/** Consent wording versions and the day each came into use. */
const WORDINGS: readonly (readonly [string, string])[] = [
  ['marketing-2018-05', '2018-05-25'],
  ['marketing-2021-03', '2021-03-01'],
  ['marketing-2024-09', '2024-09-01'],
]

const INSERT_CUSTOMER = `INSERT INTO customers (id, customer_number, kind, first_name, last_name, company_name,
  personal_code, registration_no, vat_no, email, phone, preferred_language, addr_street, addr_house,
  addr_apartment, addr_city, addr_municipality, addr_postal_code, show_personal_code_on_invoice, version,
  created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`
const INSERT_CONSENT = `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

function phoneFor(rng: Rng, origin: Origin): string {
  if (origin === 'english' && rng.chance(0.4))
    return rng.pick(['+44 7', '+49 15', '+46 70', '+358 40']).replace(' ', '') + rng.digits(8)
  return rng.chance(0.9) ? `+3712${rng.digits(7)}` : `+3716${rng.digits(7)}`
}

/** A plausible birth date: adults born 1935-2004. */
function birthDate(rng: Rng): string {
  return addDays('1935-01-01', rng.int(0, daysBetween('1935-01-01', '2004-12-31')))
}

export const customersStep: SeedStep = {
  name: 'customers',
  summary: 'households (and a few small businesses) with contacts, address and consent history',
  run(ctx: SeedContext) {
    const { db } = ctx
    const rng = ctx.rng('customers')
    const nextId = ctx.ids('customers')
    const nextConsentId = ctx.ids('consents')
    const insert = db.prepare(INSERT_CUSTOMER)
    const insertConsent = db.prepare(INSERT_CONSENT)
    const codes = new Set<string>()
    const emails = new Set<string>()
    // Most customers joined before the reading history starts; ~6 % moved in during it.
    const joinedBefore = addDays(ctx.historyStart, -30)
    const oldest = '2008-01-01'
    let customerNo = 10_000_000

    const uniqueCode = (make: () => string): string => {
      for (;;) {
        const c = make()
        if (!codes.has(c)) {
          codes.add(c)
          return c
        }
      }
    }
    const uniqueEmail = (local: string): string => {
      const domain = rng.pick(MAIL_DOMAINS)
      let candidate = `${local}@${domain}`
      for (let n = 2; emails.has(candidate); n++) candidate = `${local}${n + rng.int(0, 88)}@${domain}`
      emails.add(candidate)
      return candidate
    }

    ctx.inBatches(ctx.options.customers, (from, to) => {
      for (let i = from; i < to; i++) {
        const id = nextId()
        customerNo += rng.int(1, 9)
        const business = rng.chance(0.03)
        const origin: Origin = business
          ? 'latvian'
          : rng.weighted([
              ['latvian', 78],
              ['russian', 17],
              ['english', 5],
            ])
        const names = namesOf[origin]
        const female = rng.chance(0.52)
        let first: string | null = null
        let last: string | null = null
        let company: string | null = null
        let personalCode: string | null = null
        let regNo: string | null = null
        let vatNo: string | null = null
        if (business) {
          company = `SIA "${rng.pick(companyWords)} ${rng.pick(companyNouns)}"`
          regNo = uniqueCode(() => `4000${rng.digits(7)}`)
          vatNo = rng.chance(0.7) ? `LV${regNo}` : null
        } else {
          first = rng.pick(female ? names.female : names.male)
          const surname = rng.pick(names.surnames)
          last = female ? surname.f : surname.m
          // ~15 % carry a new-format code (3, then 2-9, then nine digits); the rest the legacy one.
          personalCode = rng.chance(0.15)
            ? uniqueCode(() => `3${rng.int(2, 9)}${rng.digits(9)}`)
            : uniqueCode(() => makeLegacyPersonalCode(birthDate(rng), rng.int(0, 999))!.replace('-', ''))
        }
        const language =
          origin === 'russian' ? (rng.chance(0.85) ? 'ru' : 'lv') : origin === 'english' ? 'en' : 'lv'
        const local = business
          ? `info.${toAscii(company!).slice(3, 15)}`
          : `${toAscii(first!)}.${toAscii(last!)}`
        const email = rng.chance(business ? 0.95 : 0.85) ? uniqueEmail(local) : null
        const phone = rng.chance(0.92) ? phoneFor(rng, origin) : null
        const town = rng.weighted(townWeights)
        const flat = rng.chance(town.flats)
        const joined = rng.chance(0.06)
          ? addDays(ctx.historyStart, rng.int(0, daysBetween(ctx.historyStart, ctx.options.today) - 60))
          : addDays(oldest, rng.int(0, daysBetween(oldest, joinedBefore)))
        const createdAt = instantOn(joined, rng.int(420, 1080))
        const updatedAt = rng.chance(0.3)
          ? instantOn(
              addDays(joined, rng.int(1, Math.max(1, daysBetween(joined, ctx.options.today) - 1))),
              rng.int(420, 1080),
            )
          : createdAt
        insert.run(
          id,
          String(customerNo),
          business ? 'business' : 'person',
          first,
          last,
          company,
          personalCode,
          regNo,
          vatNo,
          email,
          phone,
          language,
          rng.pick(town.streets),
          String(flat ? rng.int(1, 140) : rng.int(1, 60)) +
            (rng.chance(0.08) ? rng.pick(['A', 'B', 'k-1', 'k-2']) : ''),
          flat ? String(rng.int(1, 120)) : null,
          town.city,
          town.municipality,
          postalCode(town, rng.int(0, 999)),
          rng.chance(0.03) ? 1 : 0,
          createdAt,
          updatedAt,
        )
        writeConsents(ctx, rng, id, joined, (...args) => insertConsent.run(nextConsentId(), id, ...args))
      }
      ctx.log(`customers ${to}/${ctx.options.customers}`)
    })
  },
}

/**
 * About 60 % of customers have made consent choices: per channel granted or refused, some later
 * withdrawn. Never all four granted (consent is never pre-ticked, few say yes to everything).
 */
function writeConsents(
  ctx: SeedContext,
  rng: Rng,
  _customerId: string,
  joined: string,
  insert: (
    channel: string,
    granted: number,
    at: string,
    source: string,
    agentId: string | null,
    wording: string,
  ) => void,
): void {
  if (!rng.chance(0.6)) return
  const granted = CONSENT_CHANNELS.map(() => rng.chance(0.3))
  if (granted.every(Boolean)) granted[rng.int(0, 3)] = false
  const at = addDays(joined, rng.int(0, Math.max(0, daysBetween(joined, ctx.options.today) - 2)))
  const byAgent = rng.chance(0.35)
  const agentId = byAgent ? rng.pick(ctx.agents).id : null
  const wording = [...WORDINGS].reverse().find(([, since]) => since <= at)?.[0] ?? WORDINGS[0][0]
  const atInstant = instantOn(at, rng.int(420, 1200))
  CONSENT_CHANNELS.forEach((channel, k) => {
    if (!granted[k] && rng.chance(0.5)) return // a refusal is often simply not recorded
    insert(channel, granted[k] ? 1 : 0, atInstant, byAgent ? 'agent' : 'portal', agentId, wording)
  })
  // Some later withdraw a granted channel; withdrawal is a new row, the history stays.
  const k = granted.findIndex(Boolean)
  if (k >= 0 && rng.chance(0.15) && daysBetween(at, ctx.options.today) > 3) {
    const later = addDays(at, rng.int(1, daysBetween(at, ctx.options.today) - 1))
    insert(CONSENT_CHANNELS[k], 0, instantOn(later, rng.int(420, 1200)), 'portal', null, wording)
  }
}
