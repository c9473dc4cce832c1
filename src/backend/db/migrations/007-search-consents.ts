import type { Migration } from './index'

/*
 * Issues 10 and 11 (desk-c):
 * - The customer search index drops whole personal codes (only the date-of-birth part stays, so prefix
 *   queries cannot recover the rest), adds Latin spellings of Cyrillic names and `dz<N>` apartment words.
 *   Version 3 documents hold the whole code, so they are all removed here ('delete-all' on a contentless
 *   table is one cheap operation) and every customer is marked for re-indexing; the next
 *   refreshSearchIndex (the backend runs one right after opening) rebuilds them with the new documents.
 * - Consents record how the customer gave them (`obtained_via`: visit, phone, e-mail, letter — what the
 *   agent asks before recording a legal consent) and an undo is its own row pointing at the choice it
 *   takes back (`undoes_id`), so the history shows both.
 */
export const m007SearchConsents: Migration = {
  version: 7,
  name: 'search-consents',
  up(db) {
    db.exec(`
      INSERT INTO customer_search (customer_search) VALUES ('delete-all');
      INSERT OR IGNORE INTO customer_search_dirty (rid) SELECT rid FROM customers;

      ALTER TABLE consents ADD COLUMN obtained_via TEXT
        CHECK (obtained_via IS NULL OR obtained_via IN ('visit', 'phone', 'email', 'letter', 'portal'));
      ALTER TABLE consents ADD COLUMN undoes_id TEXT REFERENCES consents(id);
    `)
  },
}
