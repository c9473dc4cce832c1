import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { openDatabase } from '../../src/backend/db/open'
import { startWebHost } from '../../src/web-host'
import { CHROMIUM, CHROMIUM_FLAGS } from '../e2e/support/app'
import { demoDatabase } from './demo-db'
import { median, note, percentile, type Benchmark, type Figure } from './harness'

const RENDERER_DIR = join(process.cwd(), 'out', 'renderer')
/** The customer search's pause after the last keystroke (src/renderer/stores/customers.ts). */
const SEARCH_DEBOUNCE_MS = 180
const SIGN_INS = 12
const SAMPLES = 20

/** What the runs work on: real customers of the big database, chosen spread over it. */
interface Sample {
  customerId: string
  customerNumber: string
  lastName: string
}

function samples(file: string, n: number): Sample[] {
  const db = openDatabase(file, { migrate: false, create: false })
  try {
    return db
      .prepare(
        `SELECT c.id AS customerId, c.customer_number AS customerNumber, c.last_name AS lastName
         FROM customers c WHERE c.kind = 'person'
           AND EXISTS (SELECT 1 FROM invoices i WHERE i.customer_id = c.id AND i.status != 'cancelled')
           AND c.rid % 9973 = 7
         LIMIT ?`,
      )
      .all(n) as Sample[]
  } finally {
    db.close()
  }
}

/**
 * Times, in the page, from the trusted input event `type` (its own timestamp: when the agent pressed)
 * until `selector` is in the document (and, with `text`, contains it) and the next frame is painted.
 * Measuring in the page keeps the DevTools protocol's latency out of the figure.
 */
async function timeInPage(
  page: Page,
  type: 'keydown' | 'click',
  selector: string,
  text: string,
  act: () => Promise<void>,
): Promise<number> {
  await page.evaluate(
    ([type, selector, text]) => {
      // (No named helpers in here: the bench runner's transform would name them with a helper the page lacks.)
      const g = globalThis as any
      g.__bench = { t0: null, t1: null }
      g.addEventListener(
        type,
        (e: any) => {
          g.__bench.t0 = e.timeStamp
          void (async () => {
            for (;;) {
              const el = g.document.querySelector(selector)
              if (el && (!text || el.textContent.includes(text))) break
              await new Promise((r) => g.setTimeout(r, 1))
            }
            await new Promise((r) => g.requestAnimationFrame(r))
            g.__bench.t1 = g.performance.now()
          })()
        },
        { capture: true, once: true },
      )
    },
    [type, selector, text] as const,
  )
  await act()
  await page.waitForFunction(() => (globalThis as any).__bench.t1 !== null, undefined, { polling: 20 })
  return page.evaluate(() => (globalThis as any).__bench.t1 - (globalThis as any).__bench.t0)
}

async function signIn(context: BrowserContext, url: string): Promise<{ page: Page; ms: number }> {
  const page = await context.newPage()
  await page.goto(url)
  await page.locator('#sign-in-username').fill('liga')
  await page.locator('#sign-in-password').fill('liga-demo')
  const ms = await timeInPage(page, 'keydown', '#home-title', '', () =>
    page.locator('#sign-in-password').press('Enter'),
  )
  return { page, ms }
}

/**
 * Time from the last keystroke's input event to the answer painted, minus the debounce: measured in the
 * page (no DevTools round trip in the figure). The answer is painted when the pending marker is gone.
 */
async function keystrokeToResults(page: Page, query: string): Promise<number> {
  return page.evaluate(async (q) => {
    const g = globalThis as any
    const box = g.document.getElementById('customer-search-input')
    box.value = ''
    box.dispatchEvent(new g.Event('input', { bubbles: true }))
    await new Promise((r) => g.requestAnimationFrame(r))
    const start = g.performance.now()
    box.value = q
    box.dispatchEvent(new g.Event('input', { bubbles: true }))
    // (No named helpers in here: the bench runner's transform would name them with a helper the page lacks.)
    await new Promise((r) => g.setTimeout(r, 1))
    while (g.document.querySelector('[data-testid=search-pending]'))
      await new Promise((r) => g.setTimeout(r, 1))
    await new Promise((r) => g.requestAnimationFrame(r))
    return g.performance.now() - start
  }, query)
}

