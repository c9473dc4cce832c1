import type { readingsMethods } from '../../contract/methods/readings'
import { hasRight } from '../../contract'
import { actorOf, type CallContext, type Handlers } from '../context'
import { evaluate, lookupMeters, meterCard, meterHistory, recordReading } from '../services/readings'
import { readSyncStatus } from '../services/sync-status'

const mayCorrect = (call: CallContext) => hasRight(call.session?.agent.role, 'correctReadings')

export function readingsHandlers(): Handlers<typeof readingsMethods> {
  return {
    'reading.lookup': (input, { ctx }) => lookupMeters(ctx.db, input.identifier, ctx.clock.now()),
    'reading.meter': (input, { ctx }) => meterCard(ctx.db, input.meterId, ctx.clock.now()),
    'reading.validate': (input, call) =>
      evaluate(call.ctx.db, input, call.ctx.clock.now(), mayCorrect(call)).result,
    'reading.record': (input, call) => {
      const { ctx } = call
      const recorded = recordReading(ctx.db, actorOf(call), input, mayCorrect(call))
      // The status bar's pending count: everything is local until the sync client pushes the outbox.
      const status = readSyncStatus(ctx.db, ctx.sync?.state)
      ctx.events.emit('sync.status', status)
      const { card, windowState } = meterCard(ctx.db, input.meterId, ctx.clock.now())
      return { ...recorded, pending: status.pending, card, windowState, syncStatus: status }
    },
    'reading.history': (input, { ctx }) =>
      meterHistory(ctx.db, input.meterId, ctx.clock.now(), input.endMonth),
  }
}
