import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createBackend } from '../../src/backend'
import type { Language } from '../../src/contract'
import { percentile, type Benchmark } from './harness'

const ROUNDS = 2_000

/**
 * FAQ search through dispatch (session, validation, service, output check), as the section calls it
 * while the agent types: growing prefixes, with and without diacritics, in LV, EN and RU, with and without
 * a category, and the empty query that lists everything. Issue 13's target: p95 <= 20 ms.
 */
const QUERIES: [string, Language][] = [
  ['s', 'lv'],
  ['skai', 'lv'],
  ['skaititajs', 'lv'],
  ['skaitītāja rādījums', 'lv'],
  ['izlidzinatais maksajums', 'lv'],
  ['pārskats', 'lv'],
  ['', 'lv'],
  ['reading window', 'en'],
  ['balanced payment statement', 'en'],
  ['password', 'en'],
  ['показания', 'ru'],
  ['СЧЁТЧИК', 'ru'],
  ['выровненный платёж', 'ru'],
  ['{@|} '.repeat(40), 'lv'],
]

export const benchmarks: Benchmark[] = [
  {
    name: 'faq search (built-in articles, through dispatch)',
    async run() {
      const dir = mkdtempSync(join(tmpdir(), 'gasdesk-bench-faq-'))
      const backend = await createBackend({
        dbFile: join(dir, 'desk.sqlite'),
        shell: 'test',
        demoAgents: true,
      })
      try {
        const signIn = await backend.dispatch(
          'session.signIn',
          { username: 'liga', password: 'liga-demo' },
          'k',
        )
        if (!signIn.ok) throw new Error('sign-in failed')
        const samples: number[] = []
        for (let i = 0; i < ROUNDS; i++) {
          const [query, language] = QUERIES[i % QUERIES.length]
          const category = i % 3 === 0 ? 'readings' : null
          const t0 = performance.now()
          const r = await backend.dispatch('faq.search', { query, language, category }, 'k')
          samples.push(performance.now() - t0)
          if (!r.ok) throw new Error(`faq.search failed: ${JSON.stringify(r.error)}`)
        }
        return [
          { name: 'faq.search p50', unit: 'ms', value: percentile(samples, 50) },
          { name: 'faq.search p95', unit: 'ms', value: percentile(samples, 95), target: { max: 20 } },
          { name: 'faq.search max', unit: 'ms', value: Math.max(...samples) },
        ]
      } finally {
        backend.close()
        rmSync(dir, { recursive: true, force: true })
      }
    },
  },
]
