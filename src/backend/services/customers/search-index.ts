import { nameSearchText } from '../../../core/contact/transliterate'
import { PERSONAL_CODE_INDEXED_DIGITS } from '../../../core/customers/search-query'
import type { Db } from '../../db/open'

/*
 * One document per customer (see migrations 003 and 004). Phones are indexed as their 8 national digits
 * and as the full international digits, so `2612 3456`, `+37126123456` and `0037126123456` all meet them.
 * Of a personal code only the date-of-birth part (the first six digits, shown on every hit as
 * `161175-*****`) is indexed: prefix queries must never reveal the rest (issue 11), so the whole code is
 * matched through the customers_personal_code index instead (services/customers/search.ts). For the same
 * reason a VAT number that is `LV` + a personal code is left out. Names written in Cyrillic are indexed
 * with their Latin spellings too (the JS function is only called for names with a Cyrillic letter, so a
 * rebuild of 200,000 Latin names costs no more than before), and an apartment also as `dz38`.
 */
const DOC = `
  SELECT c.rid AS rowid,
    CASE WHEN concat_ws(' ', c.first_name, c.last_name, c.company_name) GLOB '*[Ѐ-ӿ]*'
      THEN gasdesk_name_text(concat_ws(' ', c.first_name, c.last_name, c.company_name))
      ELSE concat_ws(' ', c.first_name, c.last_name, c.company_name) END AS name,
    concat_ws(' ', c.customer_number, substr(c.personal_code, 1, ${PERSONAL_CODE_INDEXED_DIGITS}),
      c.registration_no, CASE WHEN c.vat_no NOT GLOB 'LV[0-3]*' THEN c.vat_no END,
      CASE WHEN c.phone LIKE '+371%' THEN substr(c.phone, 5) END, substr(c.phone, 2),
      (SELECT group_concat(concat_ws(' ', p.subscriber_number, p.contract_number), ' ')
         FROM premises p WHERE p.customer_id = c.id),
      (SELECT group_concat(concat_ws(' ', m.metering_point_id, m.serial), ' ')
         FROM premises p JOIN meters m ON m.premise_id = p.id WHERE p.customer_id = c.id)) AS ids,
    coalesce(c.email, '') AS contact,
    concat_ws(' ', c.addr_street, c.addr_house, c.addr_apartment, 'dz' || c.addr_apartment, c.addr_city,
      c.addr_postal_code,
      (SELECT group_concat(concat_ws(' ', p.street, p.house, p.apartment, 'dz' || p.apartment, p.city,
         p.postal_code), ' ')
         FROM premises p WHERE p.customer_id = c.id)) AS address
  FROM customers c`

const statements = new WeakMap<Db, ReturnType<typeof prepare>>()
function prepare(db: Db) {
  registerSearchFunctions(db)
  return {
    anyDirty: db.prepare('SELECT 1 FROM customer_search_dirty LIMIT 1').pluck(),
    drop: db.prepare('DELETE FROM customer_search WHERE rowid IN (SELECT rid FROM customer_search_dirty)'),
    add: db.prepare(`INSERT INTO customer_search (rowid, name, ids, contact, address)
      ${DOC} WHERE c.rid IN (SELECT rid FROM customer_search_dirty)`),
    clear: db.prepare('DELETE FROM customer_search_dirty'),
  }
}

/** The SQL functions the index documents use; deterministic, so SQLite may call them as it likes. */
export function registerSearchFunctions(db: Db): void {
  db.function('gasdesk_name_text', { deterministic: true }, (name: unknown) =>
    nameSearchText(typeof name === 'string' ? name : null),
  )
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
