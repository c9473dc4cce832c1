import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { manualClock } from '../../src/backend/clock'
import { evaluate } from '../../src/backend/services/readings'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { ReadingsSection, Shell } from './support/pages'

/**
 * Readings end to end through the browser shell: single entry and a batch of 30 paper slips typed with
 * the keyboard alone. The backend clock is fixed inside the November 2026 window (27 Nov - 1 Dec); the
 * seeded history ends with October, so every meter is due a November reading.
 */
const NOW = Date.parse('2026-11-27T10:00:00Z')
let app: E2eApp

interface Slip {
  meterId: string
  identifier: string
  value: number
}

/** Meters with one meter per premise and an actual last reading, each with a reading that passes its checks. */
function slips(count: number, warnAt: number): Slip[] {
  const db = app.backend.ctx.db
  const rows = db
    .prepare(
      `SELECT m.id, m.metering_point_id AS mp, p.subscriber_number AS sub,
         (SELECT value FROM readings r WHERE r.meter_id = m.id ORDER BY reading_date DESC LIMIT 1) AS last,
         (SELECT status FROM readings r WHERE r.meter_id = m.id ORDER BY reading_date DESC LIMIT 1) AS status
       FROM meters m JOIN premises p ON p.id = m.premise_id
       WHERE m.removed_at IS NULL AND (SELECT count(*) FROM meters m2 WHERE m2.premise_id = p.id) = 1
       ORDER BY m.rowid`,
    )
    .all() as { id: string; mp: string; sub: string; last: number | null; status: string }[]
  const out: Slip[] = []
  for (const r of rows) {
    if (out.length === count) break
    if (r.last === null || r.status !== 'actual') continue
    const wantWarning = out.length === warnAt
    // Same month last year's use is the basis; try a few amounts until the checks say what this slip needs.
    for (const add of [30, 60, 100, 15, 150, 8, 200, 300, 5]) {
      const amount = wantWarning ? add * 8 : add
      const v = evaluate(db, { meterId: r.id, value: r.last + amount }, NOW).result
      const ok = wantWarning ? !v.blocked && v.needsConfirmation.length > 0 : v.canSave
      if (ok) {
        out.push({ meterId: r.id, identifier: out.length % 2 ? r.mp : r.sub, value: r.last + amount })
        break
      }
    }
  }
  if (out.length < count) throw new Error(`only ${out.length} usable meters`)
  return out
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
async function waitFocus(page: Page, id: string): Promise<void> {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 10_000 })
}

beforeAll(async () => {
  app = await launchApp({ clock: manualClock(NOW), customers: 150 })
  await signIn(app.page)
}, 120_000)
afterAll(async () => {
  await app?.close()
})

