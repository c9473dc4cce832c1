import {
  applied,
  blocked,
  conflict,
  rejected,
  type Decision,
  type DecideContext,
  type SyncStateView,
} from './types'

export interface DocumentAddIntent {
  id: string
  customerId: string
  fileName: string
  mediaType: string
  size: number
  sha256: string
}
export interface DocumentDecideIntent {
  id: string
  decision: 'accepted' | 'rejected'
  reason: string
}

/** A document is added once its bytes are complete on the central (else: blocked, sent again later). */
export function decideDocumentAdd(
  state: SyncStateView,
  args: DocumentAddIntent,
  ctx: DecideContext,
): Decision {
  if (state.document(args.id)) return applied({}, { documentId: args.id })
  if (!state.customer(args.customerId)) return rejected('not-found', { customerId: args.customerId })
  if (!state.blobComplete(args.sha256)) return blocked('blob-missing', { sha256: args.sha256 })
  const same = state.documentBySha(args.customerId, args.sha256)
  if (same) return rejected('duplicate-document', { documentId: same.id })
  return applied(
    {
      documents: [
        {
          id: args.id,
          customer_id: args.customerId,
          filename: args.fileName,
          mime: args.mediaType,
          size_bytes: args.size,
          sha256: args.sha256,
          decision: null,
          decided_by: null,
          decided_at: null,
          decision_reason: null,
          received_at: ctx.now,
          version: 1,
        },
      ],
    },
    { documentId: args.id },
  )
}

/** The server's state machine: the first final decision wins; the same decision again merges. */
export function decideDocumentDecision(
  state: SyncStateView,
  args: DocumentDecideIntent,
  ctx: DecideContext,
): Decision {
  const d = state.document(args.id)
  if (!d) return rejected('not-found', { documentId: args.id })
  if (d.decision === args.decision) return applied({}, { decision: d.decision })
  if (d.decision === 'accepted' || d.decision === 'rejected')
    return conflict('already-decided', {
      documentId: d.id,
      standing: { decision: d.decision, by: d.decided_by, at: d.decided_at, reason: d.decision_reason },
      mine: { decision: args.decision, reason: args.reason },
    })
  return applied(
    {
      documents: [
        {
          ...d,
          decision: args.decision,
          decided_by: ctx.agentId,
          decided_at: ctx.now,
          decision_reason: args.reason,
          version: d.version + 1,
        },
      ],
    },
    { decision: args.decision },
  )
}
