import { ApiError, type CustomerDraft, type CustomerDuplicate } from '../../../contract'
import type { CustomerCreateArgs } from '../../../contract/sync/mutations'
import type { Address } from '../../../core/contact/address'
import { foldForSearch } from '../../../core/contact/fold'
import { outOfWindowPeriod, windowContainingDate } from '../../../core/calendar'
import { loadBandOf } from '../../../core/reference/load-bands'
import { maskPersonalCode } from '../../../core/personal-code'
import { commitMutation, recordAccess, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { uuidv7 } from '../../ids'
import { calendarOptions } from '../readings/reference'
import { insertConsent } from './contacts'
import { issueNumber } from './numbers'
import { customerDisplayName } from '../../../core/customers/display'
import type { CustomerRow } from './rows'
import { refreshSearchIndex } from './search-index'
import { validateDraft, type NormalisedDraft } from './validate'

const cityOf = (a: Address): string => a.town ?? a.parish ?? ''
const municipalityOf = (a: Address): string => a.municipality ?? cityOf(a)

/**
 * Probable duplicates (SYNC.md): the same personal code or registration number, or the same name and
 * address. A duplicate check says whether a personal code is on file, so it is audited with the agent's
 * reason (issue 11): one row per customer it matched (in that customer's trail), or one row if none.
 */
export function findDuplicates(
  db: Db,
  actor: MutationActor,
  input: CustomerDraft,
  reason: string,
): CustomerDuplicate[] {
  let d: NormalisedDraft | null = null
  try {
    d = validateDraft(input)
  } catch {
    // With an invalid draft only the identifiers typed so far can be compared.
  }
  const found = d ? duplicatesOf(db, d) : looseDuplicates(db, input)
  auditDuplicateCheck(db, actor, input, found, reason)
  return found
}

function auditDuplicateCheck(
  db: Db,
  actor: MutationActor,
  input: CustomerDraft,
  found: CustomerDuplicate[],
  reason: string,
): void {
  const code = (input.personalCode ?? '').replace(/\D/gu, '')
  // What was checked, as the trail may show it: never the whole personal code.
  const checked = {
    name:
      input.kind === 'person' ? `${input.firstName ?? ''} ${input.lastName ?? ''}`.trim() : input.companyName,
    personalCode: code.length === 11 ? maskPersonalCode(code) : null,
    registrationNo: input.registrationNo ?? null,
    matches: found.length,
  }
  for (const customerId of found.length > 0 ? found.map((f) => f.id) : [null])
    recordAccess(db, actor, {
      action: 'customer.findDuplicates',
      customerId,
      entityType: 'customer',
      ...(customerId ? { entityId: customerId } : {}),
      reason: reason.trim(),
      after: checked,
    })
}

function duplicatesOf(db: Db, d: NormalisedDraft): CustomerDuplicate[] {
  const out = new Map<string, CustomerDuplicate>()
  const add = (rows: CustomerRow[], reason: CustomerDuplicate['reason']) => {
    for (const r of rows)
      if (!out.has(r.id))
        out.set(r.id, {
          id: r.id,
          customerNumber: r.customer_number,
          name: customerDisplayName(r),
          address: [r.addr_street, r.addr_house, r.addr_city].filter(Boolean).join(' ') || null,
          reason,
        })
  }
  if (d.personalCode) {
    add(
      db.prepare('SELECT * FROM customers WHERE personal_code = ?').all(d.personalCode) as CustomerRow[],
      'personal_code',
    )
  }
  if (d.registrationNo) {
    add(
      db.prepare('SELECT * FROM customers WHERE registration_no = ?').all(d.registrationNo) as CustomerRow[],
      'registration_no',
    )
  }
  // Same name and any of the addresses (the customer's or a premise's), compared without diacritics.
  const name = d.kind === 'person' ? { first: d.firstName!, last: d.lastName! } : null
  const candidates = (
    name
      ? db
          .prepare(
            'SELECT * FROM customers WHERE last_name = ? COLLATE NOCASE AND first_name = ? COLLATE NOCASE',
          )
          .all(name.last, name.first)
      : db.prepare('SELECT * FROM customers WHERE company_name = ? COLLATE NOCASE').all(d.companyName)
  ) as CustomerRow[]
  const addresses = [d.address, ...d.premises.map((p) => p.address)].map(addressKey)
  const premiseKeys = db.prepare('SELECT street, house, apartment, city FROM premises WHERE customer_id = ?')
  const same = candidates.filter((c) => {
    const keys = [
      addressKey({
        street: c.addr_street,
        house: c.addr_house ?? '',
        apartment: c.addr_apartment,
        town: c.addr_city,
      }),
      ...(
        premiseKeys.all(c.id) as { street: string; house: string; apartment: string | null; city: string }[]
      ).map((p) => addressKey({ street: p.street, house: p.house, apartment: p.apartment, town: p.city })),
    ]
    return keys.some((k) => addresses.includes(k))
  })
  add(same, 'name_address')
  return [...out.values()]
}

function looseDuplicates(db: Db, input: CustomerDraft): CustomerDuplicate[] {
  const code = (input.personalCode ?? '').replace(/\D/gu, '')
  if (code.length !== 11) return []
  const rows = db.prepare('SELECT * FROM customers WHERE personal_code = ?').all(code) as CustomerRow[]
  return rows.map((r) => ({
    id: r.id,
    customerNumber: r.customer_number,
    name: customerDisplayName(r),
    address: [r.addr_street, r.addr_house, r.addr_city].filter(Boolean).join(' ') || null,
    reason: 'personal_code' as const,
  }))
}

function addressKey(a: {
  street: string | null
  house: string
  apartment: string | null
  town: string | null
}): string {
  return foldForSearch([a.street ?? '', a.house, a.apartment ?? '', a.town ?? ''].join('|')).replace(
    /\s/gu,
    '',
  )
}

/** The draft as the contract's `customer.create` args carry it (the central validates it again). */
function replayDraft(d: NormalisedDraft): CustomerCreateArgs['draft'] {
  return {
    kind: d.kind,
    firstName: d.firstName,
    lastName: d.lastName,
    companyName: d.companyName,
    personalCode: d.personalCode,
    registrationNo: d.registrationNo,
    vatNo: d.vatNo,
    email: d.email,
    phone: d.phone,
    language: d.language,
    address: d.address,
    premises: d.premises.map((p) => ({
      address: p.address,
      billingType: p.billingType,
      monthlyInstalmentCents: p.monthlyInstalmentCents,
      meter: {
        meteringPointId: p.meter.meteringPointId,
        serial: p.meter.serial,
        model: p.meter.model,
        digits: p.meter.digits,
        maxFlowM3h: p.meter.maxFlowM3h,
      },
    })),
  }
}

export interface CreateResult {
  customerId: string
  customerNumber: string
}

/**
 * Creates a customer with premises and meters as ONE mutation (`customer.create`): all rows, the outbox
 * row and the audit row commit together or not at all.
 */
export function createCustomer(
  db: Db,
  actor: MutationActor,
  input: CustomerDraft,
  ignoreDuplicates: boolean,
  today: string,
): CreateResult {
  const d = validateDraft(input)
  const duplicates = duplicatesOf(db, d)
  if (duplicates.length > 0 && (!ignoreDuplicates || duplicates.some((x) => x.reason !== 'name_address'))) {
    // The same personal code or registration number is never a second customer. Saying so is a
    // duplicate check like customers.findDuplicates, and audited the same way.
    auditDuplicateCheck(db, actor, input, duplicates, 'customers.create')
    throw new ApiError('CONFLICT', 'customers.errors.duplicate', { duplicates })
  }
  const calendar = calendarOptions(db, today)
  const window = windowContainingDate(today, calendar)
  const taken = db.prepare(
    'SELECT metering_point_id FROM meters WHERE metering_point_id IN (SELECT value FROM json_each(?))',
  )
  const used = taken.pluck().all(JSON.stringify(d.premises.map((p) => p.meter.meteringPointId))) as string[]
  if (used.length > 0) {
    throw new ApiError('VALIDATION', 'customers.errors.invalid', {
      fields: d.premises
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => used.includes(p.meter.meteringPointId))
        .map(({ i }) => ({
          path: `premises.${i}.meter.meteringPointId`,
          messageKey: 'customers.errors.meteringPointTaken',
        })),
    })
  }
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  const { result } = commitMutation(
    db,
    actor,
    { name: 'customer.create', entityType: 'customer', entityId: id, customerId: id, args: null },
    () => {
      const customerNumber = issueNumber(db, 'customer')
      db.prepare(
        `INSERT INTO customers (id, customer_number, kind, first_name, last_name, company_name, personal_code,
           registration_no, vat_no, email, phone, preferred_language, addr_street, addr_house, addr_apartment,
           addr_city, addr_municipality, addr_postal_code, created_at, updated_at)
         VALUES (@id, @number, @kind, @firstName, @lastName, @companyName, @personalCode, @registrationNo, @vatNo,
           @email, @phone, @language, @street, @house, @apartment, @city, @municipality, @postalCode, @at, @at)`,
      ).run({
        id,
        number: customerNumber,
        kind: d.kind,
        firstName: d.firstName,
        lastName: d.lastName,
        companyName: d.companyName,
        personalCode: d.personalCode,
        registrationNo: d.registrationNo,
        vatNo: d.vatNo,
        email: d.email,
        phone: d.phone,
        language: d.language,
        street: d.address.street,
        house: d.address.house,
        apartment: d.address.apartment,
        city: cityOf(d.address),
        municipality: d.address.municipality,
        postalCode: d.address.postalCode,
        at,
      })
      const premises = d.premises.map((p) => {
        const premiseId = uuidv7(actor.nowMs)
        const subscriberNumber = issueNumber(db, 'subscriber')
        db.prepare(
          `INSERT INTO premises (id, customer_id, subscriber_number, street, house, apartment, city, municipality,
             postal_code, billing_type, monthly_instalment_cents, review_month, zone, supply_from, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          premiseId,
          id,
          subscriberNumber,
          p.address.street,
          p.address.house,
          p.address.apartment,
          cityOf(p.address),
          municipalityOf(p.address),
          p.address.postalCode,
          p.billingType,
          p.monthlyInstalmentCents,
          p.billingType === 'balanced' ? 12 : null,
          p.zone,
          today,
          at,
          at,
        )
        const meterId = uuidv7(actor.nowMs)
        db.prepare(
          `INSERT INTO meters (id, premise_id, metering_point_id, serial, model, digits, max_flow_m3h, load_band, installed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          meterId,
          premiseId,
          p.meter.meteringPointId,
          p.meter.serial,
          p.meter.model,
          p.meter.digits,
          p.meter.maxFlowM3h,
          loadBandOf(p.meter.maxFlowM3h),
          today,
        )
        // The register at installation: the reading the first consumption is measured from. Outside a
        // reading window it is a move-in reading (DOMAIN.md), anchored like any out-of-window reading.
        db.prepare(
          `INSERT INTO readings (id, meter_id, value, reading_date, period, source, status, channel, agent_id,
             on_behalf_of, out_of_window, reason, flags, version, created_at)
           VALUES (?, ?, ?, ?, ?, 'agent', 'actual', 'visit', ?, ?, ?, ?, ?, 1, ?)`,
        ).run(
          uuidv7(actor.nowMs),
          meterId,
          p.meter.installationReading,
          today,
          window?.month ?? outOfWindowPeriod(today),
          actor.agentId,
          id,
          window ? 0 : 1,
          window ? null : 'move-in',
          JSON.stringify({ installation: true }),
          at,
        )
        return {
          premiseId,
          subscriberNumber,
          meterId,
          meteringPointId: p.meter.meteringPointId,
          installationReading: p.meter.installationReading,
          zone: p.zone,
        }
      })
      for (const consent of d.consents)
        insertConsent(db, {
          id: uuidv7(actor.nowMs),
          customerId: id,
          channel: consent.channel,
          granted: true,
          via: consent.via,
          at,
          agentId: actor.agentId,
          undoesId: null,
        })
      refreshSearchIndex(db)
      return {
        // customer.create v2: the row ids and the (provisional) numbers this desk made travel too, so the
        // central's rows are the desk's rows and a renumbering is visible.
        args: {
          id,
          draft: replayDraft(d),
          rows: premises.map((p) => ({ premiseId: p.premiseId, meterId: p.meterId })),
          numbers: { customerNumber, subscriberNumbers: premises.map((p) => p.subscriberNumber) },
        } satisfies CustomerCreateArgs,
        result: { customerId: id, customerNumber },
        after: {
          customerNumber,
          kind: d.kind,
          name: d.kind === 'person' ? `${d.firstName} ${d.lastName}` : d.companyName,
          // What the agent recognises: subscriber number and metering point, not row ids.
          premises: premises.map(
            (p) => `${p.subscriberNumber} / ${p.meteringPointId} / ${p.installationReading} m³ / ${p.zone}`,
          ),
          consents: d.consents.map((c) => `${c.channel} (${c.via})`),
        },
      }
    },
  )
  return result
}
