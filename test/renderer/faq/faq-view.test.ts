import { afterEach, describe, expect, it } from 'vitest'
import { mountOnBackend, type DeskOnBackend } from '../real-backend'

/**
 * The FAQ section on the real backend dispatch (issue 13): Alt+6 puts the keyboard in the search field;
 * typing without diacritics finds the Latvian article; arrows and Enter open it; the article switches to
 * the customer's language; Esc goes back to the search field; the category filter lists a section; a
 * Russian-speaking agent sees the list in Russian; a supervisor edits by keyboard and the list shows it.
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
async function settleFrames(d: DeskOnBackend): Promise<void> {
  await d.settle()
  for (let i = 0; i < 12; i++) await new Promise((r) => requestAnimationFrame(() => r(null)))
  await d.settle()
}
async function type(d: DeskOnBackend, text: string): Promise<void> {
  const input = document.activeElement as HTMLInputElement
  input.value = text
  input.dispatchEvent(new Event('input', { bubbles: true }))
  await d.settle()
}
const hits = () => [...document.querySelectorAll('[data-testid=faq-hit]')]
const questions = () => hits().map((h) => h.querySelector('.faq-hit-question')?.textContent?.trim() ?? '')
const article = () => document.querySelector('[data-testid=faq-article]')

describe('the FAQ section', () => {
  it('is found by keyboard alone: Alt+6, type, arrows, Enter, language switch, Esc', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'liga' })
    press({ key: '6', code: 'Digit6', altKey: true })
    await settleFrames(desk)
    expect(document.activeElement?.id).toBe('faq-search-input')
    // Everything is listed before anything is typed, in the portal's section order.
    expect(hits().length).toBeGreaterThanOrEqual(18)
    expect(document.querySelector('[data-testid=faq-status]')?.textContent).toMatch(/Atrasti jautājumi: \d+/u)

    await type(desk, 'skaititajs')
    expect(questions()).toContain('Kas jādara, ja tiek nomainīts gāzes skaitītājs?')
    expect(questions().every((q) => q !== '')).toBe(true)

    press({ key: 'ArrowDown' })
    press({ key: 'ArrowDown' })
    await desk.settle()
    const input = document.getElementById('faq-search-input')!
    expect(input.getAttribute('aria-activedescendant')).toBe('faq-hit-1')
    press({ key: 'ArrowUp' })
    await desk.settle()
    expect(input.getAttribute('aria-activedescendant')).toBe('faq-hit-0')
    const first = questions()[0]
    press({ key: 'Enter' })
    await settleFrames(desk)
    expect(article()?.querySelector('h2')?.textContent?.trim()).toBe(first)
    expect(document.activeElement?.id).toBe('faq-article-title')

    // The customer speaks Russian: the same article in Russian, the screen around it stays Latvian.
    const ru = [...article()!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'RU')!
    ru.click()
    await desk.settle()
    expect(article()?.getAttribute('lang')).toBe('ru')
    expect(article()?.querySelector('h2')?.textContent).toMatch(/[а-яё]/u)
    expect(article()?.textContent).toContain('Esc — atpakaļ uz sarakstu')

    article()!.querySelector<HTMLElement>('h2')!.focus()
    press({ key: 'Escape' })
    await settleFrames(desk)
    expect(article()).toBeNull()
    expect(document.activeElement?.id).toBe('faq-search-input')
    // Esc in the search field clears the query.
    press({ key: 'Escape' })
    await desk.settle()
    expect((document.getElementById('faq-search-input') as HTMLInputElement).value).toBe('')
  }, 60_000)

  it('filters by category and says when nothing is found', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'liga', path: '/faq' })
    await desk.settle()
    const select = document.querySelector<HTMLSelectElement>('[data-testid=faq-category]')!
    select.value = 'users'
    select.dispatchEvent(new Event('change', { bubbles: true }))
    await desk.settle()
    expect(hits()).toHaveLength(2)
    expect(hits().every((h) => h.textContent?.includes('Lietotāji un tiesības'))).toBe(true)
    document.getElementById('faq-search-input')!.focus()
    await type(desk, '{@|} zzzz')
    expect(hits()).toHaveLength(0)
    expect(document.querySelector('[data-testid=faq-status]')?.textContent).toContain('Nekas nav atrasts')
  }, 60_000)

  it('is in Russian for a Russian-speaking agent, case-blind', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'olga', language: 'ru', path: '/faq' })
    await desk.settle()
    document.getElementById('faq-search-input')!.focus()
    await type(desk, 'ПАРОЛЬ')
    expect(questions().length).toBeGreaterThan(0)
    expect(questions().every((q) => /[а-яё]/iu.test(q))).toBe(true)
    expect(document.querySelector('label[for=faq-search-input]')?.textContent).toBe(
      'Поиск по вопросам и ответам',
    )
  }, 60_000)

  it('lets a supervisor edit the article shown; Ctrl+Enter saves a new version', async () => {
    desk = await mountOnBackend({ seed: null, signInAs: 'janis', path: '/faq' })
    await desk.settle()
    document.getElementById('faq-search-input')!.focus()
    await type(desk, 'nulle')
    press({ key: 'Enter' })
    await settleFrames(desk)
    expect(article()?.textContent).toContain('1. versija')
    document
      .querySelector<HTMLElement>('[data-testid=faq-edit] button, button[data-testid=faq-edit]')!
      .click()
    await settleFrames(desk)
    const question = document.getElementById('faq-edit-question') as HTMLInputElement
    expect(document.activeElement).toBe(question)
    question.value = 'Vai nulles rādījums jāiesniedz?'
    question.dispatchEvent(new Event('input', { bubbles: true }))
    press({ key: 'Enter', ctrlKey: true })
    await settleFrames(desk)
    expect(article()?.querySelector('h2')?.textContent?.trim()).toBe('Vai nulles rādījums jāiesniedz?')
    expect(article()?.textContent).toContain('2. versija')
    expect(questions()).toContain('Vai nulles rādījums jāiesniedz?')
    // The text it replaced is kept and shown on request.
    document.querySelector<HTMLElement>('button[data-testid=faq-history-show]')!.click()
    await desk.settle()
    const history = document.querySelector('[data-testid=faq-history]')
    expect(history?.textContent).toContain('1. versija, aizstāja Jānis Bērziņš')
    expect(history?.textContent).toContain('Vai rādījums jāiesniedz arī tad, ja gāzi neesmu lietojis?')
  }, 60_000)
})
