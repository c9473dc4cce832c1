import type { readingsMethods } from '../../contract/methods/readings'
import { actorOf, type Handlers } from '../context'
import { evaluate, lookupMeters, meterCard, meterHistory, recordReading } from '../services/readings'
import { readSyncStatus } from '../services/sync-status'

export function readingsHandlers(): Handlers<typeof readingsMethods> {
  return {
    'reading.lookup': (input, { ctx }) => lookupMeters(ctx.db, input.identifier, ctx.clock.now()),
    'reading.meter': (input, { ctx }) => meterCard(ctx.db, input.meterId, ctx.clock.now()),
    'reading.validate': (input, { ctx }) => evaluate(ctx.db, input, ctx.clock.now()).result,
    'reading.record': (input, call) => {
      const { ctx } = call
      const recorded = recordReading(ctx.db, actorOf(call), input)
      // The status bar's pending count: everything is local until the sync client pushes the outbox.
      const status = readSyncStatus(ctx.db, false)
      ctx.events.emit('sync.status', status)
      return { ...recorded, pending: status.pending }
    },
    'reading.history': (input, { ctx }) =>
      meterHistory(ctx.db, input.meterId, ctx.clock.now(), input.endMonth),
  }
}
