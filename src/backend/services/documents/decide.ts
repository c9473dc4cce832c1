import { ApiError } from '../../../contract'
import type { DocumentDetail } from '../../../contract/methods/documents'
import type { BackendContext } from '../../context'
import { commitMutation, type MutationActor } from '../../db/mutations'
import { getRow, toDetail } from './rows'

export interface DecideInput {
  id: string
  decision: 'accepted' | 'rejected'
  reason: string
}

/**
 * The agent's decision, a synced mutation. The first final decision wins (SYNC.md): repeating the same
 * decision changes nothing; a different one is a CONFLICT naming the decision that stands.
 */
export function decideDocument(
  ctx: BackendContext,
  actor: MutationActor,
  input: DecideInput,
): DocumentDetail {
  const row = getRow(ctx.db, input.id)
  if (!row) throw new ApiError('NOT_FOUND', 'documents.review.errors.notFound')
  if (row.decision === input.decision) return toDetail(row)
  if (row.decision === 'accepted' || row.decision === 'rejected')
    throw conflict(row.decision, row.decided_by_name)
  const at = new Date(actor.nowMs).toISOString()
  commitMutation(
    ctx.db,
    actor,
    {
      name: 'document.decide',
      entityType: 'document',
      entityId: row.id,
      customerId: row.customer_id,
      baseVersion: row.version,
      args: { id: row.id, decision: input.decision, reason: input.reason },
    },
    () => {
      // Guarded again inside the write transaction: only an undecided (or needs_info) row changes.
      const changed = ctx.db
        .prepare(
          `UPDATE documents SET decision = ?, decided_by = ?, decided_at = ?, decision_reason = ?,
             version = version + 1
           WHERE id = ? AND (decision IS NULL OR decision = 'needs_info')`,
        )
        .run(input.decision, actor.agentId, at, input.reason, row.id).changes
      if (changed !== 1) throw conflict(null, null)
      return {
        result: null,
        before: { decision: row.decision },
        after: { decision: input.decision },
        reason: input.reason,
      }
    },
  )
  const after = getRow(ctx.db, row.id)
  if (!after) throw new Error('document vanished after decision')
  return toDetail(after)
}

function conflict(decision: string | null, by: string | null): ApiError {
  return new ApiError('CONFLICT', 'documents.review.errors.alreadyDecided', {
    ...(decision ? { decision } : {}),
    ...(by ? { by } : {}),
  })
}
