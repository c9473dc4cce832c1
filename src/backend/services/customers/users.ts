import { ApiError, type portalRights } from '../../../contract'
import { validateName } from '../../../core/contact/name'
import { planRights, rightsBeyondHolder } from '../../../core/sync/decide/portal'
import { commitMutation, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { uuidv7 } from '../../ids'
import { accountOf } from './portal'
import { checkEmail, FieldErrors } from './validate'

type Right = (typeof portalRights)[number]
export interface RightInput {
  premiseId: string
  right: Right
}
interface RightRow {
  premise_id: string
  right: Right
  status: 'requested' | 'granted' | 'revoked'
}

const key = (r: { premiseId?: string; premise_id?: string; right: string }) =>
  `${r.premiseId ?? r.premise_id}|${r.right}`

function holderAccount(db: Db, customerId: string) {
  const a = accountOf(db, customerId)
  if (!a) throw new ApiError('CONFLICT', 'customers.errors.noPortalLogin')
  if (a.status === 'locked') throw new ApiError('CONFLICT', 'customers.errors.portalLocked')
  return a
}

/**
 * The account holder has every right on the customer's current premises and on nothing else, so a user
 * can be given rights only there: a premise of another customer, or one no longer supplied, is refused.
 */
function checkWithinHolder(db: Db, customerId: string, rights: RightInput[], today: string): void {
  const premises = db.prepare('SELECT id, supply_to FROM premises WHERE customer_id = ?').all(customerId) as {
    id: string
    supply_to: string | null
  }[]
  const beyond = rightsBeyondHolder(premises, rights, today)
  if (beyond.length > 0)
    throw new ApiError('FORBIDDEN', 'customers.errors.rightBeyondHolder', { premises: beyond })
}

function userOf(db: Db, accountId: string, userId: string) {
  const u = db
    .prepare('SELECT * FROM portal_users WHERE id = ? AND account_id = ?')
    .get(userId, accountId) as
    | { id: string; email: string; first_name: string; last_name: string; status: string; version: number }
    | undefined
  if (!u) throw new ApiError('NOT_FOUND', 'customers.errors.userNotFound')
  return u
}

/** Grants are requests until the central system approves them (SYNC.md); revocations apply at once. */
function applyRights(db: Db, userId: string, wanted: RightInput[], actor: MutationActor) {
  const at = new Date(actor.nowMs).toISOString()
  const current = db
    .prepare('SELECT premise_id, "right", status FROM portal_rights WHERE portal_user_id = ?')
    .all(userId) as RightRow[]
  const plan = planRights(
    current.map((r) => ({ premiseId: r.premise_id, right: r.right, status: r.status })),
    wanted,
  )
  const revoked: string[] = []
  const requested: string[] = []
  const set = db.prepare(
    `INSERT INTO portal_rights (portal_user_id, premise_id, "right", status, changed_at, agent_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (portal_user_id, premise_id, "right") DO UPDATE SET status = excluded.status,
       changed_at = excluded.changed_at, agent_id = excluded.agent_id, version = version + 1`,
  )
  // The same plan the central applies (core/sync/decide/portal): revocations at once, grants as requests.
  for (const r of plan.revoke) {
    set.run(userId, r.premiseId, r.right, 'revoked', at, actor.agentId)
    revoked.push(key(r))
  }
  for (const r of plan.request) {
    set.run(userId, r.premiseId, r.right, 'requested', at, actor.agentId)
    requested.push(key(r))
  }
  // The audit shows rights by subscriber number, which the agent and the customer know, not by row id.
  const subscriber = db.prepare('SELECT subscriber_number FROM premises WHERE id = ?').pluck()
  const label = (r: { premiseId?: string; premise_id?: string; right: string }) =>
    `${String(subscriber.get(r.premiseId ?? r.premise_id))}: ${r.right}`
  return {
    before: current
      .filter((r) => r.status !== 'revoked')
      .map(label)
      .sort(),
    after: wanted.map(label).sort(),
    revoked,
    requested,
  }
}

export function addUser(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; email: string; firstName: string; lastName: string; rights: RightInput[] },
  today: string,
): void {
  const errors = new FieldErrors()
  const email = checkEmail(errors, 'email', input.email)
  if (email === null && errors.list.length === 0) errors.add('email', 'validation.email.empty')
  const first = errors.take('firstName', validateName(input.firstName, 'firstName'))
  const last = errors.take('lastName', validateName(input.lastName, 'lastName'))
  errors.throwIfAny()
  const a = holderAccount(db, input.customerId)
  if (a.email.toLowerCase() === email!.toLowerCase())
    throw new ApiError('CONFLICT', 'customers.errors.userIsHolder')
  checkWithinHolder(db, input.customerId, input.rights, today)
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    db,
    actor,
    {
      name: 'portalUser.add',
      entityType: 'portal_user',
      entityId: id,
      customerId: input.customerId,
      args: { id, accountId: a.id, email, firstName: first, lastName: last, rights: input.rights },
    },
    () => {
      const exists = db
        .prepare('SELECT status FROM portal_users WHERE account_id = ? AND email = ?')
        .pluck()
        .get(a.id, email)
      if (exists !== undefined) throw new ApiError('CONFLICT', 'customers.errors.userExists')
      db.prepare(
        `INSERT INTO portal_users (id, account_id, email, first_name, last_name, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'requested', ?, ?)`,
      ).run(id, a.id, email, first, last, at, at)
      const r = applyRights(db, id, input.rights, actor)
      return {
        result: undefined,
        before: null,
        after: { email, firstName: first, lastName: last, rights: r.after },
      }
    },
  )
}

