import type { Db } from '../../db/open'
import { nextTurn } from './validate'

/** The largest part a document's bytes are stored in (migration 011). */
export const PART_BYTES = 1024 * 1024

/** `documents.file_path` of a row whose bytes are in `document_parts`. */
export const IN_PARTS = 'parts'

export type PartKind = 'content' | 'detached'

/**
 * Stores `bytes` as parts of `documentId`, each in its own transaction and its own turn of the event
 * loop: an 8 MiB upload becomes eight short writes instead of one long one. The document row is written
 * after all parts (the caller's mutation); until then the parts are invisible to every reader, and if
 * the row never comes, `removeParts` or the next start's `removeOrphanParts` takes them away.
 */
export async function writeParts(db: Db, documentId: string, kind: PartKind, bytes: Buffer): Promise<void> {
  const insert = db.prepare('INSERT INTO document_parts (document_id, kind, part, bytes) VALUES (?, ?, ?, ?)')
  for (let part = 0, offset = 0; offset < bytes.length; part++, offset += PART_BYTES) {
    await nextTurn()
    insert.run(documentId, kind, part, bytes.subarray(offset, offset + PART_BYTES))
  }
}

export function removeParts(db: Db, documentId: string): void {
  db.prepare('DELETE FROM document_parts WHERE document_id = ?').run(documentId)
}

/** Parts whose document row was never committed (the process stopped between the two). */
export function removeOrphanParts(db: Db): number {
  return db.prepare('DELETE FROM document_parts WHERE document_id NOT IN (SELECT id FROM documents)').run()
    .changes
}

/** The parts put back together; null when they are missing or do not add up to the recorded size. */
function readParts(db: Db, documentId: string, kind: PartKind, size: number | null): Buffer | null {
  const parts = db
    .prepare('SELECT bytes FROM document_parts WHERE document_id = ? AND kind = ? ORDER BY part')
    .pluck()
    .all(documentId, kind) as Buffer[]
  if (parts.length === 0) return null
  const bytes = Buffer.concat(parts)
  return size === null || bytes.length === size ? bytes : null
}

/** The stored bytes: inline (rows before migration 011) or in parts; null when this desk lacks them. */
export function readContent(db: Db, id: string): Buffer | null {
  const row = db.prepare('SELECT content, file_path, size_bytes FROM documents WHERE id = ?').get(id) as
    { content: Buffer | null; file_path: string | null; size_bytes: number } | undefined
  if (!row) return null
  if (row.content) return row.content
  return row.file_path === IN_PARTS ? readParts(db, id, 'content', row.size_bytes) : null
}

/** The signed file stored with a detached .p7s, or null. */
export function readDetached(db: Db, id: string): { name: string; bytes: Buffer } | null {
  const row = db
    .prepare('SELECT detached_name, detached_content, detached_size FROM documents WHERE id = ?')
    .get(id) as
    | { detached_name: string | null; detached_content: Buffer | null; detached_size: number | null }
    | undefined
  if (!row?.detached_name) return null
  const bytes = row.detached_content ?? readParts(db, id, 'detached', row.detached_size)
  return bytes ? { name: row.detached_name, bytes } : null
}