/** From choosing a search hit (Enter) until the profile and its billing figures are painted. */
async function openCustomer(page: Page, s: Sample): Promise<number> {
  await page.evaluate(() => (location.hash = '#/customers'))
  const box = page.locator('#customer-search-input')
  await box.fill(s.customerNumber)
  await page.locator('.search-hit', { hasText: s.customerNumber }).first().waitFor()
  await page.waitForFunction(() => !document.querySelector('[data-testid=search-pending]'))
  return timeInPage(
    page,
    'keydown',
    '.customer-profile:has([data-testid=billing-figures])',
    s.customerNumber,
    () => box.press('Enter'),
  )
}

/**
 * From the click on an invoice's preview (the click event's own time in the page) until the new tab
 * shows the PDF: Chromium's PDF viewer is an extension frame, there once the PDF is being shown.
 */
async function previewInvoice(page: Page): Promise<number> {
  const button = page.locator('[data-testid=invoice-table] tbody tr').first().getByRole('button').first()
  await button.waitFor()
  await page.evaluate(() => {
    const g = globalThis as any
    g.__clickAt = null
    g.addEventListener('click', (e: any) => (g.__clickAt = g.performance.timeOrigin + e.timeStamp), {
      capture: true,
      once: true,
    })
  })
  const [tab] = await Promise.all([page.context().waitForEvent('page'), button.click()])
  while (!tab.frames().some((f) => f.url().startsWith('chrome-extension://')))
    await new Promise((r) => setTimeout(r, 1))
  const shownAt = performance.timeOrigin + performance.now()
  const clickAt = (await page.evaluate(() => (globalThis as any).__clickAt)) as number
  await tab.close()
  return shownAt - clickAt
}

const figures = (name: string, times: number[], max: number): Figure[] => [
  { name: `${name}, median`, unit: 'ms', value: median(times), target: { max } },
  { name: `${name}, p95`, unit: 'ms', value: percentile(times, 95), target: { max } },
]

/**
 * Speed as the agent feels it, in Debian's Chromium against the browser shell on the 200,000-customer
 * database: sign-in to the first screen, a keystroke to its search results, opening a customer, and an
 * invoice preview to the PDF shown. `GASDESK_BENCH_CUSTOMERS` picks a smaller database on a slow box.
 */
export const benchmarks: Benchmark[] = [
  {
    name: 'renderer in Chromium (sign-in, search, open customer, invoice preview)',
    async run() {
      if (!existsSync(CHROMIUM) || !existsSync(join(RENDERER_DIR, 'index.html'))) {
        note(`skipped: needs ${CHROMIUM} and a built renderer (npm run build)`)
        return []
      }
      const size = Number(process.env.GASDESK_BENCH_CUSTOMERS) || undefined
      const { file } = await demoDatabase(size)
      const picked = samples(file, SAMPLES)
      const load = loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')
      note(
        `renderer figures on ${size ?? 200_000} customers, ${picked.length} sample customers (load ${load})`,
      )
      const host = await startWebHost({
        dbFile: file,
        rendererDir: RENDERER_DIR,
        backendOptions: { shell: 'browser' },
      })
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
      try {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 768 },
          locale: 'lv-LV',
          timezoneId: 'Europe/Riga',
        })
        const url = `${host.url}#token=${host.token}`
        const signIns: number[] = []
        // One warm-up sign-in (the browser's cache and the backend's statements), not counted.
        await (await signIn(context, url)).page.close()
        for (let i = 0; i < SIGN_INS; i++) {
          const { page, ms } = await signIn(context, url)
          signIns.push(ms)
          await page.close()
        }
        const { page } = await signIn(context, url)
        await page.evaluate(() => (location.hash = '#/customers'))
        await page.locator('#customer-search-input').waitFor()
        const keystrokes: number[] = []
        const opens: number[] = []
        const previews: number[] = []
        for (const [i, s] of picked.entries()) {
          // Alternate a surname and a customer number: the two things agents type most.
          const query = i % 2 === 0 ? s.lastName.toLowerCase() : s.customerNumber
          keystrokes.push(Math.max(0, (await keystrokeToResults(page, query)) - SEARCH_DEBOUNCE_MS))
          opens.push(await openCustomer(page, s))
          previews.push(await previewInvoice(page))
        }
        return [
          ...figures('sign-in to first screen', signIns, 300),
          ...figures('keystroke to search results after the debounce', keystrokes, 60),
          ...figures('open customer', opens, 150),
          ...figures('invoice preview to PDF shown', previews, 300),
        ]
      } finally {
        await browser.close()
        await host.close()
      }
    },
  },
]
