import type { Db } from '../../db/open'
import { ApiError } from '../../../contract'

/** Local fallback ranges when the centre has not allocated one yet (a fresh, unseeded desk). */
const DEFAULTS: Record<string, { prefix: string; start: number; end: number; pad: number }> = {
  customer: { prefix: '', start: 90_000_000, end: 99_999_999, pad: 8 },
  subscriber: { prefix: '', start: 900_000_000, end: 999_999_999, pad: 9 },
}

/** Issues the next business number from the pre-allocated range; call inside the mutation's transaction. */
export function issueNumber(db: Db, series: 'customer' | 'subscriber'): string {
  const d = DEFAULTS[series]
  db.prepare(
    `INSERT INTO number_series (name, prefix, next_value, range_end, pad_to) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO NOTHING`,
  ).run(series, d.prefix, d.start, d.end, d.pad)
  const row = db
    .prepare(
      `UPDATE number_series SET next_value = next_value + 1 WHERE name = ? AND next_value <= range_end
       RETURNING prefix, next_value - 1 AS value, pad_to`,
    )
    .get(series) as { prefix: string; value: number; pad_to: number } | undefined
  if (!row) throw new ApiError('CONFLICT', 'customers.errors.numberRangeExhausted', { series })
  return `${row.prefix}${String(row.value).padStart(row.pad_to, '0')}`
}
