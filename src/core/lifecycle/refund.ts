/**
 * Refund of a credit balance to the customer's bank account, as a request for the central system to pay
 * out (the desk never pays). A credit first settles whatever the customer still owes, including debits not
 * yet due; only the rest can be refunded, to a valid SEPA IBAN (billing/iban).
 */
import { validateIban } from '../billing/iban'
import { isIsoDate, type IsoDate } from '../calendar/dates'
import { tidy } from '../contact/result'
import { DEFAULT_RECEIVABLES } from '../reference/receivables-default'
import type { ReceivablesDataset } from '../reference/receivables'
import { checked, problem, type Checked, type Problem } from './problems'

export interface RefundInput {
  customerId: string
  /** Unallocated payments on the account (receivablesOverview.creditCents). */
  creditCents: number
  /** Everything still open on the account, due or not. */
  openCents: number
  /** Defaults to all that can be refunded. */
  amountCents?: number
  iban: string
  holderName: string
  requestedOn: IsoDate
  requestedBy: string
  dataset?: ReceivablesDataset
}

export interface RefundRequest {
  kind: 'refund'
  status: 'requested'
  customerId: string
  amountCents: number
  /** Normalised: upper case, no spaces. */
  iban: string
  holderName: string
  requestedOn: IsoDate
  requestedBy: string
}

export function refundableCents(creditCents: number, openCents: number): number {
  return Math.max(0, creditCents - openCents)
}

export function refundRequest(input: RefundInput): Checked<RefundRequest> {
  if (!isIsoDate(input.requestedOn)) throw new RangeError('requestedOn must be an ISO date')
  for (const v of [input.creditCents, input.openCents])
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError('credit and open amounts are cents ≥ 0')
  const rules = (input.dataset ?? DEFAULT_RECEIVABLES).refund
  const problems: Problem[] = []
  const refundable = refundableCents(input.creditCents, input.openCents)
  const amount = input.amountCents ?? refundable
  if (refundable === 0)
    problems.push(problem('no-credit', 'amountCents', { credit: input.creditCents, open: input.openCents }))
  else if (!Number.isSafeInteger(amount) || amount > refundable)
    problems.push(problem('refund-exceeds-refundable', 'amountCents', { refundable }))
  else if (amount < rules.minRefundCents)
    problems.push(problem('refund-too-small', 'amountCents', { min: rules.minRefundCents }))
  const iban = validateIban(input.iban)
  if (!iban.ok) problems.push(problem('iban', 'iban', { reason: iban.reason }))
  const name = tidy(input.holderName)
  if (name === '') problems.push(problem('holder-name-required', 'holderName'))
  else if ([...name].length > rules.maxHolderNameLength)
    problems.push(problem('holder-name-too-long', 'holderName', { max: rules.maxHolderNameLength }))
  return checked(problems, () => ({
    kind: 'refund' as const,
    status: 'requested' as const,
    customerId: input.customerId,
    amountCents: amount,
    iban: iban.ok ? iban.value : '',
    holderName: name,
    requestedOn: input.requestedOn,
    requestedBy: input.requestedBy,
  }))
}
