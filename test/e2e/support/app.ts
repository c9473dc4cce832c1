import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createBackend, type Backend } from '../../../src/backend'
import type { Clock } from '../../../src/backend/clock'
import { openDatabase } from '../../../src/backend/db/open'
import { seedDatabase } from '../../../src/backend/seed'
import { rigaToday } from '../../../src/core/calendar'
import { startWebHost, type WebHost } from '../../../src/web-host'
import { tempDir } from '../../helpers/tmp'
import { SignInPage } from './pages'

/**
 * The end-to-end harness: a seeded temp database, the real backend behind the real browser shell
 * (src/web-host) serving the built renderer (out/renderer), and Debian's Chromium driven by playwright-core.
 */
export const CHROMIUM = process.env.GASDESK_CHROMIUM || '/usr/bin/chromium'
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
// GASDESK_RENDERER_DIR: a renderer built elsewhere (an engineer's private build while others use out/).
const RENDERER_DIR = process.env.GASDESK_RENDERER_DIR || join(process.cwd(), 'out', 'renderer')

export interface E2eApp {
  host: WebHost
  backend: Backend
  browser: Browser
  context: BrowserContext
  page: Page
  /** Console errors and uncaught page errors seen so far; tests assert it stays empty. */
  consoleErrors: string[]
  dbFile: string
  /** A fresh tab on the same browser shell (its own session). */
  newPage(): Promise<Page>
  close(): Promise<void>
}

export interface LaunchOptions {
  customers?: number
  seed?: string
  /** The backend clock; the seed's "today" follows it. */
  clock?: Clock
  viewport?: { width: number; height: number }
  /** Locale of the browser (Accept-Language); the app itself defaults to Latvian. */
  locale?: string
}

export function assertE2ePrerequisites(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}`)
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` before the end-to-end tests')
  }
}

export async function launchApp(options: LaunchOptions = {}): Promise<E2eApp> {
  assertE2ePrerequisites()
  const tmp = tempDir('gasdesk-e2e-')
  const dbFile = tmp.file('desk.sqlite')
  const nowMs = options.clock?.now() ?? Date.now()
  const db = openDatabase(dbFile)
  await seedDatabase(db, {
    customers: options.customers ?? 200,
    seed: options.seed ?? 'e2e',
    today: rigaToday(nowMs),
  })
  db.close()
  const backend = await createBackend({ dbFile, shell: 'browser', clock: options.clock, demoAgents: true })
  const host = await startWebHost({ backend, rendererDir: RENDERER_DIR })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 800 },
    locale: options.locale ?? 'lv-LV',
    timezoneId: 'Europe/Riga',
  })
  const consoleErrors: string[] = []
  const newPage = async (): Promise<Page> => {
    const page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`))
    await page.goto(`${host.url}#token=${host.token}`)
    return page
  }
  const page = await newPage()
  return {
    host,
    backend,
    browser,
    context,
    page,
    consoleErrors,
    dbFile,
    newPage,
    async close() {
      await browser.close().catch(() => undefined)
      await host.close()
      backend.close()
      tmp.cleanup()
    },
  }
}

/** Signs in as a demo agent (Līga, unless told). */
export async function signIn(page: Page, username = 'liga', password = 'liga-demo'): Promise<void> {
  await new SignInPage(page).signIn(username, password)
}

const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: number
}

/** Runs axe-core in the page; returns serious and critical violations (WCAG 2.x A/AA rules). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol, which the page's CSP (script-src 'self') rightly does not cover.
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    // Runs in the page: window and document exist there, not in this (node) type context.
    const g = globalThis as any
    const r = await g.axe.run(g.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    })
    return r.violations as { id: string; impact: string | null; help: string; nodes: unknown[] }[]
  })
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }))
}
