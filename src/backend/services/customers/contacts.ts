import { CONSENT_WORDING_VERSION, type Language } from '../../../contract'
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

/**
 * One consent choice per call, appended to the history with time, agent, source 'agent' and the wording
 * version the customer was read. The latest row wins, so a withdrawal is effective the moment it commits.
 */
export function setConsent(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; channel: 'email' | 'sms' | 'phone' | 'post'; granted: boolean },
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
        at,
        wordingVersion: CONSENT_WORDING_VERSION,
      },
    },
    () => {
      db.prepare(
        `INSERT INTO consents (id, customer_id, channel, granted, at, source, agent_id, wording_version)
         VALUES (?, ?, ?, ?, ?, 'agent', ?, ?)`,
      ).run(id, c.id, input.channel, input.granted ? 1 : 0, at, actor.agentId, CONSENT_WORDING_VERSION)
      return {
        result: undefined,
        before: { channel: input.channel, granted: current?.granted ?? false },
        after: { channel: input.channel, granted: input.granted, wordingVersion: CONSENT_WORDING_VERSION },
      }
    },
  )
}
