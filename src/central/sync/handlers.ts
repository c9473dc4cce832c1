import type { LatestArgs, MutationName } from '../../contract/sync'
import {
  decideConsent,
  decideConsentUndo,
  decideCustomerCreate,
  decideDocumentAdd,
  decideDocumentDecision,
  decideReadingRecord,
  decideSetLanguage,
  decideUpdateContact,
  type Decision,
  type DecideContext,
  type SyncStateView,
} from '../../core/sync/decide'
import type { WriteTable } from '../../core/sync/rows'

/** What the loader must fetch for one mutation (ids per table and natural keys), before any decision. */
export interface Touches {
  customers?: string[]
  meters?: string[]
  consents?: string[]
  documents?: string[]
  blobs?: string[]
  /** customer.create: natural keys to check and lock. */
  create?: {
    personalCode: string | null
    registrationNo: string | null
    name: { kind: 'person' | 'business'; parts: string[] }
    meteringPoints: string[]
    customerNumber: string | null
    subscriberNumbers: string[]
    premises: number
  }
}

export interface Handler<A = unknown> {
  touches(args: A, entityId: string): Touches
  decide(state: SyncStateView, args: A, ctx: DecideContext): Decision
  /** Where the outbox row's entity lives (its authoritative row goes back with rejections and conflicts). */
  table: WriteTable
}

const handler = <N extends MutationName>(h: Handler<LatestArgs<N>>): Handler => h as Handler

/**
 * The mutations the central applies, each a thin binding of the loader's needs to the core's pure decide
 * function. Names without a handler (portal logins and users, for now) are answered `upgrade-required`:
 * blocked, not consumed, until a central that knows them runs.
 */
export const HANDLERS: Partial<Record<MutationName, Handler>> = {
  'reading.record': handler<'reading.record'>({
    table: 'readings',
    touches: (a) => ({ meters: [a.meterId] }),
    decide: decideReadingRecord,
  }),
  'customer.updateContact': handler<'customer.updateContact'>({
    table: 'customers',
    touches: (_a, id) => ({ customers: [id] }),
    decide: decideUpdateContact,
  }),
  'customer.setLanguage': handler<'customer.setLanguage'>({
    table: 'customers',
    touches: (_a, id) => ({ customers: [id] }),
    decide: decideSetLanguage,
  }),
  'consent.grant': handler<'consent.grant'>({
    table: 'consents',
    touches: (a) => ({ customers: [a.customerId], consents: [a.id] }),
    decide: decideConsent,
  }),
  'consent.withdraw': handler<'consent.withdraw'>({
    table: 'consents',
    touches: (a) => ({ customers: [a.customerId], consents: [a.id] }),
    decide: decideConsent,
  }),
  'consent.undo': handler<'consent.undo'>({
    table: 'consents',
    touches: (a) => ({ customers: [a.customerId], consents: [a.id, a.undoes] }),
    decide: decideConsentUndo,
  }),
  'document.add': handler<'document.add'>({
    table: 'documents',
    touches: (a) => ({ customers: [a.customerId], documents: [a.id], blobs: [a.sha256] }),
    decide: decideDocumentAdd,
  }),
  'document.decide': handler<'document.decide'>({
    table: 'documents',
    touches: (a) => ({ documents: [a.id] }),
    decide: decideDocumentDecision,
  }),
  'customer.create': handler<'customer.create'>({
    table: 'customers',
    touches: (a) => ({
      customers: [a.id],
      create: {
        personalCode: a.draft.personalCode,
        registrationNo: a.draft.registrationNo,
        name:
          a.draft.kind === 'person'
            ? { kind: 'person', parts: [a.draft.firstName ?? '', a.draft.lastName ?? ''] }
            : { kind: 'business', parts: [a.draft.companyName ?? ''] },
        meteringPoints: a.draft.premises.map((p) => p.meter.meteringPointId),
        customerNumber: a.numbers?.customerNumber ?? null,
        subscriberNumbers: a.numbers?.subscriberNumbers ?? [],
        premises: a.draft.premises.length,
      },
    }),
    decide: decideCustomerCreate,
  }),
}

export const ENTITY_TABLE: Record<string, WriteTable> = {
  customer: 'customers',
  reading: 'readings',
  consent: 'consents',
  document: 'documents',
  premise: 'premises',
  meter: 'meters',
}