describe('readings', () => {
  it('single entry: identifier, Enter, reading with live kWh, Enter saves; the pending count rises', async () => {
    const { page } = app
    const [slip] = slips(1, -1)
    const mp = app.backend.ctx.db
      .prepare('SELECT metering_point_id AS mp FROM meters WHERE id = ?')
      .get(slip.meterId) as { mp: string }
    const readings = new ReadingsSection(page)
    await readings.open()
    await waitFocus(page, 'single-identifier')
    await page.keyboard.type(mp.mp)
    await page.keyboard.press('Enter')
    await waitFocus(page, 'single-value')
    await readings.card.waitFor()
    expect(await readings.windowState.innerText()).toContain('11.2026.')
    await page.keyboard.type(String(slip.value))
    await readings.kwh.waitFor()
    expect(await readings.kwh.innerText()).toMatch(/kWh/)
    await page.screenshot({ path: 'out/screenshots/readings-single-lv.png' })
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Enter')
    await readings.saved.waitFor()
    await waitFocus(page, 'single-identifier')
    const row = app.backend.ctx.db
      .prepare(
        `SELECT r.value, r.source, r.channel, r.status, a.username FROM readings r JOIN agents a ON a.id = r.agent_id
        WHERE r.meter_id = ? AND r.period = '2026-11'`,
      )
      .get(slip.meterId)
    expect(row).toEqual({
      value: slip.value,
      source: 'agent',
      channel: 'phone',
      status: 'actual',
      username: 'liga',
    })
    await new Shell(page).status(/1 neiesūtīta izmaiņa/).waitFor()
  })

  it('batch: 30 paper slips typed by keyboard alone, one warning confirmed with Enter, each saved as its own mutation', async () => {
    const { page } = app
    const before = (app.backend.ctx.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n
    const list = slips(31, 12).slice(1)
    const readings = new ReadingsSection(page)
    await readings.open('batch')
    await waitFocus(page, 'batch-identifier-0')
    const started = Date.now()
    for (const [i, s] of list.entries()) {
      await page.keyboard.type(s.identifier)
      await page.keyboard.press('Enter')
      await waitFocus(page, `batch-value-${i}`)
      await page.keyboard.type(String(s.value))
      await page.keyboard.press('Enter')
      if (i === 11) {
        await waitFocus(page, `batch-confirm-${i}`)
        expect(await readings.batchWarnings(i).count()).toBeGreaterThan(0)
        await page.keyboard.press('Enter')
      }
      await waitFocus(page, `batch-identifier-${i + 1}`)
    }
    const seconds = (Date.now() - started) / 1000
    expect(seconds).toBeLessThan(180)
    expect(await readings.batchSavedRows.count()).toBe(30)
    expect(await readings.batchSummary.innerText()).toContain('30')
    await page.screenshot({ path: 'out/screenshots/readings-batch-lv.png', fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    const db = app.backend.ctx.db
    expect((db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n - before).toBe(30)
    for (const s of list) {
      const r = db
        .prepare(`SELECT value, channel FROM readings WHERE meter_id = ? AND period = '2026-11'`)
        .get(s.meterId)
      expect(r).toEqual({ value: s.value, channel: 'letter' })
    }
    const warned = db
      .prepare('SELECT flags FROM readings WHERE meter_id = ? AND period = ?')
      .get(list[11].meterId, '2026-11') as { flags: string }
    expect(JSON.parse(warned.flags).confirmed.length).toBeGreaterThan(0)
    // Finish: the summary report, reached by Tab and Enter.
    await readings.batchFinish.focus()
    await page.keyboard.press('Enter')
    await readings.batchReport.waitFor()
    expect(await focusedId(page)).toBe('batch-new')
  }, 240_000)

  it('history: chart of 24 months and the readings table, in Latvian and Russian', async () => {
    const { page } = app
    const [slip] = slips(1, -1)
    const mp = app.backend.ctx.db
      .prepare('SELECT metering_point_id AS mp FROM meters WHERE id = ?')
      .get(slip.meterId) as { mp: string }
    const readings = new ReadingsSection(page)
    const shell = new Shell(page)
    await readings.open('history')
    await readings.history(mp.mp)
    expect(await readings.historyRows.count()).toBeGreaterThan(10)
    const chosen = await readings.historySelected.innerText()
    await readings.chart.focus()
    await page.keyboard.press('ArrowLeft')
    expect(await readings.historySelected.innerText()).not.toBe(chosen)
    await page.screenshot({ path: 'out/screenshots/readings-history-lv.png', fullPage: true })
    expect(await axeViolations(page)).toEqual([])
    await shell.language('RU')
    await readings.historyCaption('Все показания').waitFor()
    await page.screenshot({ path: 'out/screenshots/readings-history-ru.png', fullPage: true })
    await readings.open('batch')
    await waitFocus(page, 'batch-identifier-0')
    await page.screenshot({ path: 'out/screenshots/readings-batch-ru.png', fullPage: true })
    // Back to single entry: the meter chosen in the history stays chosen, the cursor waits in the reading.
    await readings.open('single')
    await waitFocus(page, 'single-value')
    await page.keyboard.type('1')
    await readings.findings.waitFor()
    await page.screenshot({ path: 'out/screenshots/readings-single-ru.png', fullPage: true })
    await shell.language('LV')
    expect(app.consoleErrors).toEqual([])
  })
})
