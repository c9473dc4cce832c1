import type { Migration } from './index'

/*
 * Customer search (issue 3): one FTS5 document per customer, rowid = customers.rid.
 * - unicode61 with remove_diacritics 2 folds Latvian letters in the index and in the query alike, so
 *   `berzins` meets `Bērziņš`; prefix indexes of 2 and 3 characters keep as-you-type prefix queries cheap.
 *   (Trigram was rejected: it cannot index the 1-2 character parts agents type, like the `12` of
 *   `brivibas 12`.)
 * - Contentless with contentless_delete: the text lives in customers/premises/meters already.
 * - Triggers only mark a customer as changed (`customer_search_dirty`), which costs one tiny insert per
 *   row even while 200,000 customers are seeded; services/customers/search-index.ts rebuilds the marked
 *   documents in one statement (after each customer mutation, before each search, and once at the end of
 *   seeding), so whoever writes these tables — an agent, the seed, the sync pull — the index follows.
 */
export const m003CustomerSearch: Migration = {
  version: 3,
  name: 'customer-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE customer_search USING fts5(
        name, ids, contact, address,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      -- Identifiers weigh most, then the name, contacts, and the address least.
      INSERT INTO customer_search (customer_search, rank) VALUES ('rank', 'bm25(4.0, 10.0, 3.0, 1.0)');

      -- Exact look-ups by contract number (the other identifiers have their indexes already).
      CREATE INDEX premises_contract ON premises(contract_number) WHERE contract_number IS NOT NULL;

      CREATE TABLE customer_search_dirty (rid INTEGER PRIMARY KEY) STRICT;

      CREATE TRIGGER customer_search_c_ins AFTER INSERT ON customers BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid) VALUES (new.rid);
      END;
      CREATE TRIGGER customer_search_c_upd AFTER UPDATE ON customers BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid) VALUES (new.rid), (old.rid);
      END;
      CREATE TRIGGER customer_search_c_del AFTER DELETE ON customers BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid) VALUES (old.rid);
      END;

      CREATE TRIGGER customer_search_p_ins AFTER INSERT ON premises BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid) SELECT rid FROM customers WHERE id = new.customer_id;
      END;
      CREATE TRIGGER customer_search_p_upd AFTER UPDATE ON premises BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid)
          SELECT rid FROM customers WHERE id IN (new.customer_id, old.customer_id);
      END;
      CREATE TRIGGER customer_search_p_del AFTER DELETE ON premises BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid) SELECT rid FROM customers WHERE id = old.customer_id;
      END;

      CREATE TRIGGER customer_search_m_ins AFTER INSERT ON meters BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid)
          SELECT c.rid FROM premises p JOIN customers c ON c.id = p.customer_id WHERE p.id = new.premise_id;
      END;
      CREATE TRIGGER customer_search_m_upd AFTER UPDATE ON meters BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid)
          SELECT c.rid FROM premises p JOIN customers c ON c.id = p.customer_id
          WHERE p.id IN (new.premise_id, old.premise_id);
      END;
      CREATE TRIGGER customer_search_m_del AFTER DELETE ON meters BEGIN
        INSERT OR IGNORE INTO customer_search_dirty (rid)
          SELECT c.rid FROM premises p JOIN customers c ON c.id = p.customer_id WHERE p.id = old.premise_id;
      END;

      -- Customers that existed before this version get indexed by the first rebuild.
      INSERT INTO customer_search_dirty (rid) SELECT rid FROM customers;
    `)
  },
}
