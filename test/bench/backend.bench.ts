import { createBackend } from '../../src/backend'
import { demoDatabase, BENCH_CUSTOMERS } from './demo-db'
import { median, type Benchmark, type Figure } from './harness'

const RUNS = 5

/**
 * Backend ready on a 200,000-customer database: from createBackend() until the first dispatch
 * answers (app.info, public). Module loading is not counted; the first run is the coldest.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'backend ready (200k customers)',
    async run() {
      const { file, seededInS } = await demoDatabase()
      const figures: Figure[] = []
      if (seededInS !== null) {
        figures.push({
          name: `seed ${BENCH_CUSTOMERS} customers`,
          unit: 's',
          value: seededInS,
          target: { max: 120 },
        })
      }
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now()
        const backend = await createBackend({ dbFile: file, shell: 'test' })
        const answer = await backend.dispatch('app.info', {}, '')
        times.push(performance.now() - start)
        backend.close()
        if (!answer.ok) throw new Error(`app.info failed: ${JSON.stringify(answer.error)}`)
      }
      figures.push(
        {
          name: 'backend ready, first run (200k customers)',
          unit: 's',
          value: times[0] / 1000,
          target: { max: 1.5 },
        },
        {
          name: `backend ready, median of ${RUNS} (200k customers)`,
          unit: 's',
          value: median(times) / 1000,
          target: { max: 1.5 },
        },
      )
      return figures
    },
  },
]
