import type { z } from 'zod'
import {
  customerCreate,
  customerSetLanguage,
  customerUpdateContact,
  consentGrant,
  consentWithdraw,
  consentUndo,
} from './customers'
import { documentAdd, documentDecide } from './documents'
import { followUpComplete, interactionLog } from './interactions'
import {
  portalCreateLogin,
  portalLock,
  portalResetPassword,
  portalUnlock,
  portalUserAdd,
  portalUserRevoke,
  portalUserSetRights,
} from './portal'
import { readingRecord } from './readings'
import type { MutationArgsSpec, UpcastEnvelope } from './define'

export * from './define'
export type { ReadingRecordArgs } from './readings'
export type {
  CustomerCreateArgs,
  UpdateContactArgs,
  SetLanguageArgs,
  ConsentArgs,
  ConsentUndoArgs,
  NormalisedDraftArgs,
} from './customers'
export type { DocumentAddArgs, DocumentDecideArgs } from './documents'

/** Every mutation name a desk writes to its outbox (the services that call commitMutation), with its args. */
export const mutationSpecs = {
  'customer.create': customerCreate,
  'customer.updateContact': customerUpdateContact,
  'customer.setLanguage': customerSetLanguage,
  'consent.grant': consentGrant,
  'consent.withdraw': consentWithdraw,
  'consent.undo': consentUndo,
  'reading.record': readingRecord,
  'document.add': documentAdd,
  'document.decide': documentDecide,
  'portal.createLogin': portalCreateLogin,
  'portal.resetPassword': portalResetPassword,
  'portal.lock': portalLock,
  'portal.unlock': portalUnlock,
  'portalUser.add': portalUserAdd,
  'portalUser.setRights': portalUserSetRights,
  'portalUser.revoke': portalUserRevoke,
  'interaction.log': interactionLog,
  'followUp.complete': followUpComplete,
} as const satisfies Record<string, MutationArgsSpec>

export type MutationName = keyof typeof mutationSpecs
export type LatestArgs<N extends MutationName> = z.output<(typeof mutationSpecs)[N]['latestSchema']>
export const mutationNames = Object.keys(mutationSpecs) as MutationName[]

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(mutationSpecs, name)
}

export type ParsedArgs =
  | { ok: true; name: MutationName; args: unknown; fromVersion: number }
  | {
      ok: false
      reason: 'unknown-name' | 'version-too-new' | 'invalid'
      issues: { path: string; message: string }[]
    }

/**
 * Validates args written at `version` and upcasts them step by step to the latest version. A version the
 * central does not know yet (a newer desk) is `version-too-new`: the central must be upgraded first.
 */
export function parseMutationArgs(
  name: string,
  version: number,
  args: unknown,
  envelope: UpcastEnvelope,
): ParsedArgs {
  if (!isMutationName(name)) return { ok: false, reason: 'unknown-name', issues: [] }
  const spec: MutationArgsSpec = mutationSpecs[name]
  if (version > spec.latest) return { ok: false, reason: 'version-too-new', issues: [] }
  const schema = spec.versions[version]
  if (!schema)
    return { ok: false, reason: 'invalid', issues: [{ path: '', message: `no args version ${version}` }] }
  let parsed = schema.safeParse(args)
  if (!parsed.success) return { ok: false, reason: 'invalid', issues: issuesOf(parsed.error) }
  let value: unknown = parsed.data
  for (let v = version; v < spec.latest; v++) {
    value = spec.upcast[v](value, envelope)
    parsed = spec.versions[v + 1].safeParse(value)
    if (!parsed.success) return { ok: false, reason: 'invalid', issues: issuesOf(parsed.error) }
    value = parsed.data
  }
  return { ok: true, name, args: value, fromVersion: version }
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }))
}

/** A copy of args with the secret fields replaced, for logs, dead letters and exports. */
export function redactArgs(name: string, args: unknown): unknown {
  if (!isMutationName(name) || !args || typeof args !== 'object') return args
  const secret = (mutationSpecs[name] as MutationArgsSpec).secretFields ?? []
  if (secret.length === 0) return args
  return Object.fromEntries(
    Object.entries(args as Record<string, unknown>).map(([k, v]) => [
      k,
      secret.includes(k) && v !== null ? '[redacted]' : v,
    ]),
  )
}
