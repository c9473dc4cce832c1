import { createHash } from 'node:crypto'
import type { BackendContext } from '../../context'
import type { Db } from '../../db/open'
import { validateDocument } from '../../signatures'
import type { StoredValidation } from './rows'
import { trustFor } from './trust'

/** Validation as the desk runs it: now, the bundled lists, the test PKI only when the setting is on. */
export function validateNow(
  ctx: BackendContext,
  bytes: Buffer,
  fileName: string,
  content?: Buffer | null,
): StoredValidation {
  const trust = trustFor(ctx)
  const report = validateDocument(bytes, fileName, {
    validationTime: new Date(ctx.clock.now()),
    trustStore: trust.loaded.store,
    // The file a detached .p7s signs (stored beside it).
    ...(content ? { content } : {}),
  })
  return { report, testPki: trust.testPki }
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The signed file stored with a detached .p7s, or null. */
export function readDetached(db: Db, id: string): { name: string; bytes: Buffer } | null {
  const row = db.prepare('SELECT detached_name, detached_content FROM documents WHERE id = ?').get(id) as
    { detached_name: string | null; detached_content: Buffer | null } | undefined
  return row?.detached_name && row.detached_content
    ? { name: row.detached_name, bytes: row.detached_content }
    : null
}

/** The stored bytes. Inline BLOBs only for now (see README in this folder). */
export function readContent(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT content FROM documents WHERE id = ?').get(id) as
    { content: Buffer | null } | undefined
  return row?.content ?? null
}
