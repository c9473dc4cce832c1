import { createBackend } from '../../src/backend'
import { foldForSearch } from '../../src/core/contact/fold'
import { refreshSearchIndex } from '../../src/backend/services/customers/search-index'
import { demoDatabase } from './demo-db'
import { percentile, type Benchmark } from './harness'

const ROUNDS = 5

interface Sample {
  first_name: string | null
  last_name: string | null
  company_name: string | null
  personal_code: string | null
  customer_number: string
  email: string | null
  phone: string | null
  subscriber_number: string
  metering_point_id: string
  serial: string
  street: string
  house: string
}

/**
 * Customer search through dispatch (as the renderer calls it: session check, validation, service,
 * output check) on the seeded 200,000-customer database. The query mix is drawn from the data the
 * way agents type: surnames and full names without diacritics, surname prefixes as typed so far,
 * address fragments (`brivibas 12`), and identifiers — personal code with hyphen, customer, subscriber
 * and metering point numbers, meter serial, e-mail, and phones spelt `2612 3456` and `+371...`.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'customer search (200k customers)',
    async run() {
      const { file } = await demoDatabase()
      const backend = await createBackend({ dbFile: file, shell: 'test', demoAgents: true })
      try {
        const start = performance.now()
        const indexed = refreshSearchIndex(backend.ctx.db)
        const indexMs = performance.now() - start
        const signIn = await backend.dispatch(
          'session.signIn',
          { username: 'liga', password: 'liga-demo' },
          'bench',
        )
        if (!signIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signIn.error)}`)
        const rows = backend.ctx.db
          .prepare(
            `SELECT c.first_name, c.last_name, c.company_name, c.personal_code, c.customer_number, c.email, c.phone,
               p.subscriber_number, m.metering_point_id, m.serial, p.street, p.house
             FROM customers c JOIN premises p ON p.customer_id = c.id JOIN meters m ON m.premise_id = p.id
             WHERE c.rid % 997 = 0 LIMIT 150`,
          )
          .all() as Sample[]
        const queries: string[] = []
        for (const r of rows) {
          const last = foldForSearch(r.last_name ?? r.company_name ?? '')
          queries.push(last, last.slice(0, 4), `${foldForSearch(r.first_name ?? '')} ${last}`.trim())
          queries.push(`${foldForSearch(r.street).split(' ')[0]} ${r.house.replace(/\D.*$/u, '')}`)
          if (r.personal_code) queries.push(`${r.personal_code.slice(0, 6)}-${r.personal_code.slice(6)}`)
          queries.push(r.customer_number, r.subscriber_number, r.metering_point_id, r.serial)
          if (r.email) queries.push(r.email)
          if (r.phone?.startsWith('+371')) queries.push(`${r.phone.slice(4, 8)} ${r.phone.slice(8)}`, r.phone)
        }
        const before = process.memoryUsage()
        const times: number[] = []
        let hits = 0
        for (let round = 0; round < ROUNDS; round++) {
          for (const query of queries) {
            const t = performance.now()
            const r = await backend.dispatch('customers.search', { query }, 'bench')
            const ms = performance.now() - t
            if (!r.ok) throw new Error(`search failed for ${query}: ${JSON.stringify(r.error)}`)
            if (round > 0) times.push(ms) // the first round warms the page cache
            if (round === 0 && (r.value as { hits: unknown[] }).hits.length > 0) hits++
          }
        }
        const mem = process.memoryUsage()
        return [
          { name: `index refresh at start (${indexed} customers re-indexed)`, unit: 'ms', value: indexMs },
          {
            name: `queries in the mix (${queries.length}), found something`,
            unit: '%',
            value: (100 * hits) / queries.length,
            target: { min: 99 },
          },
          { name: 'customer search p50', unit: 'ms', value: percentile(times, 50) },
          { name: 'customer search p95', unit: 'ms', value: percentile(times, 95), target: { max: 10 } },
          { name: 'customer search p99', unit: 'ms', value: percentile(times, 99), target: { max: 25 } },
          { name: 'customer search max', unit: 'ms', value: Math.max(...times) },
          // The whole bench process (other bench modules loaded by the runner included) ...
          { name: 'process RSS after search', unit: 'MB', value: mem.rss / 2 ** 20 },
          { name: 'JS heap used after search', unit: 'MB', value: mem.heapUsed / 2 ** 20 },
          // ... and what the searches themselves added (SQLite page cache, statements, results).
          { name: 'RSS growth during the searches', unit: 'MB', value: (mem.rss - before.rss) / 2 ** 20 },
        ]
      } finally {
        backend.close()
      }
    },
  },
]
