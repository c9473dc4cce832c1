import type { Migration } from './index'

/*
 * Balanced-payment statements (issue 10): what the customer actually paid towards each month, beside
 * the scheduled instalment, so a printed statement can show scheduled, paid, cost and the running
 * difference as separate figures that add up. NULL for statements cached before this column existed:
 * their print spreads the statement's stored total paid over the months, oldest instalment first.
 */
export const m004StatementPayments: Migration = {
  version: 4,
  name: 'statement-payments',
  up(db) {
    db.exec(`
      ALTER TABLE statement_lines ADD COLUMN paid_cents INTEGER CHECK (paid_cents IS NULL OR paid_cents >= 0);
    `)
  },
}
