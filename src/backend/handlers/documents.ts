import { ApiError } from '../../contract'
import type { documentMethods } from '../../contract/methods/documents'
import { actorOf, type Handlers } from '../context'
import { recordAccess } from '../db/mutations'
import {
  addDocument,
  decideDocument,
  documentAudit,
  documentFile,
  getRow,
  listRows,
  readTrustTestPki,
  revalidateDocument,
  revalidatePending,
  toDetail,
  toSummary,
  trustState,
  writeTrustTestPki,
} from '../services/documents'
import { readSyncStatus } from '../services/sync-status'

export function documentHandlers(): Handlers<typeof documentMethods> {
  return {
    'document.list': (input, { ctx }) => ({
      items: listRows(ctx.db, {
        customerId: input.customerId,
        pending: input.pending,
        limit: input.limit ?? 200,
      }).map(toSummary),
    }),
    'document.get': (input, call) => {
      const row = getRow(call.ctx.db, input.id)
      if (!row) throw new ApiError('NOT_FOUND', 'documents.review.errors.notFound')
      recordAccess(call.ctx.db, actorOf(call), {
        action: 'document.view',
        customerId: row.customer_id,
        entityType: 'document',
        entityId: row.id,
      })
      return toDetail(row)
    },
    'document.add': async (input, call) => {
      const out = await addDocument(call.ctx, actorOf(call), input)
      call.ctx.events.emit('sync.status', readSyncStatus(call.ctx.db, call.ctx.sync?.state))
      return out
    },
    'document.decide': (input, call) => {
      const out = decideDocument(call.ctx, actorOf(call), input)
      call.ctx.events.emit('sync.status', readSyncStatus(call.ctx.db, call.ctx.sync?.state))
      return out
    },
    'document.revalidate': (input, call) => revalidateDocument(call.ctx, actorOf(call), input.id),
    'document.revalidatePending': (_input, call) => revalidatePending(call.ctx, actorOf(call)),
    'document.file': (input, call) => {
      const { customerId, ...file } = documentFile(call.ctx, input.id, input.name)
      recordAccess(call.ctx.db, actorOf(call), {
        action: 'document.file',
        customerId,
        entityType: 'document',
        entityId: input.id,
        after: { file: file.name, size: file.size },
      })
      return file
    },
    'document.audit': (input, { ctx }) => {
      const row = getRow(ctx.db, input.id)
      if (!row) throw new ApiError('NOT_FOUND', 'documents.review.errors.notFound')
      return documentAudit(ctx.db, row.customer_id, row.id)
    },
    'document.trust': (_input, { ctx }) => trustState(ctx),
    // A workstation setting (not synced): audited with before/after; a change of trust re-validates
    // every undecided document, since it can make a verdict both better and worse.
    'document.setTrustTestPki': async (input, call) => {
      const { db } = call.ctx
      const before = readTrustTestPki(db)
      if (before !== input.trustTestPki) {
        const actor = actorOf(call)
        db.transaction(() => {
          writeTrustTestPki(db, input.trustTestPki)
          recordAccess(db, actor, {
            action: 'document.setTrustTestPki',
            entityType: 'settings',
            before: { trustTestPki: before },
            after: { trustTestPki: input.trustTestPki },
          })
        })()
        await revalidatePending(call.ctx, actor, true)
      }
      return trustState(call.ctx)
    },
  }
}
