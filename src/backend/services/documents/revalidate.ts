import { ApiError } from '../../../contract'
import type { DocumentDetail } from '../../../contract/methods/documents'
import type { BackendContext } from '../../context'
import { recordAccess, type MutationActor } from '../../db/mutations'
import { getRow, parseValidation, toDetail } from './rows'
import { readContent, readDetached } from './content'
import { isFileLimit, validateNow } from './validate'

/**
 * Validation again, now: for INDETERMINATE documents whose evidence may have arrived (refreshed trusted
 * lists, the test-PKI setting, later online OCSP). The report is local derived data, so this is an
 * audited local change (before/after status), not a synced mutation.
 */
export async function revalidateDocument(
  ctx: BackendContext,
  actor: MutationActor,
  id: string,
): Promise<DocumentDetail> {
  const row = getRow(ctx.db, id)
  if (!row) throw new ApiError('NOT_FOUND', 'documents.review.errors.notFound')
  const bytes = readContent(ctx.db, id)
  if (!bytes) throw new ApiError('UNAVAILABLE', 'documents.review.errors.contentMissing')
  const before = parseValidation(row.validation)
  // A file the checker stops (memory or time cap) keeps its stored report; the error says why.
  const { report, testPki } = await validateNow(ctx, bytes, row.filename, readDetached(ctx.db, id)?.bytes)
  const next = { report, testPki }
  const at = new Date(actor.nowMs).toISOString()
  ctx.db.transaction(() => {
    ctx.db
      .prepare('UPDATE documents SET validation = ?, validated_at = ? WHERE id = ?')
      .run(JSON.stringify(next), at, id)
    recordAccess(ctx.db, actor, {
      action: 'document.revalidate',
      customerId: row.customer_id,
      entityType: 'document',
      entityId: id,
      before: { status: before?.report.status ?? null, testPki: before?.testPki ?? false },
      after: { status: next.report.status, testPki: next.testPki },
    })
  })()
  const after = getRow(ctx.db, id)
  if (!after) throw new Error('document vanished after revalidation')
  return toDetail(after)
}

/**
 * Every undecided document that could not be confirmed (or, with `allUndecided`, every undecided one:
 * used when the trust data changes, since that can also withdraw a VALID verdict).
 */
export async function revalidatePending(
  ctx: BackendContext,
  actor: MutationActor,
  allUndecided = false,
): Promise<{ checked: number; changed: number }> {
  const ids = ctx.db
    .prepare(
      `SELECT id, json_extract(validation, '$.report.status') AS status FROM documents
       WHERE decision IS NULL ${allUndecided ? '' : "AND (validation IS NULL OR json_extract(validation, '$.report.status') = 'INDETERMINATE')"}
       ORDER BY received_at`,
    )
    .all() as { id: string; status: string | null }[]
  let changed = 0
  for (const { id, status } of ids) {
    try {
      const out = await revalidateDocument(ctx, actor, id)
      if (out.status !== status) changed++
    } catch (e) {
      // One file over the checker's caps must not stop the others; it keeps its stored report.
      if (!isFileLimit(e)) throw e
    }
  }
  return { checked: ids.length, changed }
}
