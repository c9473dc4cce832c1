import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { startWebHost } from '../../src/web-host'
import { CHROMIUM, CHROMIUM_FLAGS } from '../e2e/support/app'
import { demoDatabase } from './demo-db'
import { median, note, percentile, type Benchmark } from './harness'

const RUNS = 10
const RENDERER_DIR = join(process.cwd(), 'out', 'renderer')

/**
 * Browser shell first render after sign-in, on the 200,000-customer database: from pressing Enter in the
 * sign-in form until the home page's heading is painted, each run in a fresh tab (its own session).
 * Sign-in includes the scrypt password check (~100 ms by design).
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'browser shell first render after sign-in',
    async run() {
      if (!existsSync(CHROMIUM) || !existsSync(join(RENDERER_DIR, 'index.html'))) {
        note(`skipped: needs ${CHROMIUM} and a built renderer (npm run build)`)
        return []
      }
      const { file } = await demoDatabase()
      const host = await startWebHost({
        dbFile: file,
        rendererDir: RENDERER_DIR,
        backendOptions: { shell: 'browser' },
      })
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
      try {
        const context = await browser.newContext({ viewport: { width: 1366, height: 800 } })
        const times: number[] = []
        for (let i = 0; i < RUNS; i++) {
          const page = await context.newPage()
          await page.goto(`${host.url}#token=${host.token}`)
          await page.locator('#sign-in-username').fill('liga')
          await page.locator('#sign-in-password').fill('liga-demo')
          const start = performance.now()
          await page.locator('#sign-in-password').press('Enter')
          await page.locator('#home-title').waitFor({ state: 'visible' })
          // One animation frame: the heading is in the DOM and painted.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
          times.push(performance.now() - start)
          await page.close()
        }
        return [
          {
            name: 'first render after sign-in, median',
            unit: 'ms',
            value: median(times),
            target: { max: 1000 },
          },
          {
            name: 'first render after sign-in, p95',
            unit: 'ms',
            value: percentile(times, 95),
            target: { max: 1000 },
          },
        ]
      } finally {
        await browser.close()
        await host.close()
      }
    },
  },
]
