import type { CalendarOptions } from '../../calendar/holidays'
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
} from '../rows'

/** What a decision can read: the stored rows its mutation touches (loaded by the caller, in one go). */
export interface SyncStateView {
  customer(id: string): CustomerRow | undefined
  premise(id: string): PremiseRow | undefined
  premisesOf(customerId: string): PremiseRow[]
  meter(id: string): MeterRow | undefined
  meterByPoint(meteringPointId: string): MeterRow | undefined
  readingsOf(meterId: string): ReadingRow[]
  consent(id: string): ConsentRow | undefined
  document(id: string): DocumentRow | undefined
  documentBySha(customerId: string, sha256: string): DocumentRow | undefined
  portalAccount(id: string): PortalAccountRow | undefined
  portalAccountsOf(customerId: string): PortalAccountRow[]
  /** Accounts with this e-mail, compared case-insensitively. */
  portalAccountsByEmail(email: string): PortalAccountRow[]
  portalUser(id: string): PortalUserRow | undefined
  portalUsersOf(accountId: string): PortalUserRow[]
  interaction(id: string): InteractionRow | undefined
  followUp(id: string): FollowUpRow | undefined
  blobComplete(sha256: string): boolean
  customersByPersonalCode(code: string): CustomerRow[]
  customersByRegistrationNo(no: string): CustomerRow[]
  /** Same kind and name, compared case-insensitively (persons by first and last name, businesses by name). */
  customersByName(kind: 'person' | 'business', name: string[]): CustomerRow[]
  customerNumberTaken(n: string): boolean
  subscriberNumberTaken(n: string): boolean
}

export interface DecideContext {
  /** The central's clock (ISO): the only one that orders anything. */
  now: string
  agentId: string
  /** The service centre of the workstation that sent the mutation (new customers go there). */
  centreId: string
  /** The desk's clock differs from the central's by more than 5 minutes. */
  clockSuspect: boolean
  calendar: CalendarOptions
  /** The outbox row's entity id and base version (the version the agent saw). */
  entityId: string
  baseVersion: number | null
  /** Business numbers the caller reserved for this batch, handed out in order. */
  issueNumber(series: 'customer' | 'subscriber'): string
}

export interface DecisionError {
  code: string
  messageKey: string
  details?: Record<string, unknown>
}

/**
 * - applied: `writes` are the whole new rows (possibly none: an idempotent repeat or a merge).
 * - rejected: a business refusal; nothing written.
 * - conflict: a person decides; `writes` may hold the part that merged cleanly.
 * - blocked: a precondition does not hold yet (the mutation will be sent again).
 */
export type Decision =
  | { outcome: 'applied'; writes: Writes; result?: Record<string, unknown> }
  | { outcome: 'rejected'; error: DecisionError }
  | { outcome: 'conflict'; error: DecisionError; writes?: Writes }
  | { outcome: 'blocked'; error: DecisionError }

export const rejected = (code: string, details?: Record<string, unknown>): Decision => ({
  outcome: 'rejected',
  error: { code, messageKey: `sync.protocol.rejected.${code}`, ...(details ? { details } : {}) },
})

export const conflict = (code: string, details: Record<string, unknown>, writes?: Writes): Decision => ({
  outcome: 'conflict',
  error: { code, messageKey: `sync.protocol.conflict.${code}`, details },
  ...(writes ? { writes } : {}),
})

export const blocked = (code: string, details?: Record<string, unknown>): Decision => ({
  outcome: 'blocked',
  error: { code, messageKey: `sync.protocol.blocked.${code}`, ...(details ? { details } : {}) },
})

export const applied = (writes: Writes = {}, result?: Record<string, unknown>): Decision => ({
  outcome: 'applied',
  writes,
  ...(result ? { result } : {}),
})
