import { randomInt } from 'node:crypto'
import { ApiError } from '../../../contract'
import { commitMutation, type MutationActor } from '../../db/mutations'
import type { Db } from '../../db/open'
import { uuidv7 } from '../../ids'
import { hashPassword, verifyPassword } from '../passwords'
import { loadCustomer } from './rows'
import { checkEmail, FieldErrors } from './validate'

// No 0/O, 1/l/I: the password is read off a letter and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
const LENGTH = 12

export function temporaryPassword(): string {
  for (;;) {
    let p = ''
    for (let i = 0; i < LENGTH; i++) p += ALPHABET[randomInt(ALPHABET.length)]
    // At least one of each kind, as portal password rules usually ask.
    if (/[A-Z]/u.test(p) && /[a-z]/u.test(p) && /\d/u.test(p)) return p
  }
}

interface AccountRow {
  id: string
  customer_id: string
  email: string
  status: 'none' | 'invited' | 'active' | 'locked'
  password_hash: string | null
  must_change_password: number
  must_confirm_contacts: number
  version: number
}

export function accountOf(db: Db, customerId: string): AccountRow | undefined {
  return db.prepare('SELECT * FROM portal_accounts WHERE customer_id = ?').get(customerId) as
    AccountRow | undefined
}

function requireAccount(db: Db, customerId: string): AccountRow {
  const a = accountOf(db, customerId)
  if (!a) throw new ApiError('NOT_FOUND', 'customers.errors.noPortalLogin')
  return a
}

const publicState = (a: Pick<AccountRow, 'status' | 'must_change_password' | 'must_confirm_contacts'>) => ({
  status: a.status,
  mustChangePassword: a.must_change_password === 1,
  mustConfirmContacts: a.must_confirm_contacts === 1,
})

/**
 * The login an employee creates: e-mail and a one-time temporary password (returned once, only its
 * scrypt hash is stored); the customer must change it and confirm the contact details at first sign-in.
 */
export async function createLogin(
  db: Db,
  actor: MutationActor,
  customerId: string,
  rawEmail: string,
): Promise<{ temporaryPassword: string; email: string }> {
  const errors = new FieldErrors()
  const email = checkEmail(errors, 'email', rawEmail)
  if (email === null && errors.list.length === 0) errors.add('email', 'validation.email.empty')
  errors.throwIfAny()
  const c = loadCustomer(db, customerId)
  if (accountOf(db, c.id)) throw new ApiError('CONFLICT', 'customers.errors.portalExists')
  const password = temporaryPassword()
  const hash = await hashPassword(password)
  const id = uuidv7(actor.nowMs)
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    db,
    actor,
    {
      name: 'portal.createLogin',
      entityType: 'portal_account',
      entityId: id,
      customerId: c.id,
      // The verifier of the printed temporary password, so it works centrally too (a secret arg: never
      // logged or exported, see contract/sync redactArgs).
      args: { id, customerId: c.id, email, passwordVerifier: hash },
    },
    () => {
      // Checked inside the transaction: never a second login for the same e-mail (the column is UNIQUE too).
      const taken = db
        .prepare('SELECT customer_id FROM portal_accounts WHERE email = ? OR customer_id = ?')
        .get(email, c.id)
      if (taken) throw new ApiError('CONFLICT', 'customers.errors.portalEmailTaken')
      db.prepare(
        `INSERT INTO portal_accounts (id, customer_id, email, password_hash, status, must_change_password,
           must_confirm_contacts, created_at, updated_at) VALUES (?, ?, ?, ?, 'invited', 1, 1, ?, ?)`,
      ).run(id, c.id, email, hash, at, at)
      return {
        result: undefined,
        before: null,
        after: { email, status: 'invited', mustChangePassword: true, mustConfirmContacts: true },
      }
    },
  )
  return { temporaryPassword: password, email: email! }
}

export async function resetPassword(
  db: Db,
  actor: MutationActor,
  customerId: string,
): Promise<{ temporaryPassword: string; email: string }> {
  const a = requireAccount(db, customerId)
  if (a.status === 'locked') throw new ApiError('CONFLICT', 'customers.errors.portalLocked')
  const password = temporaryPassword()
  const hash = await hashPassword(password)
  commitMutation(
    db,
    actor,
    {
      name: 'portal.resetPassword',
      entityType: 'portal_account',
      entityId: a.id,
      customerId,
      baseVersion: a.version,
      args: { id: a.id, passwordVerifier: hash },
    },
    () => {
      db.prepare(
        `UPDATE portal_accounts SET password_hash = ?, must_change_password = 1, version = version + 1, updated_at = ?
         WHERE id = ?`,
      ).run(hash, new Date(actor.nowMs).toISOString(), a.id)
      return {
        result: undefined,
        before: publicState(a),
        after: { ...publicState(a), mustChangePassword: true },
      }
    },
  )
  return { temporaryPassword: password, email: a.email }
}

export function setLocked(db: Db, actor: MutationActor, customerId: string, locked: boolean): void {
  const a = requireAccount(db, customerId)
  if ((a.status === 'locked') === locked) return
  // Unlocking returns to where the customer was: still invited while the temporary password is unused.
  const status = locked ? 'locked' : a.must_change_password === 1 ? 'invited' : 'active'
  commitMutation(
    db,
    actor,
    {
      name: locked ? 'portal.lock' : 'portal.unlock',
      entityType: 'portal_account',
      entityId: a.id,
      customerId,
      baseVersion: a.version,
      args: { id: a.id },
    },
    () => {
      db.prepare(
        'UPDATE portal_accounts SET status = ?, version = version + 1, updated_at = ? WHERE id = ?',
      ).run(status, new Date(actor.nowMs).toISOString(), a.id)
      return { result: undefined, before: publicState(a), after: { ...publicState(a), status } }
    },
  )
}

/** True when `password` is the account's current (temporary) password: only that one may be printed. */
export async function isCurrentTemporaryPassword(
  db: Db,
  customerId: string,
  password: string,
): Promise<boolean> {
  const a = requireAccount(db, customerId)
  return (
    a.must_change_password === 1 &&
    a.password_hash !== null &&
    (await verifyPassword(password, a.password_hash))
  )
}
