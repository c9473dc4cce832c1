import type { SyncStateView } from './decide/types'
import type {
  ConsentRow,
  CustomerRow,
  DocumentRow,
  FollowUpRow,
  InteractionRow,
  MeterRow,
  PortalAccountRow,
  PortalUserRow,
  PremiseRow,
  ReadingRow,
  Writes,
} from './rows'

const lower = (s: string | null): string => (s ?? '').toLocaleLowerCase('lv')

/**
 * The rows a batch of mutations may read, held in memory and indexed for the decisions. The caller fills
 * it (the central with one query per table) and feeds every decision's writes back with `apply`, so a
 * later mutation of the same batch sees what an earlier one did.
 */
export class SyncStore implements SyncStateView {
  readonly customers = new Map<string, CustomerRow>()
  readonly premises = new Map<string, PremiseRow>()
  readonly meters = new Map<string, MeterRow>()
  readonly readings = new Map<string, ReadingRow>()
  readonly consents = new Map<string, ConsentRow>()
  readonly documents = new Map<string, DocumentRow>()
  readonly portal_accounts = new Map<string, PortalAccountRow>()
  readonly portal_users = new Map<string, PortalUserRow>()
  readonly interactions = new Map<string, InteractionRow>()
  readonly follow_ups = new Map<string, FollowUpRow>()
  readonly blobs = new Set<string>()
  private readonly readingsByMeter = new Map<string, Map<string, ReadingRow>>()
  /** Numbers known to be taken beyond the loaded rows (the caller may add those it checked in SQL). */
  readonly takenCustomerNumbers = new Set<string>()
  readonly takenSubscriberNumbers = new Set<string>()

  apply(w: Writes): void {
    for (const r of w.customers ?? []) this.customers.set(r.id, r)
    for (const r of w.premises ?? []) this.premises.set(r.id, r)
    for (const r of w.meters ?? []) this.meters.set(r.id, r)
    for (const r of w.readings ?? []) this.putReading(r)
    for (const r of w.consents ?? []) this.consents.set(r.id, r)
    for (const r of w.documents ?? []) this.documents.set(r.id, r)
    for (const r of w.portal_accounts ?? []) this.portal_accounts.set(r.id, r)
    for (const r of w.portal_users ?? []) this.portal_users.set(r.id, r)
    for (const r of w.interactions ?? []) this.interactions.set(r.id, r)
    for (const r of w.follow_ups ?? []) this.follow_ups.set(r.id, r)
  }

  putReading(r: ReadingRow): void {
    this.readings.set(r.id, r)
    let m = this.readingsByMeter.get(r.meter_id)
    if (!m) this.readingsByMeter.set(r.meter_id, (m = new Map()))
    m.set(r.id, r)
  }

  customer(id: string) {
    return this.customers.get(id)
  }
  premise(id: string) {
    return this.premises.get(id)
  }
  premisesOf(customerId: string) {
    return [...this.premises.values()].filter((p) => p.customer_id === customerId)
  }
  meter(id: string) {
    return this.meters.get(id)
  }
  meterByPoint(point: string) {
    return [...this.meters.values()].find((m) => m.metering_point_id === point)
  }
  readingsOf(meterId: string) {
    return [...(this.readingsByMeter.get(meterId)?.values() ?? [])]
  }
  consent(id: string) {
    return this.consents.get(id)
  }
  document(id: string) {
    return this.documents.get(id)
  }
  documentBySha(customerId: string, sha256: string) {
    return [...this.documents.values()].find((d) => d.customer_id === customerId && d.sha256 === sha256)
  }
  portalAccount(id: string) {
    return this.portal_accounts.get(id)
  }
  portalAccountsOf(customerId: string) {
    return [...this.portal_accounts.values()].filter((a) => a.customer_id === customerId)
  }
  portalAccountsByEmail(email: string) {
    const want = email.toLowerCase()
    return [...this.portal_accounts.values()].filter((a) => a.email.toLowerCase() === want)
  }
  portalUser(id: string) {
    return this.portal_users.get(id)
  }
  portalUsersOf(accountId: string) {
    return [...this.portal_users.values()].filter((u) => u.account_id === accountId)
  }
  interaction(id: string) {
    return this.interactions.get(id)
  }
  followUp(id: string) {
    return this.follow_ups.get(id)
  }
  blobComplete(sha256: string) {
    return this.blobs.has(sha256)
  }
  customersByPersonalCode(code: string) {
    return [...this.customers.values()].filter((c) => c.personal_code === code)
  }
  customersByRegistrationNo(no: string) {
    return [...this.customers.values()].filter((c) => c.registration_no === no)
  }
  customersByName(kind: 'person' | 'business', name: string[]) {
    const want = name.map((n) => lower(n))
    return [...this.customers.values()].filter((c) =>
      kind === 'person'
        ? c.kind === 'person' && lower(c.first_name) === want[0] && lower(c.last_name) === want[1]
        : c.kind === 'business' && lower(c.company_name) === want[0],
    )
  }
  customerNumberTaken(n: string) {
    return (
      this.takenCustomerNumbers.has(n) || [...this.customers.values()].some((c) => c.customer_number === n)
    )
  }
  subscriberNumberTaken(n: string) {
    return (
      this.takenSubscriberNumbers.has(n) || [...this.premises.values()].some((p) => p.subscriber_number === n)
    )
  }
}
