import {
  ApiError,
  type AddressInputShape,
  type consentChannels,
  type consentVia,
  type CustomerDraft,
} from '../../../contract'
import { suggestGasZone, type GasZone } from '../../../core/reference/zones'
import { validateAddress, type Address } from '../../../core/contact/address'
import { validateRegistrationNumber, validateVatNumber } from '../../../core/contact/business'
import { validateEmail } from '../../../core/contact/email'
import { validateCompanyName, validateName } from '../../../core/contact/name'
import { normalizePhone } from '../../../core/contact/phone'
import { checkPersonalCode } from '../../../core/personal-code'

/** A field error as the form shows it: the field path (`premises.0.meter.serial`) and a locale key. */
export interface FieldError {
  path: string
  messageKey: string
}

export class FieldErrors {
  readonly list: FieldError[] = []
  add(path: string, messageKey: string): void {
    this.list.push({ path, messageKey })
  }
  /** Takes a core Validation result: its value when ok, else records the error and returns null. */
  take<T>(path: string, v: { ok: true; value: T } | { ok: false; messageKey: string }): T | null {
    if (v.ok) return v.value
    this.add(path, v.messageKey)
    return null
  }
  throwIfAny(): void {
    if (this.list.length > 0)
      throw new ApiError('VALIDATION', 'customers.errors.invalid', { fields: this.list })
  }
}

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || s.trim() === ''

export function checkEmail(
  errors: FieldErrors,
  path: string,
  value: string | null | undefined,
): string | null {
  return blank(value) ? null : errors.take(path, validateEmail(value!))
}

export function checkPhone(
  errors: FieldErrors,
  path: string,
  value: string | null | undefined,
): string | null {
  return blank(value) ? null : errors.take(path, normalizePhone(value!))
}

export function checkAddress(errors: FieldErrors, path: string, a: AddressInputShape): Address | null {
  const r = validateAddress(a)
  if (r.ok) return r.value
  for (const e of r.errors) errors.add(`${path}.${e.field}`, e.messageKey)
  return null
}

export interface NormalisedPremise {
  address: Address
  billingType: 'invoice' | 'balanced'
  monthlyInstalmentCents: number | null
  zone: GasZone
  meter: {
    meteringPointId: string
    serial: string
    model: string
    digits: number
    maxFlowM3h: number
    installationReading: number
  }
}

export interface NormalisedDraft {
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
  premises: NormalisedPremise[]
  consents: { channel: (typeof consentChannels)[number]; via: (typeof consentVia)[number] }[]
}

/** Every field through the src/core validators; all problems at once, so the form can mark them all. */
export function validateDraft(d: CustomerDraft): NormalisedDraft {
  const errors = new FieldErrors()
  let firstName: string | null = null
  let lastName: string | null = null
  let companyName: string | null = null
  let personalCode: string | null = null
  let registrationNo: string | null = null
  let vatNo: string | null = null
  if (d.kind === 'person') {
    firstName = errors.take('firstName', validateName(d.firstName ?? '', 'firstName'))
    lastName = errors.take('lastName', validateName(d.lastName ?? '', 'lastName'))
    const pc = checkPersonalCode(d.personalCode ?? '')
    if (pc.valid) personalCode = pc.digits
    else errors.add('personalCode', `validation.personalCode.${pc.reason}`)
  } else {
    companyName = errors.take('companyName', validateCompanyName(d.companyName ?? ''))
    registrationNo = errors.take('registrationNo', validateRegistrationNumber(d.registrationNo ?? ''))
    vatNo = blank(d.vatNo) ? null : errors.take('vatNo', validateVatNumber(d.vatNo!))
  }
  const email = checkEmail(errors, 'email', d.email)
  const phone = checkPhone(errors, 'phone', d.phone)
  const address = checkAddress(errors, 'address', d.address)
  const premises: NormalisedPremise[] = []
  const seenPoints = new Set<string>()
  d.premises.forEach((p, i) => {
    const pa = checkAddress(errors, `premises.${i}.address`, p.address)
    if (pa && pa.street === null) errors.add(`premises.${i}.address.street`, 'customers.errors.premiseStreet')
    const point = p.meter.meteringPointId.trim().toUpperCase()
    if (!/^A\d{9}$/u.test(point))
      errors.add(`premises.${i}.meter.meteringPointId`, 'customers.errors.meteringPointId')
    else if (seenPoints.has(point))
      errors.add(`premises.${i}.meter.meteringPointId`, 'customers.errors.meteringPointTaken')
    seenPoints.add(point)
    const serial = p.meter.serial.trim().toUpperCase()
    if (!/^[A-Z0-9-]{3,30}$/u.test(serial))
      errors.add(`premises.${i}.meter.serial`, 'customers.errors.meterSerial')
    const reading = p.meter.installationReading
    if (reading === null || reading === undefined)
      errors.add(`premises.${i}.meter.installationReading`, 'customers.errors.installationReadingRequired')
    else if (reading >= 10 ** p.meter.digits)
      errors.add(`premises.${i}.meter.installationReading`, 'customers.errors.installationReadingDigits')
    let instalment: number | null = null
    if (p.billingType === 'balanced') {
      if (p.monthlyInstalmentCents === null || p.monthlyInstalmentCents === undefined) {
        errors.add(`premises.${i}.monthlyInstalmentCents`, 'customers.errors.instalmentRequired')
      } else instalment = p.monthlyInstalmentCents
    }
    const zone = p.zone ?? (pa ? suggestGasZone(pa.postalCode) : null)
    if (pa && zone === null) errors.add(`premises.${i}.zone`, 'customers.errors.zoneRequired')
    if (pa && zone !== null) {
      premises.push({
        address: pa,
        billingType: p.billingType,
        monthlyInstalmentCents: instalment,
        zone,
        meter: {
          installationReading: reading ?? 0,
          meteringPointId: point,
          serial,
          model: (p.meter.model ?? '').trim() || `G${p.meter.maxFlowM3h <= 6 ? 4 : 6}`,
          digits: p.meter.digits,
          maxFlowM3h: p.meter.maxFlowM3h,
        },
      })
    }
  })
  const consents = d.consents ?? []
  consents.forEach((c, i) => {
    if (consents.findIndex((x) => x.channel === c.channel) !== i)
      errors.add(`consents.${i}.channel`, 'customers.errors.consentTwice')
  })
  errors.throwIfAny()
  return {
    consents,
    kind: d.kind,
    firstName,
    lastName,
    companyName,
    personalCode,
    registrationNo,
    vatNo,
    email,
    phone,
    language: d.language,
    address: address!,
    premises,
  }
}
