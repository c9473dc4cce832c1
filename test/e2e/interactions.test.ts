import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/backend/clock'
import { axeViolations, launchApp, signIn, type E2eApp } from './support/app'
import { CustomersPage, InteractionLogPanel, Shell, WorkQueuesPanel } from './support/pages'

/**
 * Issue 12 in Chromium at 1366×768, in Latvian and then Russian: the home page's work queues, and an
 * interaction logged by keyboard alone (Alt+I, type, Ctrl+Enter) with a follow-up that then shows in the
 * queue. Axe-clean; screenshots go to GASDESK_SHOTS (or tmp) to be looked at.
 */
const SHOTS = process.env.GASDESK_SHOTS || join(tmpdir(), 'gasdesk-shots')
mkdirSync(SHOTS, { recursive: true })
let app: E2eApp
let shell: Shell
let customer: { id: string; name: string }
// Friday 27 November 2026, 11:00 in Riga: a working day.
const clock = manualClock(Date.parse('2026-11-27T09:00:00Z'))

beforeAll(async () => {
  app = await launchApp({
    customers: 60,
    seed: 'e2e-interactions',
    viewport: { width: 1366, height: 768 },
    clock,
  })
  customer = app.backend.ctx.db
    .prepare(
      `SELECT id, first_name || ' ' || last_name AS name FROM customers WHERE kind = 'person'
       AND id NOT IN (SELECT customer_id FROM interactions) ORDER BY customer_number LIMIT 1`,
    )
    .get() as typeof customer
  shell = new Shell(app.page)
  await signIn(app.page)
}, 180_000)
afterAll(async () => {
  await app?.close()
})

describe('interaction log and work queues (LV, then RU)', () => {
  it('shows the work queues on the home page with counts and lists', async () => {
    const queues = new WorkQueuesPanel(app.page)
    await queues.waitFor()
    // The seed's newest follow-ups are due today; older ones are done or overdue.
    expect(await queues.count('dueToday')).toBeGreaterThan(0)
    expect(await queues.card('overdue').innerText()).toContain('Nokavēti darbi')
    expect(await queues.card('dueToday').innerText()).toContain('Šodien jāizdara')
    expect(await queues.count('reassess')).toBeGreaterThan(0)
    // Keyboard: the first link due today, then ArrowDown moves inside the list.
    const links = queues.links('dueToday')
    await links.first().focus()
    await app.page.keyboard.press('ArrowDown')
    if ((await links.count()) > 1)
      expect(await links.nth(1).evaluate((el) => el === document.activeElement)).toBe(true)
    await shell.shot(join(SHOTS, 'interactions-lv-home.png'))
    expect(await axeViolations(app.page)).toEqual([])
  })

  it('logs a call with a follow-up by keyboard alone, and the follow-up is in my queue', async () => {
    const before = await (async () => {
      await shell.go('/')
      const q = new WorkQueuesPanel(app.page)
      await q.waitFor()
      return q.count('dueToday')
    })()
    const customers = new CustomersPage(app.page)
    await customers.openById(customer.id)
    await customers.searchBox.focus()
    const log = new InteractionLogPanel(app.page)
    await log.openWithShortcut()
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('il-channel')
    // Saving an empty form: every problem beside its field, in Latvian.
    await log.save()
    await expect.poll(() => log.fieldError('il-summary').innerText()).toBe('Uzrakstiet kopsavilkumu.')
    await log.choose('il-topic', 'Rēķins')
    await log.choose('il-outcome', 'Vajadzīgs turpmākais darbs')
    await log.type('il-summary', 'Jautā par novembra rēķinu.\nPārbaudīt rādījumu un atzvanīt.')
    await log.type('il-due', '27.11.2026.')
    await log.type('il-note', 'Atzvanīt līdz pusdienlaikam')
    await shell.shot(join(SHOTS, 'interactions-lv-form.png'))
    expect(await axeViolations(app.page)).toEqual([])
    await log.focus('il-note')
    await log.save()
    await log.form.waitFor({ state: 'detached' })
    await expect.poll(() => log.items.first().innerText()).toContain('Jautā par novembra rēķinu.')
    expect(await log.items.first().innerText()).toContain('Termiņš 27.11.2026.')
    await log.panel.scrollIntoViewIfNeeded()
    await shell.shot(join(SHOTS, 'interactions-lv-list.png'))

    await shell.go('/')
    const q = new WorkQueuesPanel(app.page)
    await q.waitFor()
    await expect.poll(() => q.count('dueToday')).toBe(before + 1)
    expect(await q.card('dueToday').innerText()).toContain(customer.name)
  })

  it('in Russian: the same screens, words and dates in Russian', async () => {
    await shell.language('RU')
    const q = new WorkQueuesPanel(app.page)
    await q.waitFor()
    expect(await q.card('dueToday').innerText()).toContain('На сегодня')
    await shell.shot(join(SHOTS, 'interactions-ru-home.png'))
    expect(await axeViolations(app.page)).toEqual([])

    await shell.go(`/customers?id=${customer.id}`)
    const log = new InteractionLogPanel(app.page)
    await log.items.first().waitFor()
    expect(await log.items.first().innerText()).toContain('Срок 27.11.2026')
    await log.openWithShortcut()
    await log.choose('il-channel', 'Визит')
    await log.choose('il-topic', 'Жалоба')
    await log.choose('il-outcome', 'Не отвечает')
    await log.type('il-summary', 'Клиент пришёл с жалобой.')
    await log.save()
    await expect
      .poll(() => log.fieldError('il-outcome').innerText())
      .toBe('Такой результат возможен только для исходящего звонка.')
    await shell.shot(join(SHOTS, 'interactions-ru-form.png'))
    expect(await axeViolations(app.page)).toEqual([])
    await log.choose('il-outcome', 'Решено')
    await log.save()
    await log.form.waitFor({ state: 'detached' })
    await expect.poll(() => log.items.first().innerText()).toContain('Клиент пришёл с жалобой.')
    await log.panel.scrollIntoViewIfNeeded()
    await shell.shot(join(SHOTS, 'interactions-ru-list.png'))
    expect(app.consoleErrors).toEqual([])
  })
})
