import { applied, rejected, type Decision, type DecideContext, type SyncStateView } from './types'

export interface ConsentIntent {
  id: string
  customerId: string
  channel: 'email' | 'sms' | 'phone' | 'post'
  granted: boolean
  /** When the customer said it (the desk's clock: recorded, never used to order). */
  at: string
  wordingVersion: string
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
          received_at: ctx.now,
          version: 1,
        },
      ],
    },
    { consentId: args.id },
  )
}
