import type { Migration } from './index'

/*
 * Issue 14: a detached CMS signature (.p7s) is added together with the file it signs. The signed file is
 * kept beside the signature in the same row (validation and re-validation need both); its name, size and
 * hash travel in the outbox like the signature's.
 */
export const m008DetachedContent: Migration = {
  version: 8,
  name: 'detached-content',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN detached_name TEXT;
      ALTER TABLE documents ADD COLUMN detached_content BLOB;
      ALTER TABLE documents ADD COLUMN detached_size INTEGER CHECK (detached_size IS NULL OR detached_size > 0);
      ALTER TABLE documents ADD COLUMN detached_sha256 TEXT
        CHECK (detached_sha256 IS NULL OR (length(detached_sha256) = 64 AND detached_sha256 NOT GLOB '*[^0-9a-f]*'));
    `)
  },
}
