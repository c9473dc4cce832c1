import { afterEach, describe, expect, it } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from './real-backend'

/**
 * Keyboard landing points on the real backend (issue 10): Alt+digit puts the agent in the section's first
 * field, not on <main>; "Jauns klients" opens the form with the keyboard in its first field; a date field
 * is one Tab stop.
 */
let desk: DeskOnBackend | undefined
afterEach(async () => {
  await desk?.cleanup()
  desk = undefined
})

function press(init: KeyboardEventInit): void {
  const target = document.activeElement ?? document.body
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))
}
/** Waits for the route change, the section's render and the focus frames. */
async function settleFrames(d: DeskOnBackend): Promise<void> {
  await d.settle()
  for (let i = 0; i < 12; i++) await new Promise((r) => requestAnimationFrame(() => r(null)))
  await d.settle()
}
const focused = (): string => {
  const el = document.activeElement as HTMLElement | null
  if (!el) return ''
  return el.id
    ? `#${el.id}`
    : el.getAttribute('data-testid')
      ? `[${el.getAttribute('data-testid')}]`
      : el.tagName.toLowerCase()
}

describe('keyboard landing points', () => {
  it('Alt+1…7 land in the section’s first field, or on its heading when it has none — never on <main>', async () => {
    desk = await mountOnBackend({ signInAs: 'liga' })
    const expected: Record<string, string> = {
      '1': '#customer-search-input',
      '2': '#single-identifier',
      '3': '#invoice-number',
      '4': '#customer-search-input', // Documents uses the one customer search (issue 10)
      '5': 'h1',
      '6': '#faq-search-input', // the FAQ search field (issue 13)
      '7': 'h1',
    }
    for (const [digit, where] of Object.entries(expected)) {
      ;(document.body as HTMLElement).focus()
      press({ key: digit, code: `Digit${digit}`, altKey: true })
      await settleFrames(desk)
      if (where === 'h1') expect(document.activeElement?.tagName, `Alt+${digit}`).toBe('H1')
      else expect(focused(), `Alt+${digit}`).toBe(where)
      expect(document.activeElement?.id).not.toBe('main')
    }
  }, 60_000)

  it('"Jauns klients" opens the new-customer form with the keyboard in its first field', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/customers' })
    await desk.settle()
    const button = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Jauns klients'),
    )!
    button.focus()
    button.click() // Enter on a focused button is a click
    await settleFrames(desk)
    expect(document.querySelector('.create-form')).not.toBeNull()
    expect(focused()).toBe('#n-first')
  }, 60_000)

  it('the reading date is one Tab stop: a PrimeVue date field with no focusable button beside it', async () => {
    desk = await mountOnBackend({ signInAs: 'liga', path: '/readings' })
    await desk.settle()
    const meter = desk.backend.ctx.db
      .prepare('SELECT metering_point_id FROM meters LIMIT 1')
      .pluck()
      .get() as string
    const box = document.querySelector<HTMLInputElement>('#single-identifier')!
    box.value = meter
    box.dispatchEvent(new Event('input'))
    box.closest('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await settleFrames(desk)
    const date = document.querySelector<HTMLInputElement>('#single-date')!
    expect(date).not.toBeNull()
    expect(date.type).toBe('text') // not the browser's own date control
    // Shown in the app's format, today by default.
    expect(date.value).toBe('27.11.2026.')
    const field = date.closest('.p-datepicker')!
    const stops = [...field.querySelectorAll<HTMLElement>('input, button, [tabindex]')].filter(
      (e) => e.tabIndex >= 0,
    )
    expect(stops).toEqual([date])
  }, 60_000)
})
