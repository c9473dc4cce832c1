import {
  ApiError,
  CONSENT_WORDING_VERSION,
  consentChannels,
  consentVia,
  type Language,
} from '../../../contract'
import { commitMutation, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { uuidv7 } from '../../ids'
import { checkVersion, loadCustomer } from './rows'
import { refreshSearchIndex } from './search-index'
import { checkEmail, checkPhone, FieldErrors } from './validate'
import { consentRows } from './view'

/** `customer.updateContact`: e-mail and phone, validated and normalised (E.164); before/after in the audit. */
export function updateContacts(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; baseVersion: number; email?: string | null; phone?: string | null },
): void {
  const errors = new FieldErrors()
  const email = checkEmail(errors, 'email', input.email)
  const phone = checkPhone(errors, 'phone', input.phone)
  errors.throwIfAny()
  const c = loadCustomer(db, input.customerId)
  checkVersion(c, input.baseVersion)
  const before = { email: c.email, phone: c.phone }
  const after = { email, phone }
  if (before.email === after.email && before.phone === after.phone) return
  commitMutation(
    db,
    actor,
    {
      name: 'customer.updateContact',
      entityType: 'customer',
      entityId: c.id,
      customerId: c.id,
      baseVersion: c.version,
      // Field-level merge on the server (SYNC.md): only the fields that changed travel.
      args: Object.fromEntries(
        Object.entries(after).filter(([k, v]) => before[k as keyof typeof before] !== v),
      ),
    },
    () => {
      db.prepare(
        'UPDATE customers SET email = ?, phone = ?, version = version + 1, updated_at = ? WHERE id = ?',
      ).run(email, phone, new Date(actor.nowMs).toISOString(), c.id)
      refreshSearchIndex(db)
      return { result: undefined, before, after }
    },
  )
}

export function setLanguage(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; baseVersion: number; language: Language },
): void {
  const c = loadCustomer(db, input.customerId)
  checkVersion(c, input.baseVersion)
  if (c.preferred_language === input.language) return
  commitMutation(
    db,
    actor,
    {
      name: 'customer.setLanguage',
      entityType: 'customer',
      entityId: c.id,
      customerId: c.id,
      baseVersion: c.version,
      args: { language: input.language },
    },
    () => {
      db.prepare(
        'UPDATE customers SET preferred_language = ?, version = version + 1, updated_at = ? WHERE id = ?',
      ).run(input.language, new Date(actor.nowMs).toISOString(), c.id)
      return {
        result: undefined,
        before: { language: c.preferred_language },
        after: { language: input.language },
      }
    },
  )
}

type Channel = (typeof consentChannels)[number]
type Via = (typeof consentVia)[number]

/**
 * One consent choice per call, appended to the history with time, agent, source 'agent', how the
 * customer gave it (`via`: at the desk, by phone, e-mail or letter) and the wording version the customer
 * was read. The latest row wins, so a withdrawal is effective the moment it commits.
 */
export function setConsent(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; channel: Channel; granted: boolean; via: Via },
): void {
  const c = loadCustomer(db, input.customerId)
  const current = consentRows(db, c.id, true).find((x) => x.channel === input.channel)
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    db,
    actor,
    {
      name: input.granted ? 'consent.grant' : 'consent.withdraw',
      entityType: 'consent',
      entityId: id,
      customerId: c.id,
      args: {
        id,
        customerId: c.id,
        channel: input.channel,
        granted: input.granted,
        via: input.via,
        at,
        wordingVersion: CONSENT_WORDING_VERSION,
      },
    },
    () => {
      insertConsent(db, { ...input, id, customerId: c.id, at, agentId: actor.agentId, undoesId: null })
      return {
        result: undefined,
        before: { channel: input.channel, granted: current?.granted ?? false },
        after: {
          channel: input.channel,
          granted: input.granted,
          via: input.via,
          wordingVersion: CONSENT_WORDING_VERSION,
        },
      }
    },
  )
}

/**
 * Takes back a consent choice the agent has just recorded (a mis-click, or the customer changed their
 * mind on the spot): a new row restoring the channel's previous state, pointing at the row it undoes,
 * with its own outbox and audit rows. Only the agent's own latest choice for the channel, and only within
 * CONSENT_UNDO_MS; after that a change is a new choice like any other.
 */
export function undoConsent(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; consentId: string },
): void {
  const c = loadCustomer(db, input.customerId)
  const target = consentRows(db, c.id, true, { agentId: actor.agentId, nowMs: actor.nowMs }).find(
    (x) => x.id === input.consentId,
  )
  if (!target || target.undoUntil === null)
    throw new ApiError('CONFLICT', 'customers.errors.consentUndoExpired', { consentId: input.consentId })
  const history = consentRows(db, c.id, false).filter((x) => x.channel === target.channel)
  const previous = history[history.findIndex((x) => x.id === target.id) + 1]
  const restored = previous?.granted ?? false
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    db,
    actor,
    {
      name: 'consent.undo',
      entityType: 'consent',
      entityId: id,
      customerId: c.id,
      args: { id, customerId: c.id, channel: target.channel, granted: restored, undoes: target.id, at },
    },
    () => {
      insertConsent(db, {
        id,
        customerId: c.id,
        channel: target.channel,
        granted: restored,
        via: target.via === 'portal' ? null : target.via,
        at,
        agentId: actor.agentId,
        undoesId: target.id,
      })
      return {
        result: undefined,
        before: { channel: target.channel, granted: target.granted },
        after: { channel: target.channel, granted: restored },
      }
    },
  )
}

export function insertConsent(
  db: Db,
  r: {
    id: string
    customerId: string
    channel: Channel
    granted: boolean
    via: Via | null
    at: string
    agentId: string
    undoesId: string | null
  },
): void {
  db.prepare(
    `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version,
       obtained_via, undoes_id)
     VALUES (?, ?, ?, ?, ?, 'agent', ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.customerId,
    r.channel,
    r.granted ? 1 : 0,
    r.at,
    r.agentId,
    CONSENT_WORDING_VERSION,
    r.via,
    r.undoesId,
  )
}
