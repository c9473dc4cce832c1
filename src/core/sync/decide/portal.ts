import type { PortalAccountRow, PortalRight, PortalRightEntry, PortalUserRow, PremiseRow } from '../rows'
import { applied, conflict, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface RightWanted {
  premiseId: string
  right: PortalRight
}

const rightKey = (premiseId: string, right: string): string => `${premiseId}|${right}`

/**
 * The premises on which a further user may be given rights: the account holder's premises still supplied
 * on `today` (the holder has every right there and nothing else). Returns the premise ids asked beyond them.
 */
export function rightsBeyondHolder(
  holderPremises: readonly Pick<PremiseRow, 'id' | 'supply_to'>[],
  wanted: readonly RightWanted[],
  today: string,
): string[] {
  const own = new Set(
    holderPremises.filter((p) => p.supply_to === null || p.supply_to >= today).map((p) => p.id),
  )
  return [...new Set(wanted.filter((r) => !own.has(r.premiseId)).map((r) => r.premiseId))]
}

/**
 * How a user's rights change to `wanted`: a held right not wanted any more is revoked at once; a wanted
 * right not held (or revoked earlier) becomes a request, since a grant needs approval (SYNC.md); a right
 * already requested or granted stays as it is. The desk and the central both plan with this.
 */
export function planRights(
  current: readonly { premiseId: string; right: PortalRight; status: PortalRightEntry['status'] }[],
  wanted: readonly RightWanted[],
): { revoke: RightWanted[]; request: RightWanted[] } {
  const wantedKeys = new Set(wanted.map((r) => rightKey(r.premiseId, r.right)))
  const held = new Map(current.map((c) => [rightKey(c.premiseId, c.right), c]))
  return {
    revoke: current
      .filter((c) => c.status !== 'revoked' && !wantedKeys.has(rightKey(c.premiseId, c.right)))
      .map((c) => ({ premiseId: c.premiseId, right: c.right })),
    request: wanted.filter((r) => {
      const now = held.get(rightKey(r.premiseId, r.right))
      return !now || now.status === 'revoked'
    }),
  }
}

function withPlannedRights(user: PortalUserRow, wanted: readonly RightWanted[], ctx: DecideContext) {
  const plan = planRights(
    user.rights.map((r) => ({ premiseId: r.premise_id, right: r.right, status: r.status })),
    wanted,
  )
  const change = (r: RightWanted, status: PortalRightEntry['status']): PortalRightEntry => ({
    premise_id: r.premiseId,
    right: r.right,
    status,
    changed_at: ctx.now,
    agent_id: ctx.agentId,
  })
  const next = new Map(user.rights.map((r) => [rightKey(r.premise_id, r.right), r]))
  for (const r of plan.revoke) next.set(rightKey(r.premiseId, r.right), change(r, 'revoked'))
  for (const r of plan.request) next.set(rightKey(r.premiseId, r.right), change(r, 'requested'))
  return [...next.values()].sort((a, b) =>
    rightKey(a.premise_id, a.right).localeCompare(rightKey(b.premise_id, b.right)),
  )
}

const today = (ctx: DecideContext): string => ctx.now.slice(0, 10)

export interface CreateLoginIntent {
  id: string
  customerId: string
  email: string
  /** The scrypt verifier of the printed temporary password; null from older desks (the login must be reset). */
  passwordVerifier: string | null
}

/**
 * One login per customer and per e-mail. Two desks that each created one offline collide here: the first to
 * arrive stands and the second goes to a person (conflict), never silently merged.
 */
export function decidePortalCreateLogin(
  state: SyncStateView,
  args: CreateLoginIntent,
  ctx: DecideContext,
): Decision {
  if (state.portalAccount(args.id)) return applied({}, { accountId: args.id })
  if (!state.customer(args.customerId)) return rejected('not-found', { customerId: args.customerId })
  const existing = state.portalAccountsOf(args.customerId)[0]
  if (existing) return conflict('portal-exists', { accountId: existing.id })
  const sameEmail = state.portalAccountsByEmail(args.email)[0]
  if (sameEmail) return conflict('portal-email-taken', { accountId: sameEmail.id })
  const row: PortalAccountRow = {
    id: args.id,
    customer_id: args.customerId,
    email: args.email,
    status: 'invited',
    password_hash: args.passwordVerifier,
    must_change_password: true,
    must_confirm_contacts: true,
    version: 1,
    created_at: ctx.now,
    updated_at: ctx.now,
  }
  return applied({ portal_accounts: [row] }, { accountId: args.id })
}

const bump = (
  a: PortalAccountRow,
  ctx: DecideContext,
  change: Partial<PortalAccountRow>,
): PortalAccountRow => ({
  ...a,
  ...change,
  version: a.version + 1,
  updated_at: ctx.now,
})

export function decidePortalResetPassword(
  state: SyncStateView,
  args: { id: string; passwordVerifier: string | null },
  ctx: DecideContext,
): Decision {
  const a = state.portalAccount(args.id)
  if (!a) return rejected('not-found', { accountId: args.id })
  // A lock (by a supervisor or another desk) beats a reset made meanwhile.
  if (a.status === 'locked') return rejected('portal-locked', { accountId: a.id })
  return applied({
    portal_accounts: [bump(a, ctx, { password_hash: args.passwordVerifier, must_change_password: true })],
  })
}

/** Locking and unlocking are idempotent; unlocking returns to invited while the temporary password is unused. */
export function decidePortalSetLocked(locked: boolean) {
  return (state: SyncStateView, args: { id: string }, ctx: DecideContext): Decision => {
    const a = state.portalAccount(args.id)
    if (!a) return rejected('not-found', { accountId: args.id })
    if ((a.status === 'locked') === locked) return applied({})
    const status = locked ? 'locked' : a.must_change_password ? 'invited' : 'active'
    return applied({ portal_accounts: [bump(a, ctx, { status })] })
  }
}

export interface PortalUserAddIntent {
  id: string
  accountId: string
  email: string
  firstName: string
  lastName: string
  rights: RightWanted[]
}

function holderRefusal(state: SyncStateView, a: PortalAccountRow | undefined, accountId: string) {
  if (!a) return rejected('not-found', { accountId })
  if (a.status === 'locked') return rejected('portal-locked', { accountId })
  return null
}

function beyondRefusal(state: SyncStateView, a: PortalAccountRow, rights: RightWanted[], ctx: DecideContext) {
  const beyond = rightsBeyondHolder(state.premisesOf(a.customer_id), rights, today(ctx))
  return beyond.length > 0 ? rejected('right-beyond-holder', { premises: beyond }) : null
}

export function decidePortalUserAdd(
  state: SyncStateView,
  args: PortalUserAddIntent,
  ctx: DecideContext,
): Decision {
  if (state.portalUser(args.id)) return applied({}, { userId: args.id })
  const a = state.portalAccount(args.accountId)
  const refused = holderRefusal(state, a, args.accountId)
  if (refused || !a) return refused!
  if (a.email.toLowerCase() === args.email.toLowerCase()) return rejected('user-is-holder')
  const beyond = beyondRefusal(state, a, args.rights, ctx)
  if (beyond) return beyond
  const same = state.portalUsersOf(a.id).find((u) => u.email.toLowerCase() === args.email.toLowerCase())
  if (same) return conflict('user-exists', { userId: same.id })
  const user: PortalUserRow = {
    id: args.id,
    account_id: a.id,
    customer_id: a.customer_id,
    email: args.email,
    first_name: args.firstName,
    last_name: args.lastName,
    status: 'requested',
    rights: [],
    version: 1,
    created_at: ctx.now,
    updated_at: ctx.now,
  }
  return applied(
    { portal_users: [{ ...user, rights: withPlannedRights(user, args.rights, ctx) }] },
    { userId: args.id },
  )
}

export function decidePortalUserSetRights(
  state: SyncStateView,
  args: { id: string; rights: RightWanted[] },
  ctx: DecideContext,
): Decision {
  const u = state.portalUser(args.id)
  if (!u) return rejected('not-found', { userId: args.id })
  const a = state.portalAccount(u.account_id)
  const refused = holderRefusal(state, a, u.account_id)
  if (refused || !a) return refused!
  // Revocation beats grant: rights for a user revoked meanwhile are refused, not revived.
  if (u.status === 'revoked' && args.rights.length > 0) return rejected('user-revoked', { userId: u.id })
  const beyond = beyondRefusal(state, a, args.rights, ctx)
  if (beyond) return beyond
  return applied({
    portal_users: [
      { ...u, rights: withPlannedRights(u, args.rights, ctx), version: u.version + 1, updated_at: ctx.now },
    ],
  })
}

/** The user loses the account and every right at once; revoking twice changes nothing. */
export function decidePortalUserRevoke(
  state: SyncStateView,
  args: { id: string },
  ctx: DecideContext,
): Decision {
  const u = state.portalUser(args.id)
  if (!u) return rejected('not-found', { userId: args.id })
  if (u.status === 'revoked') return applied({})
  return applied({
    portal_users: [
      {
        ...u,
        status: 'revoked',
        rights: withPlannedRights(u, [], ctx),
        version: u.version + 1,
        updated_at: ctx.now,
      },
    ],
  })
}
