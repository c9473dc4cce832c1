import type { Migration } from './index'

/*
 * Issue 11 item 10: a document's bytes in parts of at most 1 MiB, each written in its own short
 * transaction, so storing an 8 MiB upload never holds the backend thread for one long write (the first
 * megabytes of a fresh WAL cost ~10 ms each). A row whose bytes are in parts has `file_path = 'parts'`
 * (like `central:<sha256>` for bytes held by the central); older rows keep theirs inline in `content`.
 * Parts are written before their document row commits; parts without a row (a crash in between) are
 * removed at the next start, and a deleted document takes its parts along.
 */
export const m011DocumentParts: Migration = {
  version: 11,
  name: 'document-parts',
  up(db) {
    db.exec(`
      CREATE TABLE document_parts (
        document_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('content', 'detached')),
        part INTEGER NOT NULL CHECK (part >= 0),
        bytes BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576),
        PRIMARY KEY (document_id, kind, part)
      ) STRICT;
      CREATE TRIGGER documents_delete_parts AFTER DELETE ON documents BEGIN
        DELETE FROM document_parts WHERE document_id = OLD.id;
      END;
    `)
  },
}