export function setUserRights(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; userId: string; rights: RightInput[] },
  today: string,
): void {
  const a = holderAccount(db, input.customerId)
  const u = userOf(db, a.id, input.userId)
  if (u.status === 'revoked' && input.rights.length > 0)
    throw new ApiError('CONFLICT', 'customers.errors.userRevoked')
  checkWithinHolder(db, input.customerId, input.rights, today)
  commitMutation(
    db,
    actor,
    {
      name: 'portalUser.setRights',
      entityType: 'portal_user',
      entityId: u.id,
      customerId: input.customerId,
      baseVersion: u.version,
      args: { id: u.id, rights: input.rights },
    },
    () => {
      const r = applyRights(db, u.id, input.rights, actor)
      db.prepare('UPDATE portal_users SET version = version + 1, updated_at = ? WHERE id = ?').run(
        new Date(actor.nowMs).toISOString(),
        u.id,
      )
      return {
        result: undefined,
        before: { email: u.email, rights: r.before },
        after: { email: u.email, rights: r.after },
      }
    },
  )
}

/** The user loses the account and every right in the same commit. */
export function revokeUser(
  db: Db,
  actor: MutationActor,
  input: { customerId: string; userId: string },
): void {
  const a = accountOf(db, input.customerId)
  if (!a) throw new ApiError('NOT_FOUND', 'customers.errors.noPortalLogin')
  const u = userOf(db, a.id, input.userId)
  if (u.status === 'revoked') return
  commitMutation(
    db,
    actor,
    {
      name: 'portalUser.revoke',
      entityType: 'portal_user',
      entityId: u.id,
      customerId: input.customerId,
      baseVersion: u.version,
      args: { id: u.id },
    },
    () => {
      const r = applyRights(db, u.id, [], actor)
      db.prepare(
        "UPDATE portal_users SET status = 'revoked', version = version + 1, updated_at = ? WHERE id = ?",
      ).run(new Date(actor.nowMs).toISOString(), u.id)
      return {
        result: undefined,
        before: { email: u.email, status: u.status, rights: r.before },
        after: { email: u.email, status: 'revoked', rights: [] },
      }
    },
  )
}
