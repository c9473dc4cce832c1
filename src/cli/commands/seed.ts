import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { openDatabase } from '../../backend/db/open'
import { DEFAULT_BILLING_MONTHS, seedDatabase, todayInRiga } from '../../backend/seed'

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Fill a new workstation database with deterministic demo data',
  usage:
    'gasdesk seed --db FILE --customers N [--seed S] [--today YYYY-MM-DD] [--billing-months N (default 12)] [--quiet]',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        customers: { type: 'string' },
        seed: { type: 'string', default: '1' },
        today: { type: 'string' },
        'billing-months': { type: 'string', default: String(DEFAULT_BILLING_MONTHS) },
        quiet: { type: 'boolean', default: false },
      },
      strict: true,
    })
    if (!values.db) throw new UsageError('--db FILE is required')
    const customers = Number(values.customers)
    if (!Number.isInteger(customers) || customers < 1)
      throw new UsageError('--customers N must be a positive integer')
    const billingMonths = Number(values['billing-months'])
    if (!Number.isInteger(billingMonths) || billingMonths < 0 || billingMonths > 23)
      throw new UsageError('--billing-months N must be a whole number from 0 to 23')
    // "Today" places the reading history; everything else follows from the seed.
    const today = values.today ?? todayInRiga(Date.now())
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today must be YYYY-MM-DD')
    const db = openDatabase(values.db)
    try {
      const report = await seedDatabase(db, {
        customers,
        seed: values.seed,
        today,
        billingMonths,
        log: values.quiet ? undefined : (m) => process.stderr.write(`\r${m}      `),
      })
      if (!values.quiet) process.stderr.write('\n')
      console.log(JSON.stringify(report, null, 2))
    } finally {
      db.close()
    }
    return 0
  },
}
