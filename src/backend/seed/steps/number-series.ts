import type { SeedContext, SeedStep } from '../context'

/**
 * Leaves the business-number series just past what the seed used, so numbers issued on this desk
 * afterwards never collide with demo data. The ranges stand in for the ones the centre pre-allocates.
 */
export const numberSeriesStep: SeedStep = {
  name: 'number-series',
  summary: 'customer, subscriber and contract number ranges',
  run(ctx: SeedContext) {
    const { db } = ctx
    const max = (sql: string) => ((db.prepare(sql).get() as { n: number | null }).n ?? 0) + 1
    const upsert = db.prepare(`INSERT INTO number_series (name, prefix, next_value, range_end, pad_to)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET next_value = max(next_value, excluded.next_value)`)
    db.transaction(() => {
      upsert.run(
        'customer',
        '',
        max('SELECT max(CAST(customer_number AS INTEGER)) AS n FROM customers'),
        99_999_999,
        8,
      )
      upsert.run(
        'subscriber',
        '',
        max('SELECT max(CAST(subscriber_number AS INTEGER)) AS n FROM premises'),
        999_999_999,
        9,
      )
      upsert.run(
        'metering_point',
        'A',
        max('SELECT max(CAST(substr(metering_point_id, 2) AS INTEGER)) AS n FROM meters'),
        999_999_999,
        9,
      )
    })()
  },
}
