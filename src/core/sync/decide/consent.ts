import { applied, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface ConsentIntent {
  id: string
  customerId: string
  channel: 'email' | 'sms' | 'phone' | 'post'
  granted: boolean
  /** When the customer said it (the desk's clock: recorded, never used to order). */
  at: string
  wordingVersion: string
  /** How the customer gave it at a desk; null when unknown (older desks). */
  via: string | null
}

export interface ConsentUndoIntent {
  id: string
  customerId: string
  channel: 'email' | 'sms' | 'phone' | 'post'
  /** The state the undo restores (what the channel was before the choice it takes back). */
  granted: boolean
  /** The consent row it takes back. */
  undoes: string
  at: string
}

/**
 * A consent choice is appended to the history; choices take effect in the central's arrival order
 * (`received_at`), so a withdrawal that arrives last wins even if a desk's clock was ahead.
 */
export function decideConsent(state: SyncStateView, args: ConsentIntent, ctx: DecideContext): Decision {
  if (state.consent(args.id)) return applied({}, { consentId: args.id })
  if (!state.customer(args.customerId)) return rejected('not-found', { customerId: args.customerId })
  return applied(
    {
      consents: [
        {
          id: args.id,
          customer_id: args.customerId,
          channel: args.channel,
          granted: args.granted,
          at: args.at,
          source: 'agent',
          agent_id: ctx.agentId,
          wording_version: args.wordingVersion,
          via: args.via,
          undoes_id: null,
          received_at: ctx.now,
          version: 1,
        },
      ],
    },
    { consentId: args.id },
  )
}

/**
 * An undo is a choice of its own, appended like any other (the history keeps both rows). It must name a
 * choice the central knows for the same customer and channel; the desk only sends undos of its own rows,
 * which its outbox pushed first, so an unknown target is a real inconsistency, not a race.
 */
export function decideConsentUndo(
  state: SyncStateView,
  args: ConsentUndoIntent,
  ctx: DecideContext,
): Decision {
  if (state.consent(args.id)) return applied({}, { consentId: args.id })
  if (!state.customer(args.customerId)) return rejected('not-found', { customerId: args.customerId })
  const target = state.consent(args.undoes)
  if (!target || target.customer_id !== args.customerId || target.channel !== args.channel)
    return rejected('not-found', { consentId: args.undoes })
  return applied(
    {
      consents: [
        {
          id: args.id,
          customer_id: args.customerId,
          channel: args.channel,
          granted: args.granted,
          at: args.at,
          source: 'agent',
          agent_id: ctx.agentId,
          wording_version: target.wording_version,
          via: target.via,
          undoes_id: target.id,
          received_at: ctx.now,
          version: 1,
        },
      ],
    },
    { consentId: args.id },
  )
}
