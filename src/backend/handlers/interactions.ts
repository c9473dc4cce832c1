import type { interactionMethods } from '../../contract/methods/interactions'
import { actorOf, type CallContext, type Handlers } from '../context'
import { loadCustomer } from '../services/customers/rows'
import { completeFollowUp, interactionOptions, logInteraction } from '../services/interactions/log'
import { workQueues } from '../services/interactions/queues'
import { listInteractions } from '../services/interactions/rows'
import { readSyncStatus } from '../services/sync-status'

/** The status bar's pending count after a change (the sync client pushes it shortly). */
function pendingAfterChange(call: CallContext): number {
  const status = readSyncStatus(call.ctx.db, call.ctx.sync?.state)
  call.ctx.events.emit('sync.status', status)
  return status.pending
}

export function interactionHandlers(): Handlers<typeof interactionMethods> {
  return {
    'interactions.list': (input, { ctx }) => ({
      items: listInteractions(ctx.db, loadCustomer(ctx.db, input.customerId).id, input.limit ?? 100),
    }),
    'interactions.options': (_input, call) =>
      interactionOptions(call.ctx.db, call.session!.agent.id, call.ctx.clock.now()),
    'interactions.log': (input, call) => {
      const interaction = logInteraction(call.ctx.db, actorOf(call), input)
      return { interaction, pending: pendingAfterChange(call) }
    },
    'followUps.complete': (input, call) => {
      const followUp = completeFollowUp(call.ctx.db, actorOf(call), call.session!.agent, input.followUpId)
      return { followUp, pending: pendingAfterChange(call) }
    },
    'workQueues.get': (input, call) =>
      workQueues(
        call.ctx.db,
        call.session!.agent,
        call.ctx.clock.now(),
        input.scope ?? 'mine',
        input.limit ?? 50,
      ),
  }
}
