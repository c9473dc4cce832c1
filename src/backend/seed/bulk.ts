import type { Statement } from 'better-sqlite3'
import type { Db } from '../db/open'

/** SQLite refuses a statement with more than 32,766 bound parameters. */
const MAX_PARAMS = 32_766

/**
 * Rows buffered and written by one multi-row INSERT per `rowsPerCall` rows: binding is cheap, each
 * statement call is not (a 5,000,000-row table costs minutes one call per row). Call `flush()` before the
 * transaction ends; rows are written in the order they were added.
 */
export class BulkInsert {
  private readonly params: unknown[] = []
  private readonly full: Statement
  private readonly perRow: number
  private readonly rowsPerCall: number
  private readonly partial = new Map<number, Statement>()

  /**
   * @param head `INSERT INTO t (a, b, c) VALUES`
   * @param row one row's VALUES tuple, e.g. `(?, ?, 1)`; its `?` count is the parameters per row
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly row: string,
    rowsPerCall = 500,
  ) {
    this.perRow = (row.match(/\?/g) ?? []).length
    if (this.perRow === 0) throw new Error('a bulk row needs parameters')
    this.rowsPerCall = Math.max(1, Math.min(rowsPerCall, Math.floor(MAX_PARAMS / this.perRow)))
    this.full = this.prepare(this.rowsPerCall)
  }

  /** Adds one row: exactly the row's parameters, in order. */
  add(...values: unknown[]): void {
    if (values.length !== this.perRow) throw new Error(`expected ${this.perRow} values, got ${values.length}`)
    for (const v of values) this.params.push(v)
    if (this.params.length === this.perRow * this.rowsPerCall) this.writeFull()
  }

  /** Adds the values of several rows at once (a multiple of the row's parameters). */
  addRows(values: readonly unknown[]): void {
    if (values.length % this.perRow !== 0) throw new Error(`values are not whole rows of ${this.perRow}`)
    const limit = this.perRow * this.rowsPerCall
    for (const v of values) {
      this.params.push(v)
      if (this.params.length === limit) this.writeFull()
    }
  }

  /** Writes what is buffered. */
  flush(): void {
    const n = this.params.length / this.perRow
    if (n === 0) return
    let stmt = this.partial.get(n)
    if (!stmt) {
      stmt = this.prepare(n)
      this.partial.set(n, stmt)
    }
    stmt.run(this.params)
    this.params.length = 0
  }

  private writeFull(): void {
    this.full.run(this.params)
    this.params.length = 0
  }

  private prepare(rows: number): Statement {
    return this.db.prepare(`${this.head} ${Array.from({ length: rows }, () => this.row).join(', ')}`)
  }
}

/**
 * Drops the secondary indexes of `tables` and returns a function that recreates them from their exact
 * stored definitions: building an index once over loaded rows is far cheaper than keeping it up to date
 * row by row (above all for keys that arrive in random order, like names). Unique and primary-key indexes
 * are kept, so constraints still hold, and so are the ones named in `keep` (the load itself uses them).
 */
export function dropSecondaryIndexes(
  db: Db,
  tables: readonly string[],
  keep: readonly string[] = [],
): () => void {
  if (tables.length === 0) return () => {}
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
    )
    .all(...tables) as { name: string; sql: string }[]
  const unique = indexes.filter((i) => /^\s*create\s+unique\b/i.test(i.sql))
  const dropped = indexes.filter((i) => !unique.includes(i) && !keep.includes(i.name))
  db.transaction(() => {
    for (const i of dropped) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`)
  })()
  let restored = false
  return () => {
    if (restored) return
    db.transaction(() => {
      for (const i of dropped) db.exec(i.sql)
    })()
    restored = true
  }
}
