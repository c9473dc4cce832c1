import { mod97, validateIban } from './iban'
import { BillingError } from './errors'

/**
 * The payload of an EPC QR code (EPC069-12 "Quick Response Code: guidelines to enable data capture for
 * the initiation of a SEPA credit transfer", version 002): fields separated by LF, in this order —
 * service tag BCD, version 002, character set 1 (UTF-8), identification SCT, BIC (optional in version 002),
 * beneficiary name (≤ 70), IBAN, amount EUR0.01–EUR999999999.99, purpose code (4 characters), then
 * either a structured creditor reference (ISO 11649 RF, ≤ 35) or unstructured remittance text (≤ 140),
 * and an optional note to the payer (≤ 70). Trailing empty fields are left out; the whole payload may
 * not exceed 331 bytes.
 */
export interface EpcPayment {
  bic?: string | null
  name: string
  iban: string
  amountCents: number
  purpose?: string | null
  /** ISO 11649 creditor reference (RF…), or… */
  reference?: string | null
  /** …free text, e.g. the subscriber number (one of the two, not both). */
  remittance?: string | null
  note?: string | null
}

const MAX_PAYLOAD_BYTES = 331

const fail = (detail: string): never => {
  throw new BillingError('epc-field', detail)
}

/** ISO 11649 creditor reference: RF, two check digits, up to 21 alphanumerics; mod 97 = 1 as for IBAN. */
export function isCreditorReference(input: string): boolean {
  const ref = input.replace(/\s/gu, '').toUpperCase()
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/u.test(ref)) return false
  return mod97(ref.slice(4) + ref.slice(0, 4)) === 1
}

function text(value: string | null | undefined, max: number, what: string): string {
  const v = (value ?? '').replace(/[\r\n]+/gu, ' ').trim()
  if ([...v].length > max) fail(`${what} longer than ${max} characters`)
  return v
}

export function buildEpcQrPayload(p: EpcPayment): string {
  const iban = validateIban(p.iban)
  if (!iban.ok) fail(`IBAN: ${iban.reason}`)
  const bic = (p.bic ?? '').replace(/\s/gu, '').toUpperCase()
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/u.test(bic)) fail('BIC must have 8 or 11 characters')
  const name = text(p.name, 70, 'beneficiary name')
  if (name === '') fail('beneficiary name is required')
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents < 1 || p.amountCents > 99_999_999_999)
    fail('amount must be between EUR0.01 and EUR999999999.99')
  const purpose = (p.purpose ?? '').trim().toUpperCase()
  if (purpose && !/^[A-Z0-9]{4}$/u.test(purpose)) fail('purpose code has 4 letters or digits')
  const reference = (p.reference ?? '').replace(/\s/gu, '').toUpperCase()
  const remittance = text(p.remittance, 140, 'remittance text')
  if (reference && remittance) fail('give a structured reference or remittance text, not both')
  if (reference && !isCreditorReference(reference))
    fail('structured reference must be an ISO 11649 RF reference')
  const note = text(p.note, 70, 'note')

  const euros = Math.floor(p.amountCents / 100)
  const cents = String(p.amountCents % 100).padStart(2, '0')
  const fields = [
    'BCD',
    '002',
    '1',
    'SCT',
    bic,
    name,
    iban.ok ? iban.value : '',
    `EUR${euros}.${cents}`,
    purpose,
    reference,
    remittance,
    note,
  ]
  while (fields[fields.length - 1] === '') fields.pop()
  const payload = fields.join('\n')
  if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) fail('payload longer than 331 bytes')
  return payload
}
