import { parseArgs } from 'node:util'
import type { Command } from '../command'
import { UsageError } from '../command'
import { rigaToday } from '../../core/calendar'
import { DEFAULT_BILLING_MONTHS } from '../../backend/seed'
import { seedNewDatabase } from '../../backend/seed/new-file'
import { statusLine } from '../progress'

/** The 200,000-customer benchmark database is the largest anyone needs; a million is the hard stop. */
export const MAX_CUSTOMERS = 1_000_000

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Create a new workstation database filled with deterministic demo data',
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
    const customers = /^\d+$/.test(values.customers ?? '') ? Number(values.customers) : NaN
    if (!Number.isSafeInteger(customers) || customers < 1 || customers > MAX_CUSTOMERS)
      throw new UsageError(
        `--customers N must be a whole number from 1 to ${MAX_CUSTOMERS.toLocaleString('en')}, got ${values.customers ?? 'nothing'}`,
      )
    const billingMonths = Number(values['billing-months'])
    if (!Number.isInteger(billingMonths) || billingMonths < 0 || billingMonths > 23)
      throw new UsageError('--billing-months N must be a whole number from 0 to 23')
    // "Today" places the reading history; everything else follows from the seed.
    const today = values.today ?? rigaToday(Date.now())
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today must be YYYY-MM-DD')
    const status = statusLine()
    // A new file only (an existing one is refused), written under a temporary name and renamed when
    // complete: an interrupted seed leaves nothing that could pass for a database.
    try {
      const report = await seedNewDatabase(values.db, {
        customers,
        seed: values.seed,
        today,
        billingMonths,
        log: values.quiet ? undefined : (m) => status.show(m),
      })
      status.end()
      console.log(JSON.stringify(report, null, 2))
    } finally {
      status.end()
    }
    return 0
  },
}
