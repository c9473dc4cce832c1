import { validateAddress, type Address } from '../../contact/address'
import { validateRegistrationNumber, validateVatNumber } from '../../contact/business'
import { validateEmail } from '../../contact/email'
import { foldForSearch } from '../../contact/fold'
import { validateCompanyName, validateName } from '../../contact/name'
import { normalizePhone } from '../../contact/phone'
import { loadBandOf, zoneOfPostalCode } from '../../customers/premise'
import { checkPersonalCode } from '../../personal-code'
import { rigaToday } from '../../calendar/riga-time'
import type { CustomerRow, MeterRow, PremiseRow } from '../rows'
import { applied, conflict, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface DraftPremise {
  address: Address
  billingType: 'invoice' | 'balanced'
  monthlyInstalmentCents: number | null
  meter: { meteringPointId: string; serial: string; model: string; digits: number; maxFlowM3h: number }
}
export interface CustomerDraftIntent {
  kind: 'person' | 'business'
  firstName: string | null
  lastName: string | null
  companyName: string | null
  personalCode: string | null
  registrationNo: string | null
  vatNo: string | null
  email: string | null
  phone: string | null
  language: 'lv' | 'en' | 'ru'
  address: Address
  premises: DraftPremise[]
}
export interface CustomerCreateIntent {
  id: string
  draft: CustomerDraftIntent
  rows: { premiseId: string; meterId: string }[]
  numbers: { customerNumber: string; subscriberNumbers: string[] } | null
}

interface FieldProblem {
  path: string
  messageKey: string
}

/** The desk validated the draft; the central does again with the same core rules and trusts nothing. */
export function draftProblems(d: CustomerDraftIntent): FieldProblem[] {
  const out: FieldProblem[] = []
  const check = (
    path: string,
    value: string | null,
    v: (s: string) => { ok: boolean; messageKey?: string },
  ) => {
    if (value === null) return out.push({ path, messageKey: 'validation.required' })
    const r = v(value)
    if (!r.ok) out.push({ path, messageKey: r.messageKey ?? 'validation.invalid' })
  }
  if (d.kind === 'person') {
    check('firstName', d.firstName, validateName)
    check('lastName', d.lastName, validateName)
    const pc = checkPersonalCode(d.personalCode ?? '')
    if (!pc.valid || pc.digits !== d.personalCode)
      out.push({
        path: 'personalCode',
        messageKey: `validation.personalCode.${pc.valid ? 'format' : pc.reason}`,
      })
  } else {
    check('companyName', d.companyName, validateCompanyName)
    check('registrationNo', d.registrationNo, validateRegistrationNumber)
    if (d.vatNo !== null) check('vatNo', d.vatNo, validateVatNumber)
  }
  if (d.email !== null) check('email', d.email, validateEmail)
  if (d.phone !== null) check('phone', d.phone, normalizePhone)
  const addr = (path: string, a: Address) => {
    const r = validateAddress(a)
    if (!r.ok) for (const e of r.errors) out.push({ path: `${path}.${e.field}`, messageKey: e.messageKey })
  }
  addr('address', d.address)
  const points = new Set<string>()
  d.premises.forEach((p, i) => {
    addr(`premises.${i}.address`, p.address)
    if (p.address.street === null)
      out.push({ path: `premises.${i}.address.street`, messageKey: 'customers.errors.premiseStreet' })
    if (!/^A\d{9}$/u.test(p.meter.meteringPointId) || points.has(p.meter.meteringPointId))
      out.push({
        path: `premises.${i}.meter.meteringPointId`,
        messageKey: 'customers.errors.meteringPointId',
      })
    points.add(p.meter.meteringPointId)
    if (!/^[A-Z0-9-]{3,30}$/u.test(p.meter.serial))
      out.push({ path: `premises.${i}.meter.serial`, messageKey: 'customers.errors.meterSerial' })
    if ((p.billingType === 'balanced') !== (p.monthlyInstalmentCents !== null))
      out.push({
        path: `premises.${i}.monthlyInstalmentCents`,
        messageKey: 'customers.errors.instalmentRequired',
      })
  })
  return out
}

const addressKey = (a: {
  street: string | null
  house: string | null
  apartment: string | null
  town: string | null
}) =>
  foldForSearch([a.street ?? '', a.house ?? '', a.apartment ?? '', a.town ?? ''].join('|')).replace(
    /\s/gu,
    '',
  )

const cityOf = (a: Address): string => a.town ?? a.parish ?? ''

/**
 * `customer.create`: the desk's client UUID makes a repeat idempotent; natural keys are checked here
 * (SYNC.md): the same personal code or registration number, or the same name at the same address, is a
 * probable duplicate for a person to merge; a metering point already supplied is a conflict too. The
 * customer lands in the sending workstation's service centre. Numbers the desk made provisionally are kept
 * when still free, else the central issues its own and says so in the result.
 */
export function decideCustomerCreate(
  state: SyncStateView,
  args: CustomerCreateIntent,
  ctx: DecideContext,
): Decision {
  const existing = state.customer(args.id)
  if (existing)
    return applied(
      {},
      {
        customerId: existing.id,
        customerNumber: existing.customer_number,
        subscriberNumbers: state.premisesOf(existing.id).map((p) => p.subscriber_number),
      },
    )
  const d = args.draft
  const problems = draftProblems(d)
  if (problems.length > 0) return rejected('validation', { fields: problems })

  const duplicates = new Map<string, { customerId: string; customerNumber: string; reason: string }>()
  const add = (rows: CustomerRow[], reason: string) => {
    for (const r of rows)
      if (!duplicates.has(r.id))
        duplicates.set(r.id, { customerId: r.id, customerNumber: r.customer_number, reason })
  }
  if (d.personalCode) add(state.customersByPersonalCode(d.personalCode), 'personal_code')
  if (d.registrationNo) add(state.customersByRegistrationNo(d.registrationNo), 'registration_no')
  const name = d.kind === 'person' ? [d.firstName ?? '', d.lastName ?? ''] : [d.companyName ?? '']
  const keys = new Set([d.address, ...d.premises.map((p) => p.address)].map(addressKey))
  const sameAddress = state.customersByName(d.kind, name).filter((c) =>
    [
      addressKey({
        street: c.addr_street,
        house: c.addr_house,
        apartment: c.addr_apartment,
        town: c.addr_city,
      }),
      ...state
        .premisesOf(c.id)
        .map((p) => addressKey({ street: p.street, house: p.house, apartment: p.apartment, town: p.city })),
    ].some((k) => keys.has(k)),
  )
  add(sameAddress, 'name_address')
  if (duplicates.size > 0)
    return conflict('probable-duplicate', { customerId: args.id, duplicates: [...duplicates.values()] })
  const taken = d.premises.map((p) => p.meter.meteringPointId).filter((point) => state.meterByPoint(point))
  if (taken.length > 0)
    return conflict('metering-point-taken', { customerId: args.id, meteringPoints: taken })

  const wanted = args.numbers
  const keep =
    wanted !== null &&
    !state.customerNumberTaken(wanted.customerNumber) &&
    wanted.subscriberNumbers.every((n) => !state.subscriberNumberTaken(n)) &&
    new Set(wanted.subscriberNumbers).size === wanted.subscriberNumbers.length
  const customerNumber = keep ? wanted.customerNumber : ctx.issueNumber('customer')
  const subscriberNumbers = d.premises.map((_, i) =>
    keep ? wanted.subscriberNumbers[i] : ctx.issueNumber('subscriber'),
  )
  const today = rigaToday(ctx.now)

  const customer: CustomerRow = {
    id: args.id,
    customer_number: customerNumber,
    kind: d.kind,
    first_name: d.firstName,
    last_name: d.lastName,
    company_name: d.companyName,
    personal_code: d.personalCode,
    registration_no: d.registrationNo,
    vat_no: d.vatNo,
    email: d.email,
    phone: d.phone,
    preferred_language: d.language,
    addr_street: d.address.street,
    addr_house: d.address.house,
    addr_apartment: d.address.apartment,
    addr_city: cityOf(d.address),
    addr_municipality: d.address.municipality,
    addr_postal_code: d.address.postalCode,
    addr_country: 'LV',
    service_centre_id: ctx.centreId,
    field_versions: {},
    version: 1,
    created_at: ctx.now,
    updated_at: ctx.now,
  }
  const premises: PremiseRow[] = []
  const meters: MeterRow[] = []
  d.premises.forEach((p, i) => {
    const { premiseId, meterId } = args.rows[i]
    premises.push({
      id: premiseId,
      customer_id: args.id,
      subscriber_number: subscriberNumbers[i],
      contract_number: null,
      street: p.address.street ?? '',
      house: p.address.house,
      apartment: p.address.apartment,
      city: cityOf(p.address),
      municipality: p.address.municipality ?? cityOf(p.address),
      postal_code: p.address.postalCode,
      billing_type: p.billingType,
      monthly_instalment_cents: p.monthlyInstalmentCents,
      review_month: p.billingType === 'balanced' ? 12 : null,
      consumption_group: 1,
      zone: zoneOfPostalCode(p.address.postalCode),
      supply_from: today,
      supply_to: null,
      billed_through: null,
      version: 1,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    meters.push({
      id: meterId,
      premise_id: premiseId,
      metering_point_id: p.meter.meteringPointId,
      serial: p.meter.serial,
      model: p.meter.model,
      digits: p.meter.digits,
      max_flow_m3h: p.meter.maxFlowM3h,
      load_band: loadBandOf(p.meter.maxFlowM3h),
      installed_at: today,
      removed_at: null,
      version: 1,
    })
  })
  return applied(
    { customers: [customer], premises, meters },
    { customerId: args.id, customerNumber, subscriberNumbers, renumbered: !keep },
  )
}
