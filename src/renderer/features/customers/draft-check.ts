import type { CustomerDraft } from '../../../contract'
import { validateAddress, type AddressInput } from '../../../core/contact/address'
import { validateRegistrationNumber, validateVatNumber } from '../../../core/contact/business'
import { validateEmail } from '../../../core/contact/email'
import { validateCompanyName, validateName } from '../../../core/contact/name'
import { normalizePhone } from '../../../core/contact/phone'
import { checkPersonalCode } from '../../../core/personal-code'

/**
 * Re-checks one field of the new-customer form in the renderer with the same src/core validators the
 * backend uses, so an error disappears the moment the agent has fixed it (and changes to the current
 * problem while it is still wrong), without a round trip. Returns the field's message key, null when
 * the field is fine now, or undefined when only the backend can judge it (a metering point already
 * taken): such an error is cleared once the value changes, and the next submit checks again.
 */
export function recheckField(d: CustomerDraft, path: string): string | null | undefined {
  const blankOr = (v: string | null | undefined, check: (s: string) => string | null) =>
    v === null || v === undefined || v.trim() === '' ? null : check(v)
  const key = (r: { ok: true } | { ok: false; messageKey: string }) => (r.ok ? null : r.messageKey)
  switch (path) {
    case 'firstName':
      return key(validateName(d.firstName ?? '', 'firstName'))
    case 'lastName':
      return key(validateName(d.lastName ?? '', 'lastName'))
    case 'personalCode': {
      const r = checkPersonalCode(d.personalCode ?? '')
      return r.valid ? null : `validation.personalCode.${r.reason}`
    }
    case 'companyName':
      return key(validateCompanyName(d.companyName ?? ''))
    case 'registrationNo':
      return key(validateRegistrationNumber(d.registrationNo ?? ''))
    case 'vatNo':
      return blankOr(d.vatNo, (v) => key(validateVatNumber(v)))
    case 'email':
      return blankOr(d.email, (v) => key(validateEmail(v)))
    case 'phone':
      return blankOr(d.phone, (v) => key(normalizePhone(v)))
  }
  const address = /^(address|premises\.(\d+)\.address)\.(\w+)$/u.exec(path)
  if (address) {
    const a: AddressInput | undefined =
      address[2] === undefined ? d.address : d.premises[Number(address[2])]?.address
    if (!a) return null
    const r = validateAddress(a)
    if (r.ok) return null
    return r.errors.find((e) => e.field === address[3])?.messageKey ?? null
  }
  return undefined
}

/** The value at a dotted path (`premises.0.meter.serial`), for telling whether the agent changed it. */
export function valueAt(d: unknown, path: string): unknown {
  let node = d
  for (const part of path.split('.'))
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
  return node === undefined ? undefined : JSON.stringify(node)
}
