import type { Db } from '../../db/open'

/*
 * One document per customer (see migration 003). Phones are indexed as their 8 national digits and as
 * the full international digits, so `2612 3456`, `+37126123456` and `0037126123456` all meet them;
 * personal codes are stored without the hyphen and the query drops it too.
 */
const DOC = `
  SELECT c.rid AS rowid,
    concat_ws(' ', c.first_name, c.last_name, c.company_name) AS name,
    concat_ws(' ', c.customer_number, c.personal_code, c.registration_no, c.vat_no,
      CASE WHEN c.phone LIKE '+371%' THEN substr(c.phone, 5) END, substr(c.phone, 2),
      (SELECT group_concat(concat_ws(' ', p.subscriber_number, p.contract_number), ' ')
         FROM premises p WHERE p.customer_id = c.id),
      (SELECT group_concat(concat_ws(' ', m.metering_point_id, m.serial), ' ')
         FROM premises p JOIN meters m ON m.premise_id = p.id WHERE p.customer_id = c.id)) AS ids,
    coalesce(c.email, '') AS contact,
    concat_ws(' ', c.addr_street, c.addr_house, c.addr_apartment, c.addr_city, c.addr_postal_code,
      (SELECT group_concat(concat_ws(' ', p.street, p.house, p.apartment, p.city, p.postal_code), ' ')
         FROM premises p WHERE p.customer_id = c.id)) AS address
  FROM customers c`

const statements = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  return {
    anyDirty: db.prepare('SELECT 1 FROM customer_search_dirty LIMIT 1').pluck(),
    drop: db.prepare('DELETE FROM customer_search WHERE rowid IN (SELECT rid FROM customer_search_dirty)'),
    add: db.prepare(`INSERT INTO customer_search (rowid, name, ids, contact, address)
      ${DOC} WHERE c.rid IN (SELECT rid FROM customer_search_dirty)`),
    clear: db.prepare('DELETE FROM customer_search_dirty'),
  }
}

function stmts(db: Db) {
  let s = statements.get(db)
  if (!s) {
    s = prepare(db)
    statements.set(db, s)
  }
  return s
}

/**
 * Rebuilds the documents of every customer marked as changed. Cheap when nothing is marked (one indexed
 * probe), so search calls it every time. Runs inside the caller's transaction when there is one.
 */
export function refreshSearchIndex(db: Db): number {
  const s = stmts(db)
  if (s.anyDirty.get() === undefined) return 0
  const run = () => {
    s.drop.run()
    const { changes } = s.add.run()
    s.clear.run()
    return changes
  }
  return db.inTransaction ? run() : db.transaction(run).immediate()
}
