import { afterEach, describe, expect, it } from 'vitest'
import lv from '../../../locales/lv.json'
import ru from '../../../locales/ru.json'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/*
 * Issue 12 on the real backend: the interaction log is one keystroke (Alt+I) from the customer view,
 * filled by keyboard, refused per field in the agent's language, and saved as one mutation; the home
 * page shows the agent's queues with the counts the database holds, and the supervisor the team's.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

const db = () => desk!.backend.ctx.db
const count = (sql: string, ...args: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...args) as number
const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel)
function altI(target: EventTarget = window): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', code: 'KeyI', altKey: true, bubbles: true }))
}
async function choose(id: string, value: string): Promise<void> {
  const el = $<HTMLSelectElement>(`#${id}`)!
  el.value = value
  el.dispatchEvent(new Event('change'))
  await desk!.settle()
}

async function openCustomer(): Promise<string> {
  const id = db()
    .prepare("SELECT id FROM customers WHERE kind = 'person' ORDER BY rid LIMIT 1")
    .pluck()
    .get() as string
  await desk!.router.push({ name: 'customers', query: { id } })
  await desk!.settle()
  return id
}

describe('the interaction log in the customer view', { timeout: 60_000 }, () => {
  it('opens with Alt+I from anywhere in the view, refuses per field in Latvian, and saves one mutation', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    const id = await openCustomer()
    expect($('#il-channel')).toBeNull()
    // Alt+I pressed while the focus is elsewhere in the view (the search box).
    altI($('#customer-search-input') ?? window)
    await desk.settle()
    expect(document.activeElement?.id).toBe('il-channel')

    // Nothing chosen: the core's problems, each beside its field, in Latvian; nothing written.
    const outbox = count('SELECT count(*) FROM outbox')
    $<HTMLFormElement>('form.il-form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await desk.settle()
    expect($('#il-topic-error')!.textContent).toBe(lv.lifecycle.problem.unknownTopic)
    expect($('#il-outcome-error')!.textContent).toBe(lv.lifecycle.problem.unknownOutcome)
    expect($('#il-summary-error')!.textContent).toBe(lv.lifecycle.problem.summaryRequired)
    expect($('#il-topic')!.getAttribute('aria-invalid')).toBe('true')
    expect(count('SELECT count(*) FROM outbox')).toBe(outbox)

    await choose('il-topic', 'complaint')
    await choose('il-outcome', 'follow-up')
    expect($<HTMLInputElement>('#il-follow')!.checked).toBe(true)
    // The topic's default due date is offered, written as the agent reads it.
    expect(document.querySelector('.il-follow')!.textContent).toMatch(/\d{2}\.\d{2}\.\d{4}\./)
    const summary = $<HTMLTextAreaElement>('#il-summary')!
    summary.value = 'Sūdzība par rēķinu.\nPiezvanīt pēc pārbaudes.'
    summary.dispatchEvent(new Event('input'))
    // Ctrl+Enter saves from the text field.
    summary.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
    await desk.settle()

    expect($('form.il-form')).toBeNull()
    expect(count('SELECT count(*) FROM outbox')).toBe(outbox + 1)
    expect(
      count("SELECT count(*) FROM audit_log WHERE action = 'interaction.log' AND customer_id = ?", id),
    ).toBe(1)
    const first = $('.il-item')!
    expect(first.textContent).toContain('Sūdzība par rēķinu.')
    expect(first.textContent).toContain(lv.interactions.topic.complaint)
    expect(first.querySelector('.il-followup')!.getAttribute('data-status')).toBe('open')
    // Newest first: the new one is above everything the seed logged.
    const times = [...document.querySelectorAll('.il-item .date')].map((e) => e.textContent)
    expect(times.length).toBe(count('SELECT count(*) FROM interactions WHERE customer_id = ?', id))

    // Marked done from the list.
    ;(first.querySelector('.il-followup button') as HTMLElement).click()
    await desk.settle()
    expect($('.il-item .il-followup')!.getAttribute('data-status')).toBe('done')
    expect(
      count(
        "SELECT count(*) FROM follow_ups WHERE customer_id = ? AND status = 'done' AND done_by IS NOT NULL",
        id,
      ),
    ).toBeGreaterThan(0)
  })
})

describe('work queues on the home page', { timeout: 60_000 }, () => {
  it('show the agent’s own counts and lists as the database holds them; links open the customer', async () => {
    desk = await mountOnBackend({ signInAs: 'olga', language: 'ru' })
    await desk.settle()
    const olga = db().prepare("SELECT id FROM agents WHERE username = 'olga'").pluck().get() as string
    const card = (k: string) => $(`.wq-card[data-queue=${k}]`)!
    const overdue = count(
      `SELECT count(*) FROM follow_ups WHERE status = 'open' AND due_date < '2026-11-27'
         AND (assignee_agent_id = ? OR (assignee_agent_id IS NULL AND assignee_team_id IN
           (SELECT team_id FROM team_members WHERE agent_id = ?)))`,
      olga,
      olga,
    )
    expect(overdue).toBeGreaterThan(0)
    expect(card('overdue').querySelector('.wq-count')!.textContent).toBe(String(overdue))
    expect(card('overdue').querySelector('h3')!.textContent).toContain(ru.workQueues.overdue)
    expect(card('reassess').querySelector('.wq-count')!.textContent).toBe(
      String(
        count(
          `SELECT count(*) FROM readings WHERE json_extract(flags, '$.reassess') = 1 AND status = 'estimated'`,
        ),
      ),
    )
    expect(card('documents').querySelector('.wq-count')!.textContent).toBe('0')
    expect(document.querySelector('input[name=wq-scope]')).toBeNull() // agents have no team view

    // Arrow keys move inside a list.
    const links = [...card('overdue').querySelectorAll<HTMLElement>('a')]
    links[0].focus()
    links[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    expect(document.activeElement).toBe(links[Math.min(1, links.length - 1)])
    links[0].click()
    await desk.settle()
    expect(desk.router.currentRoute.value.name).toBe('customers')
  })

  it('lets the supervisor switch to the team’s queues', async () => {
    desk = await mountOnBackend({ signInAs: 'janis' })
    await desk.settle()
    const mine = Number($('.wq-card[data-queue=overdue] .wq-count')!.textContent)
    const team = $<HTMLInputElement>('input[name=wq-scope][value=team]')!
    team.click()
    await desk.settle()
    expect(
      desk.api.calls.some(
        (c) => c.method === 'workQueues.get' && (c.input as { scope: string }).scope === 'team',
      ),
    ).toBe(true)
    expect(Number($('.wq-card[data-queue=overdue] .wq-count')!.textContent)).toBeGreaterThan(mine)
  })
})
