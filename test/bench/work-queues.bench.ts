import { createBackend } from '../../src/backend'
import { BENCH_CUSTOMERS, demoDatabase } from './demo-db'
import { note, percentile, type Benchmark } from './harness'

const ROUNDS = 200
/** GASDESK_QUEUE_BENCH_CUSTOMERS picks a smaller demo database (the shared 200k one takes minutes to build). */
const CUSTOMERS = Number(process.env.GASDESK_QUEUE_BENCH_CUSTOMERS) || BENCH_CUSTOMERS

/**
 * The home page's work queues (issue 12) through dispatch, as the home page asks for them: an agent's own
 * queues and a supervisor's team queues (follow-ups overdue and due today, documents waiting for a
 * decision, estimates to re-assess; counts and the first 20 of each) on the demo database, whose seed
 * logs interactions for about one customer in 25 with follow-ups for a third of them.
 */
export const benchmarks: Benchmark[] = [
  {
    name: `work queues (${CUSTOMERS} customers)`,
    async run() {
      const { file } = await demoDatabase(CUSTOMERS)
      const backend = await createBackend({ dbFile: file, shell: 'test', demoAgents: true })
      try {
        const db = backend.ctx.db
        note(
          `follow-ups: ${db.prepare('SELECT count(*) FROM follow_ups').pluck().get()} (open ${db
            .prepare("SELECT count(*) FROM follow_ups WHERE status = 'open'")
            .pluck()
            .get()}), readings: ${db.prepare('SELECT count(*) FROM readings').pluck().get()}`,
        )
        const figures = []
        for (const [who, scope] of [
          ['liga', 'mine'],
          ['janis', 'team'],
        ] as const) {
          const signed = await backend.dispatch(
            'session.signIn',
            { username: who, password: `${who}-demo` },
            who,
          )
          if (!signed.ok) throw new Error(`sign-in ${who}: ${signed.error.code}`)
          const times: number[] = []
          for (let i = 0; i < ROUNDS + 10; i++) {
            const start = performance.now()
            const r = await backend.dispatch('workQueues.get', { scope, limit: 20 }, who)
            const ms = performance.now() - start
            if (!r.ok) throw new Error(`workQueues.get: ${r.error.code}`)
            if (i >= 10) times.push(ms) // the first calls warm the statement cache
          }
          figures.push(
            { name: `work queues (${scope}) p50`, unit: 'ms', value: percentile(times, 50) },
            {
              name: `work queues (${scope}) p95`,
              unit: 'ms',
              value: percentile(times, 95),
              target: { max: 50 },
            },
          )
        }
        return figures
      } finally {
        backend.close()
      }
    },
  },
]
