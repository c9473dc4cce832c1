import type { LatestArgs, MutationName } from '../../contract/sync'
import {
  decideConsent,
  decideConsentUndo,
  decideCustomerCreate,
  decideDocumentAdd,
  decideDocumentDecision,
  decideFollowUpComplete,
  decideInteractionLog,
  decidePortalCreateLogin,
  decidePortalResetPassword,
  decidePortalSetLocked,
  decidePortalUserAdd,
  decidePortalUserRevoke,
  decidePortalUserSetRights,
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
  portalAccounts?: string[]
  /** Accounts of these customers (one login per customer). */
  portalAccountsOfCustomers?: string[]
  /** Accounts with these e-mails (one login per e-mail), lower-cased. */
  portalEmails?: string[]
  portalUsers?: string[]
  interactions?: string[]
  followUps?: string[]
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
 * function. A name without a handler (a newer desk's) is answered `upgrade-required`: blocked, not
 * consumed, until a central that knows it runs.
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
    // A detached signature is applied only once the file it signs has arrived too.
    touches: (a) => ({
      customers: [a.customerId],
      documents: [a.id],
      blobs: [a.sha256, ...(a.contentFile ? [a.contentFile.sha256] : [])],
    }),
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
  'portal.createLogin': handler<'portal.createLogin'>({
    table: 'portal_accounts',
    touches: (a) => ({
      customers: [a.customerId],
      portalAccounts: [a.id],
      portalAccountsOfCustomers: [a.customerId],
      portalEmails: [a.email.toLowerCase()],
    }),
    decide: decidePortalCreateLogin,
  }),
  'portal.resetPassword': handler<'portal.resetPassword'>({
    table: 'portal_accounts',
    touches: (a) => ({ portalAccounts: [a.id] }),
    decide: decidePortalResetPassword,
  }),
  'portal.lock': handler<'portal.lock'>({
    table: 'portal_accounts',
    touches: (a) => ({ portalAccounts: [a.id] }),
    decide: decidePortalSetLocked(true),
  }),
  'portal.unlock': handler<'portal.unlock'>({
    table: 'portal_accounts',
    touches: (a) => ({ portalAccounts: [a.id] }),
    decide: decidePortalSetLocked(false),
  }),
  // The loader adds the account's customer and premises (rights only on the holder's current premises).
  'portalUser.add': handler<'portalUser.add'>({
    table: 'portal_users',
    touches: (a) => ({ portalAccounts: [a.accountId], portalUsers: [a.id] }),
    decide: decidePortalUserAdd,
  }),
  'portalUser.setRights': handler<'portalUser.setRights'>({
    table: 'portal_users',
    touches: (a) => ({ portalUsers: [a.id] }),
    decide: decidePortalUserSetRights,
  }),
  'portalUser.revoke': handler<'portalUser.revoke'>({
    table: 'portal_users',
    touches: (a) => ({ portalUsers: [a.id] }),
    decide: decidePortalUserRevoke,
  }),
  'interaction.log': handler<'interaction.log'>({
    table: 'interactions',
    touches: (a) => ({
      customers: [a.customerId],
      interactions: [a.id],
      followUps: a.followUp ? [a.followUp.id] : [],
    }),
    decide: decideInteractionLog,
  }),
  'followUp.complete': handler<'followUp.complete'>({
    table: 'follow_ups',
    touches: (a) => ({ followUps: [a.id] }),
    decide: decideFollowUpComplete,
  }),
}

export const ENTITY_TABLE: Record<string, WriteTable> = {
  customer: 'customers',
  reading: 'readings',
  consent: 'consents',
  document: 'documents',
  premise: 'premises',
  meter: 'meters',
  portal_account: 'portal_accounts',
  portal_user: 'portal_users',
  interaction: 'interactions',
  follow_up: 'follow_ups',
}
